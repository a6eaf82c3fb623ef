package org.octt.tls.ws;

import org.octt.tls.ws.internal.PkixPolicy;

import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.time.Clock;
import org.octt.tls.trust.TrustValidator;

/**
 * Decides whether the certificate chain a server presents is acceptable for the host the client
 * connects to. The client records the chain before it asks; when the policy rejects it, the TLS
 * handshake fails (unless the connection is explicitly insecure) and neither the
 * {@code Authorization} header nor the client certificate is sent.
 *
 * <p>Called on a Netty event loop during the handshake: implementations must not block on I/O and
 * must be thread-safe.
 */
@FunctionalInterface
public interface ServerCertificatePolicy {

    /**
     * Judges a chain.
     *
     * @param chain the chain as the server sent it, leaf first; never null, may be empty
     * @param host  the host name (or IP literal) of the URL, without brackets or port; never null
     * @return the reason the chain is rejected, saying what was expected and what was seen; empty when
     *         the chain is accepted
     */
    Optional<String> reject(List<X509Certificate> chain, String host);

    /**
     * RFC 5280 path validation (PKIX, revocation not checked) against the given trust anchors, then a
     * host name check of the leaf (subjectAltName DNS names or IP addresses; the commonName when the
     * certificate has no DNS subjectAltName; a wildcard covers one left-most label).
     *
     * @param anchors the trusted root certificates; not empty
     */
    static ServerCertificatePolicy trustAnchors(Collection<X509Certificate> anchors) {
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException("at least one trust anchor is needed, was: none");
        }
        return of(TrustValidator.of(List.copyOf(anchors)), Clock.systemUTC());
    }

    /** {@link #trustAnchors} with the JDK's default trust store ({@code cacerts}). */
    static ServerCertificatePolicy jdkDefaultTrust() {
        return of(TrustValidator.jdkDefault(), Clock.systemUTC());
    }

    /** Path validation with {@code validator} at {@code clock}'s time, then the host name check. */
    static ServerCertificatePolicy of(TrustValidator validator, Clock clock) {
        return PkixPolicy.of(validator, clock);
    }
}
