package org.octt.core.spi;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A client certificate chain and its private key (security profile 3). {@link #toString()} never
 * shows the key. A final class rather than a record, so that it can grow (an OCSP response, a key
 * store alias) without breaking plugins: make one with {@link #of}.
 */
public final class KeyMaterial {

    private final List<X509Certificate> chain;
    private final PrivateKey key;

    private KeyMaterial(List<X509Certificate> chain, PrivateKey key) {
        this.chain = List.copyOf(chain);
        this.key = Objects.requireNonNull(key, "key");
        if (this.chain.isEmpty()) {
            throw new IllegalArgumentException("client certificate chain must not be empty");
        }
    }

    /**
     * Key material of a chain and its key.
     *
     * @param chain the certificate chain, leaf first; not empty
     * @param key   the private key matching the leaf
     */
    public static KeyMaterial of(List<X509Certificate> chain, PrivateKey key) {
        return new KeyMaterial(chain, key);
    }

    /** The certificate chain, leaf first; not empty, unmodifiable. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** The private key matching the leaf. */
    public PrivateKey key() {
        return key;
    }

    /** The leaf certificate. */
    public X509Certificate leaf() {
        return chain.get(0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyMaterial m && chain.equals(m.chain) && key.equals(m.key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(chain, key);
    }

    @Override
    public String toString() {
        return "KeyMaterial[leaf=" + leaf().getSubjectX500Principal().getName() + ", key=****]";
    }
}
