package org.octt.tls.ws.internal;

import org.octt.tls.ws.ClientKeyMaterial;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;

/**
 * Offers one client certificate whenever the server asks for one with a compatible key type,
 * whatever issuers the server names (as {@code curl --cert} and {@code openssl s_client -cert} do).
 * Thread-safe.
 */
public final class FixedKeyManager extends X509ExtendedKeyManager {

    private static final String ALIAS = "octt-client";

    private final X509Certificate[] chain;
    private final PrivateKey key;
    private final String keyType;

    public FixedKeyManager(ClientKeyMaterial material) {
        this.chain = material.chain().toArray(new X509Certificate[0]);
        this.key = toJdkKey(material.key());
        String alg = key.getAlgorithm();
        this.keyType = "ECDSA".equalsIgnoreCase(alg) ? "EC" : alg;
    }

    /** Re-reads a key from another provider (e.g. Bouncy Castle) as a JDK key, so that JSSE signs with it. */
    private static PrivateKey toJdkKey(PrivateKey key) {
        byte[] encoded = key.getEncoded();
        if (encoded == null || !"PKCS#8".equals(key.getFormat())) {
            return key;
        }
        String alg = "ECDSA".equalsIgnoreCase(key.getAlgorithm()) ? "EC" : key.getAlgorithm();
        try {
            return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            return key;
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    private boolean compatible(String[] keyTypes) {
        if (keyTypes == null) {
            return false;
        }
        for (String t : keyTypes) {
            if (t.equalsIgnoreCase(keyType) || ("RSA".equals(keyType) && t.equalsIgnoreCase("RSASSA-PSS"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return compatible(keyTypes) ? ALIAS : null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return compatible(keyTypes) ? ALIAS : null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return compatible(new String[] {keyType}) ? new String[] {ALIAS} : null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? key : null;
    }

    @Override
    public String toString() {
        return "FixedKeyManager[" + chain[0].getSubjectX500Principal().getName() + ", key=****]";
    }
}
