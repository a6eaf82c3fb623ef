package org.octt.testkit.internal;

import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.octt.tls.pki.IssuedCertificate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One server certificate made ready for handshakes once, at start: its chain (without the root) in
 * DER, its private key as Bouncy Castle parameters, and whether its key is on P-256. A handshake then
 * only parses the DER into Bouncy Castle's certificate objects (which cache state lazily and so are
 * not shared between connections). Immutable; shared by every connection once safely published.
 */
public final class ServerCredential {

    private final IssuedCertificate issued;
    private final List<byte[]> chainDer;
    private final AsymmetricKeyParameter privateKey;
    private final boolean p256;

    private ServerCredential(IssuedCertificate issued, List<byte[]> chainDer, AsymmetricKeyParameter privateKey) {
        this.issued = issued;
        this.chainDer = chainDer;
        this.privateKey = privateKey;
        this.p256 = issued.certificate().getPublicKey() instanceof ECPublicKey k
                && k.getParams().getCurve().getField().getFieldSize() == 256;
    }

    /** The DER encoding of each certificate to send, leaf first; the arrays are not to be modified. */
    List<byte[]> chainDer() {
        return chainDer;
    }

    /** The private key, converted once; Bouncy Castle's key parameters are not modified by signing. */
    AsymmetricKeyParameter privateKey() {
        return privateKey;
    }

    /** Whether the certificate's key is an EC key on a 256-bit curve (P-256). */
    boolean isP256() {
        return p256;
    }

    @Override
    public String toString() {
        return "ServerCredential[" + issued.certificate().getSubjectX500Principal().getName() + ", key=****]";
    }

    /**
     * Prepares certificates, converting each distinct private key once (many host names share one
     * key pair). Not thread-safe: one instance per start, on the starting thread.
     */
    public static final class Preparer {

        private final Map<PrivateKey, AsymmetricKeyParameter> keys = new IdentityHashMap<>();

        /**
         * @throws IllegalStateException if the certificate cannot be encoded or its key converted, with the cause
         */
        public ServerCredential prepare(IssuedCertificate issued) {
            Objects.requireNonNull(issued, "issued");
            String subject = issued.certificate().getSubjectX500Principal().getName();
            List<X509Certificate> chain = issued.chainWithoutRoot();
            byte[][] der = new byte[chain.size()][];
            for (int i = 0; i < der.length; i++) {
                try {
                    der[i] = chain.get(i).getEncoded();
                } catch (CertificateEncodingException e) {
                    throw new IllegalStateException("cannot encode the server certificate " + subject + ": "
                            + e.getMessage(), e);
                }
            }
            AsymmetricKeyParameter key;
            try {
                key = keys.computeIfAbsent(issued.privateKey(), k -> {
                    try {
                        return PrivateKeyFactory.createKey(k.getEncoded());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw new IllegalStateException("cannot convert the private key of the server certificate " + subject
                        + ": " + e.getCause().getMessage(), e.getCause());
            }
            return new ServerCredential(issued, List.of(der), key);
        }
    }
}
