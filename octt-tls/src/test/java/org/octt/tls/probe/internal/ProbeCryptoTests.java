package org.octt.tls.probe.internal;

import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.CertificateType;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCertificate;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.junit.jupiter.api.Test;
import org.octt.tls.pki.KeyPairs;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProbeCryptoTests {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A certificate, signed by a throwaway EC key, for the RSA public key (modulus, exponent). */
    private static byte[] certificate(BigInteger modulus, BigInteger exponent) throws Exception {
        KeyPair signer = KeyPairs.ec("secp256r1");
        SubjectPublicKeyInfo key = new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                new RSAPublicKey(modulus, exponent));
        X500Name name = new X500Name("CN=probe crypto test");
        long now = System.currentTimeMillis();
        return new X509v3CertificateBuilder(name, BigInteger.TEN, new Date(now - 60_000), new Date(now + 3_600_000), name, key)
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())).getEncoded();
    }

    /** A 2048-bit modulus with the small factor 3: Bouncy Castle's RSA key validation refuses it. */
    private static BigInteger modulusWithSmallFactor() {
        return BigInteger.valueOf(3).multiply(BigInteger.probablePrime(2046, RANDOM));
    }

    @Test
    void takesTheServersRsaKeyWithoutBouncyCastlesModulusTest() throws Exception {
        BigInteger modulus = modulusWithSmallFactor();
        byte[] der = certificate(modulus, BigInteger.valueOf(65537));

        // what BcTlsCrypto does: the compositeness and small-factor tests run, and refuse this modulus
        assertThatThrownBy(() -> ((BcTlsCertificate) new BcTlsCrypto(RANDOM).createCertificate(der)).getPubKeyRSA())
                .hasRootCauseMessage("RSA modulus has a small prime factor");

        var key = ((BcTlsCertificate) new ProbeCrypto(RANDOM).createCertificate(der)).getPubKeyRSA();
        assertThat(key.getModulus()).isEqualTo(modulus);
        assertThat(key.getExponent()).isEqualTo(BigInteger.valueOf(65537));
        assertThat(key.isPrivate()).isFalse();
    }

    @Test
    void stillRefusesAnEvenPublicExponent() throws Exception {
        byte[] der = certificate(BigInteger.probablePrime(1024, RANDOM).multiply(BigInteger.probablePrime(1024, RANDOM)),
                BigInteger.valueOf(65536));

        assertThatThrownBy(() -> ((BcTlsCertificate) new ProbeCrypto(RANDOM).createCertificate(CertificateType.X509, der))
                .getPubKeyRSA())
                .isInstanceOfSatisfying(TlsFatalAlert.class,
                        e -> assertThat(e.getAlertDescription()).isEqualTo(AlertDescription.unsupported_certificate))
                .hasRootCauseMessage("RSA publicExponent is even");
    }

    @Test
    void leavesOtherKeysToBouncyCastle() throws Exception {
        KeyPair ec = KeyPairs.ec("secp256r1");
        X500Name name = new X500Name("CN=probe crypto test");
        long now = System.currentTimeMillis();
        byte[] der = new X509v3CertificateBuilder(name, BigInteger.TEN, new Date(now - 60_000), new Date(now + 3_600_000),
                name, SubjectPublicKeyInfo.getInstance(ec.getPublic().getEncoded()))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(ec.getPrivate())).getEncoded();

        var certificate = (BcTlsCertificate) new ProbeCrypto(RANDOM).createCertificate(der);

        assertThat(certificate.getPubKeyEC().getQ().getEncoded(false))
                .isEqualTo(SubjectPublicKeyInfo.getInstance(ec.getPublic().getEncoded()).getPublicKeyData().getBytes());
        assertThatThrownBy(certificate::getPubKeyRSA).isInstanceOf(TlsFatalAlert.class);
    }
}
