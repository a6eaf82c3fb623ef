package org.octt.tls.ws;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * The Charge Point's certificate chain (leaf first) and private key, offered to a server that asks
 * for a client certificate (security profile 3). {@link #toString()} never shows the key.
 *
 * @param chain the client certificate first, then its issuers; not empty
 * @param key   the private key of the first certificate
 */
public record ClientKeyMaterial(List<X509Certificate> chain, PrivateKey key) {

    public ClientKeyMaterial {
        chain = List.copyOf(chain);
        Objects.requireNonNull(key, "key");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("client certificate chain must not be empty");
        }
    }

    /** The client certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    @Override
    public String toString() {
        return "ClientKeyMaterial[" + certificate().getSubjectX500Principal().getName() + ", "
                + key.getAlgorithm() + " key=****]";
    }
}
