package org.octt.tls.cert;

/** The algorithm of a certificate's subject public key, from the SubjectPublicKeyInfo OID. */
public enum KeyAlgorithm {
    /** rsaEncryption (1.2.840.113549.1.1.1). */
    RSA("RSA"),
    /** id-RSASSA-PSS (1.2.840.113549.1.1.10): an RSA key restricted to PSS signatures. */
    RSASSA_PSS("RSASSA-PSS"),
    /** id-dsa (1.2.840.10040.4.1). */
    DSA("DSA"),
    /** id-ecPublicKey (1.2.840.10045.2.1). */
    EC("EC"),
    /** id-Ed25519 (1.3.101.112). */
    ED25519("Ed25519"),
    /** id-Ed448 (1.3.101.113). */
    ED448("Ed448"),
    /** Any other algorithm; {@link PublicKeyFacts#algorithmOid()} says which. */
    OTHER("other");

    private final String displayName;

    KeyAlgorithm(String displayName) {
        this.displayName = displayName;
    }

    /** The usual name: {@code RSA}, {@code RSASSA-PSS}, {@code DSA}, {@code EC}, {@code Ed25519}, {@code Ed448}. */
    public String displayName() {
        return displayName;
    }

    /** True for RSA and RSASSA-PSS keys, whose size is the modulus size. */
    public boolean isRsa() {
        return this == RSA || this == RSASSA_PSS;
    }
}
