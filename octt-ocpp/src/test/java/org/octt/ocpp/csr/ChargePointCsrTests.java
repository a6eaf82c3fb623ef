package org.octt.ocpp.csr;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.octt.core.spi.KeyMaterial;
import org.octt.tls.pki.CertificateBuilder;
import org.octt.tls.pki.IssuedCertificate;
import org.octt.tls.pki.KeyPairs;

import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChargePointCsrTests {

    @Test
    void makesAnRsa2048CsrWithTheSerialNumberAsCnAndTheOperatorAsOSignedWithItsKey() throws Exception {
        ChargePointCsr csr = ChargePointCsr.generate(CsrKeyType.RSA_2048, "SN-4711", Optional.of("Acme Charging"));

        PKCS10CertificationRequest parsed = parse(csr.pem());
        assertThat(parsed.getSubject()).isEqualTo(new X500Name("O=Acme Charging,CN=SN-4711"));
        assertThat(parsed.isSignatureValid(new JcaContentVerifierProviderBuilder().build(parsed.getSubjectPublicKeyInfo())))
                .isTrue();
        assertThat(new JcaPKCS10CertificationRequest(parsed).getPublicKey().getEncoded())
                .isEqualTo(csr.publicKey().getEncoded());
        assertThat(((RSAPublicKey) csr.publicKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(parsed.getSignatureAlgorithm().getAlgorithm().getId()).isEqualTo("1.2.840.113549.1.1.11"); // sha256WithRSA
    }

    @Test
    void makesAnEcP256CsrWithoutOWhenNoOperatorIsGiven() throws Exception {
        ChargePointCsr csr = ChargePointCsr.generate(CsrKeyType.EC_P256, "CP001", Optional.empty());

        PKCS10CertificationRequest parsed = parse(csr.pem());
        assertThat(parsed.getSubject()).isEqualTo(new X500Name("CN=CP001"));
        assertThat(((ECPublicKey) csr.publicKey()).getParams().getOrder().bitLength()).isEqualTo(256);
        assertThat(parsed.getSignatureAlgorithm().getAlgorithm().getId()).isEqualTo("1.2.840.10045.4.3.2"); // ecdsa-with-SHA256
    }

    @Test
    void pemIsOneCertificateRequestBlock() {
        ChargePointCsr csr = ChargePointCsr.generate(CsrKeyType.EC_P256, "CP001", Optional.empty());

        assertThat(csr.pem()).startsWith("-----BEGIN CERTIFICATE REQUEST-----\n")
                .endsWith("\n-----END CERTIFICATE REQUEST-----\n");
    }

    @Test
    void neverShowsThePrivateKey() {
        ChargePointCsr csr = ChargePointCsr.generate(CsrKeyType.EC_P256, "CP001", Optional.of("octt"));

        KeyMaterial km = csr.keyMaterial(List.of(issue(csr).certificate()));
        String encodedKey = Base64.getEncoder().encodeToString(km.key().getEncoded());
        assertThat(csr.toString()).isEqualTo("ChargePointCsr[ec-p256, O=octt, CN=CP001, key=****]")
                .doesNotContain(encodedKey);
        assertThat(csr.pem()).doesNotContain("PRIVATE");
    }

    @Test
    void keyMaterialPairsTheSignedLeafWithTheNewPrivateKey() {
        ChargePointCsr csr = ChargePointCsr.generate(CsrKeyType.EC_P256, "CP001", Optional.empty());
        IssuedCertificate leaf = issue(csr);

        KeyMaterial km = csr.keyMaterial(List.of(leaf.certificate()));

        assertThat(km.leaf()).isEqualTo(leaf.certificate());
        assertThat(km.key().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void keyMaterialRefusesALeafWithAnotherKey() {
        ChargePointCsr csr = ChargePointCsr.generate(CsrKeyType.EC_P256, "CP001", Optional.empty());
        IssuedCertificate other = CertificateBuilder.create().subject("CN=CP001").keyPair(KeyPairs.ec("secp256r1")).build();

        assertThatThrownBy(() -> csr.keyMaterial(List.of(other.certificate())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the chain's leaf CN=CP001 does not carry this CSR's public key");
        assertThatThrownBy(() -> csr.keyMaterial(List.of())).hasMessage("the signed chain is empty");
    }

    @Test
    void refusesABlankSerialNumberOrOperator() {
        assertThatThrownBy(() -> ChargePointCsr.generate(CsrKeyType.EC_P256, " ", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the CSR's CN (the serial number) must not be blank");
        assertThatThrownBy(() -> ChargePointCsr.generate(CsrKeyType.EC_P256, "CP001", Optional.of("")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the CSR's O (the operator) must not be blank when given");
    }

    @Test
    void keyTypesHaveStableIdsAndAnUnknownOneIsNamed() {
        assertThat(CsrKeyType.fromId("RSA-2048")).isEqualTo(CsrKeyType.RSA_2048);
        assertThat(CsrKeyType.fromId("ec-p256")).isEqualTo(CsrKeyType.EC_P256);
        assertThatThrownBy(() -> CsrKeyType.fromId("dsa-1024"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown key type 'dsa-1024'; valid: rsa-2048, ec-p256");
    }

    /** A leaf for the CSR's public key, self-signed by a throwaway CA. */
    static IssuedCertificate issue(ChargePointCsr csr) {
        IssuedCertificate ca = CertificateBuilder.create().subject("CN=test CA").keyPair(KeyPairs.ec("secp256r1")).ca().build();
        return CertificateBuilder.create().subject("CN=" + csr.commonName()).keyPair(new KeyPair(csr.publicKey(), null))
                .issuer(ca).build();
    }

    private static PKCS10CertificationRequest parse(String pem) throws Exception {
        String body = pem.replace("-----BEGIN CERTIFICATE REQUEST-----", "").replace("-----END CERTIFICATE REQUEST-----", "")
                .replaceAll("\\s", "");
        return new PKCS10CertificationRequest(Base64.getDecoder().decode(body));
    }
}
