package org.octt.tls.cert;

import java.util.Objects;

/**
 * The algorithm the issuer signed a certificate with.
 *
 * @param name   Bouncy Castle's name, e.g. {@code SHA256WITHRSA}, {@code SHA256WITHECDSA},
 *               {@code SHA256WITHRSAANDMGF1} (RSASSA-PSS), {@code ED25519}; the OID when unknown
 * @param oid    the signature algorithm OID
 * @param digest the digest, e.g. {@code SHA-256} (for RSASSA-PSS the hash in its parameters;
 *               {@code SHA-512} for Ed25519); {@code unknown} when it cannot be told
 */
public record SignatureAlgorithmFacts(String name, String oid, String digest) {

    public SignatureAlgorithmFacts {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(oid, "oid");
        Objects.requireNonNull(digest, "digest");
    }

    /** True for RSASSA-PSS signatures (OID 1.2.840.113549.1.1.10). */
    public boolean isRsaPss() {
        return "1.2.840.113549.1.1.10".equals(oid);
    }

    /** True for ECDSA signatures (OIDs under 1.2.840.10045.4). */
    public boolean isEcdsa() {
        return oid.startsWith("1.2.840.10045.4.");
    }
}
