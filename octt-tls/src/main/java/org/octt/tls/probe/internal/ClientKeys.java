package org.octt.tls.probe.internal;

import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;

import java.io.IOException;
import java.security.PrivateKey;

/** Converts JDK private keys to Bouncy Castle's lightweight form. Stateless; thread-safe. */
public final class ClientKeys {

    private ClientKeys() {
    }

    /**
     * The key in Bouncy Castle's lightweight form, from its PKCS#8 encoding.
     *
     * @throws IllegalArgumentException when the key cannot be exported or decoded; the message never
     *                                  contains key material and no cause is attached (its message
     *                                  might quote the encoding)
     */
    public static AsymmetricKeyParameter lightweight(PrivateKey key) {
        byte[] encoded = key.getEncoded();
        if (encoded == null) {
            throw new IllegalArgumentException("client private key (" + key.getAlgorithm()
                    + ") cannot be exported: getEncoded() returned null (a hardware or non-extractable key)");
        }
        try {
            return PrivateKeyFactory.createKey(encoded);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("client private key (" + key.getAlgorithm() + ", format "
                    + key.getFormat() + ") cannot be decoded: " + e.getClass().getSimpleName());
        } finally {
            java.util.Arrays.fill(encoded, (byte) 0);
        }
    }
}
