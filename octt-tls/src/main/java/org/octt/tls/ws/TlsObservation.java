package org.octt.tls.ws;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the client saw of the server's certificate during one connection attempt.
 *
 * @param serverChain      the chain as the server presented it, leaf first; empty when the handshake
 *                         did not get that far
 * @param policyRejection  why the {@link ServerCertificatePolicy} rejected the chain; empty when it
 *                         accepted it or was never asked
 * @param insecure         whether the connection was explicitly insecure, so that a rejection did not
 *                         stop it
 */
public record TlsObservation(List<X509Certificate> serverChain, Optional<String> policyRejection, boolean insecure) {

    /** Nothing seen: the handshake did not reach the server's certificate. */
    public static final TlsObservation NONE = new TlsObservation(List.of(), Optional.empty(), false);

    public TlsObservation {
        serverChain = List.copyOf(serverChain);
        Objects.requireNonNull(policyRejection, "policyRejection");
    }

    /** True when the policy rejected the chain and the connection went on because it was insecure. */
    public boolean validationOverridden() {
        return insecure && policyRejection.isPresent();
    }

    @Override
    public String toString() {
        return "TlsObservation[serverChain=" + serverChain.stream()
                .map(c -> c.getSubjectX500Principal().getName()).toList()
                + ", policyRejection=" + policyRejection.orElse("none") + ", insecure=" + insecure + "]";
    }
}
