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
