package org.octt.tls.probe;

import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.octt.tls.probe.internal.ClientKeys;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A client certificate chain and its private key, which a probe presents when the server asks for a
 * client certificate (as a Charge Point does under OCPP security profile 3).
 *
 * <p>The key is RSA or EC (algorithm {@code RSA}, {@code EC} or {@code ECDSA}) and must belong to the leaf certificate; it must be exportable
 * ({@link PrivateKey#getEncoded()} not null), as Bouncy Castle's TLS client signs with it.
 * {@link #toString()} names the leaf and never shows the key. Immutable; the key object is shared,
 * not copied.
 *
 * @param chain      the certificates to send, leaf first (the root may be left out); not empty
 * @param privateKey the leaf certificate's private key; not null
 */
public record ClientCredential(List<X509Certificate> chain, PrivateKey privateKey) {

    public ClientCredential {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(privateKey, "privateKey");
        for (X509Certificate c : chain) {
            Objects.requireNonNull(c, "chain contains null");
        }
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("client certificate chain must not be empty, was: []");
        }
        String algorithm = privateKey.getAlgorithm();
        if (!"RSA".equals(algorithm) && !"EC".equals(algorithm) && !"ECDSA".equals(algorithm)) {
            throw new IllegalArgumentException("client private key must be RSA or EC, was: " + algorithm);
        }
        checkPair(chain.get(0), privateKey);
    }

    /** The leaf certificate, the one the key belongs to. */
    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** The leaf's subject, for messages. */
    public String subject() {
        return leaf().getSubjectX500Principal().getName();
    }

    @Override
    public String toString() {
        return "ClientCredential[" + subject() + ", " + chain.size()
                + (chain.size() == 1 ? " certificate" : " certificates") + ", " + privateKey.getAlgorithm()
                + " key=****]";
    }

    private static void checkPair(X509Certificate leaf, PrivateKey key) {
        AsymmetricKeyParameter priv = ClientKeys.lightweight(key);
        AsymmetricKeyParameter pub;
        try {
            pub = PublicKeyFactory.createKey(leaf.getPublicKey().getEncoded());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read the public key of client certificate "
                    + leaf.getSubjectX500Principal().getName() + ": " + e.getMessage(), e);
        }
        boolean matches;
        if (priv instanceof RSAKeyParameters rsa && pub instanceof RSAKeyParameters rsaPub) {
            matches = rsa.getModulus().equals(rsaPub.getModulus());
        } else if (priv instanceof ECPrivateKeyParameters ec && pub instanceof ECPublicKeyParameters ecPub) {
            matches = ec.getParameters().getCurve().equals(ecPub.getParameters().getCurve())
                    && ec.getParameters().getG().multiply(ec.getD()).normalize().equals(ecPub.getQ().normalize());
        } else {
            matches = false;
        }
        if (!matches) {
            throw new IllegalArgumentException("client private key (" + key.getAlgorithm()
                    + ") does not belong to client certificate " + leaf.getSubjectX500Principal().getName()
                    + " (its public key is " + leaf.getPublicKey().getAlgorithm() + ")");
        }
    }
}
