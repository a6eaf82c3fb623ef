package org.octt.core.spi;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A client certificate chain and its private key (security profile 3). {@link #toString()} never
 * shows the key.
 *
 * @param chain the certificate chain, leaf first; not empty
 * @param key   the private key matching the leaf
 */
public record KeyMaterial(List<X509Certificate> chain, PrivateKey key) {

    public KeyMaterial {
        chain = List.copyOf(chain);
        Objects.requireNonNull(key, "key");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("client certificate chain must not be empty");
        }
    }

    /** The leaf certificate. */
    public X509Certificate leaf() {
        return chain.get(0);
    }

    @Override
    public String toString() {
        return "KeyMaterial[leaf=" + leaf().getSubjectX500Principal().getName() + ", key=****]";
    }
}
