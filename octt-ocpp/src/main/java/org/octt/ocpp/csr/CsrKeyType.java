package org.octt.ocpp.csr;

import org.octt.tls.pki.KeyPairs;

import java.security.KeyPair;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The key a Charge Point makes for a new certificate (OCPP 1.6 security whitepaper: at least RSA 2048
 * or EC 224 bits): RSA 2048 (the default) or EC P-256. Each has a stable kebab-case {@link #id()}.
 */
public enum CsrKeyType {

    /** RSA, 2048 bits, CSR signed with SHA256withRSA. */
    RSA_2048("rsa-2048", "SHA256withRSA"),
    /** EC on secp256r1 (P-256), CSR signed with SHA256withECDSA. */
    EC_P256("ec-p256", "SHA256withECDSA");

    private final String id;
    private final String signatureAlgorithm;

    CsrKeyType(String id, String signatureAlgorithm) {
        this.id = id;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The stable name, {@code rsa-2048} or {@code ec-p256}. */
    public String id() {
        return id;
    }

    /** The JCA algorithm the CSR is signed with. */
    String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** A fresh key pair of this type. */
    KeyPair generate() {
        return this == RSA_2048 ? KeyPairs.rsa(2048) : KeyPairs.ec("secp256r1");
    }

    /**
     * The type with this {@link #id()} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the value and the valid ones
     */
    public static CsrKeyType fromId(String id) {
        if (id != null) {
            String n = id.trim().toLowerCase(Locale.ROOT);
            for (CsrKeyType t : values()) {
                if (t.id.equals(n)) {
                    return t;
                }
            }
        }
        throw new IllegalArgumentException("unknown key type '" + id + "'; valid: " + validIds());
    }

    /** The valid ids, comma-separated. */
    public static String validIds() {
        return Arrays.stream(values()).map(CsrKeyType::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
