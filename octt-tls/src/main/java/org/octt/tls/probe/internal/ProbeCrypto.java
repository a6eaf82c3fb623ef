package org.octt.tls.probe.internal;

import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateType;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

import java.io.IOException;
import java.security.SecureRandom;

/**
 * Bouncy Castle's lightweight TLS crypto for one probe, except that the server's RSA public key is
 * taken as it is: Bouncy Castle otherwise checks every new RSA modulus with a Miller-Rabin
 * compositeness test (several 2048-bit modular exponentiations), which a cold JVM runs in its
 * interpreter or C1 code, without the JIT's BigInteger intrinsics, at tens of milliseconds per
 * certificate (docs/performance.md). A probe only encrypts a pre-master secret to that key or
 * verifies a signature with it; the certificate checks judge the key itself, from the captured chain.
 * An even public exponent is still refused (TLS alert {@code unsupported_certificate}), as before.
 *
 * <p>One instance per probe, like {@link BcTlsCrypto}; it keeps no state of its own.
 */
public final class ProbeCrypto extends BcTlsCrypto {

    public ProbeCrypto(SecureRandom random) {
        super(random);
    }

    @Override
    public TlsCertificate createCertificate(short type, byte[] encoding) throws IOException {
        return type == CertificateType.X509 ? new ProbeCertificate(this, encoding) : super.createCertificate(type, encoding);
    }

    /** An X.509 certificate whose RSA key is not put through Bouncy Castle's modulus validation. */
    static final class ProbeCertificate extends BcTlsCertificate {

        ProbeCertificate(BcTlsCrypto crypto, byte[] encoding) throws IOException {
            super(crypto, encoding);
        }

        @Override
        protected AsymmetricKeyParameter getPublicKey() throws IOException {
            if (!PKCSObjectIdentifiers.rsaEncryption.equals(keyInfo.getAlgorithm().getAlgorithm())) {
                return super.getPublicKey();
            }
            try {
                RSAPublicKey key = RSAPublicKey.getInstance(keyInfo.parsePublicKey());
                // isInternal: skips the compositeness test, keeps the check of the exponent
                return new RSAKeyParameters(false, key.getModulus(), key.getPublicExponent(), true);
            } catch (RuntimeException e) {
                throw new TlsFatalAlert(AlertDescription.unsupported_certificate, e);
            }
        }
    }
}
