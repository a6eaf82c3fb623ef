package org.octt.tls.pki;

import org.octt.tls.internal.BouncyCastle;


import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Set;

/**
 * Key pair generation for test PKIs. RSA keys and EC keys on the curves every JDK generates
 * (secp256r1, secp384r1, secp521r1) come from the JDK's providers; other curves (P-192, P-224,
 * brainpool) from a private Bouncy Castle provider instance, never registered JVM-wide and created
 * only when first needed (constructing it costs about a second on a small machine).
 */
public final class KeyPairs {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<String> JDK_CURVES = Set.of("secp256r1", "secp384r1", "secp521r1",
            "P-256", "P-384", "P-521", "prime256v1");

    private KeyPairs() {
    }

    /** The private Bouncy Castle provider, created on first use. */
    static Provider bc() {
        return BouncyCastle.provider();
    }

    /** An RSA key pair of {@code bits} bits. */
    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits, RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException | IllegalArgumentException jdkRefused) {
            try {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA", bc());
                g.initialize(bits, RANDOM);
                return g.generateKeyPair();
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                e.addSuppressed(jdkRefused);
                throw new IllegalArgumentException("cannot generate RSA-" + bits + " key: " + e.getMessage(), e);
            }
        }
    }

    /** An RSASSA-PSS key pair (OID id-RSASSA-PSS, an RSA key restricted to PSS) of {@code bits} bits. */
    public static KeyPair rsaPss(int bits) {
        return generate("RSASSA-PSS", bits);
    }

    /** A DSA key pair of {@code bits} bits (p size). */
    public static KeyPair dsa(int bits) {
        return generate("DSA", bits);
    }

    /** An Ed25519 key pair. */
    public static KeyPair ed25519() {
        return generate("Ed25519", 0);
    }

    /** An Ed448 key pair. */
    public static KeyPair ed448() {
        return generate("Ed448", 0);
    }

    private static KeyPair generate(String algorithm, int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm, bc());
            if (bits > 0) {
                g.initialize(bits, RANDOM);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot generate " + algorithm + (bits > 0 ? "-" + bits : "")
                    + " key: " + e.getMessage(), e);
        }
    }

    /** An EC key pair on the named curve, e.g. {@code secp256r1}, {@code secp192r1}. */
    public static KeyPair ec(String curve) {
        if (JDK_CURVES.contains(curve)) {
            try {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec(curve), RANDOM);
                return g.generateKeyPair();
            } catch (GeneralSecurityException e) {
                // fall through to Bouncy Castle
            }
        }
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", bc());
            g.initialize(new ECGenParameterSpec(curve), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot generate EC key on curve " + curve + ": " + e.getMessage(), e);
        }
    }
}
