package org.octt.tls.pki;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;

/**
 * Key pair generation for test PKIs. Uses a private Bouncy Castle provider instance (never
 * registered JVM-wide), so that curves the JDK no longer generates (P-192) are available.
 */
public final class KeyPairs {

    static final Provider BC = new BouncyCastleProvider();
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyPairs() {
    }

    /** An RSA key pair of {@code bits} bits. */
    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA", BC);
            g.initialize(bits, RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot generate RSA-" + bits + " key: " + e.getMessage(), e);
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
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm, BC);
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
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BC);
            g.initialize(new ECGenParameterSpec(curve), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot generate EC key on curve " + curve + ": " + e.getMessage(), e);
        }
    }
}
