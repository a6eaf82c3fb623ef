package org.octt.ocpp.csr;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.octt.tls.pki.CertificateBuilder;
import org.octt.tls.pki.IssuedCertificate;
import org.octt.tls.pki.KeyPairs;
import org.octt.tls.pki.Pem;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.octt.ocpp.csr.SignedChainCheck.Name.COMMON_NAME;
import static org.octt.ocpp.csr.SignedChainCheck.Name.ISSUER;
import static org.octt.ocpp.csr.SignedChainCheck.Name.KEY_SIZE;
import static org.octt.ocpp.csr.SignedChainCheck.Name.PEM;
import static org.octt.ocpp.csr.SignedChainCheck.Name.PUBLIC_KEY;
import static org.octt.ocpp.csr.SignedChainCheck.Name.VALIDITY;
import static org.octt.ocpp.csr.SignedChainCheck.Status.FAILED;
import static org.octt.ocpp.csr.SignedChainCheck.Status.NOT_CHECKED;
import static org.octt.ocpp.csr.SignedChainCheck.Status.PASSED;

class SignedChainVerificationTests {

    static final Instant NOW = Instant.now();
    static IssuedCertificate ca;
    static IssuedCertificate intermediate;
    static ChargePointCsr csr;

    @BeforeAll
    static void makeCaAndCsr() {
        ca = CertificateBuilder.create().subject("O=octt, CN=Charge Point CA").keyPair(KeyPairs.ec("secp256r1")).ca().build();
        intermediate = CertificateBuilder.create().subject("O=octt, CN=Charge Point sub CA").keyPair(KeyPairs.ec("secp256r1"))
                .ca().issuer(ca).build();
        csr = ChargePointCsr.generate(CsrKeyType.EC_P256, "CP001", Optional.of("octt"));
    }

    static CertificateBuilder leaf() {
        return CertificateBuilder.create().subject("O=octt, CN=CP001").keyPair(new KeyPair(csr.publicKey(), null)).issuer(ca);
    }

    static SignedChainVerification verify(String pem) {
        return SignedChainVerification.verify(pem, csr, "CP001", Optional.of(ca.certificate()), NOW);
    }

    static Map<SignedChainCheck.Name, SignedChainCheck.Status> statuses(SignedChainVerification v) {
        Map<SignedChainCheck.Name, SignedChainCheck.Status> m = new LinkedHashMap<>();
        v.checks().forEach(c -> m.put(c.name(), c.status()));
        return m;
    }

    static Map<SignedChainCheck.Name, SignedChainCheck.Status> allPassedBut(Object... nameAndStatus) {
        Map<SignedChainCheck.Name, SignedChainCheck.Status> m = new LinkedHashMap<>();
        for (SignedChainCheck.Name n : SignedChainCheck.Name.values()) {
            m.put(n, PASSED);
        }
        for (int i = 0; i < nameAndStatus.length; i += 2) {
            m.put((SignedChainCheck.Name) nameAndStatus[i], (SignedChainCheck.Status) nameAndStatus[i + 1]);
        }
        return m;
    }

    @Test
    void passesEveryCheckForALeafOfTheCsrKeyIssuedByTheCa() {
        IssuedCertificate leaf = leaf().build();

        SignedChainVerification v = verify(Pem.certificates(List.of(leaf.certificate(), ca.certificate())));

        assertThat(statuses(v)).containsExactlyEntriesOf(allPassedBut());
        assertThat(v.acceptable()).isTrue();
        assertThat(v.problems()).isEmpty();
        assertThat(v.chain()).containsExactly(leaf.certificate(), ca.certificate());
        assertThat(v.check(PEM).message()).isEqualTo("expected one or more PEM CERTIFICATE blocks, each an X.509"
                + " certificate, seen 2 certificate(s): CN=CP001,O=octt <- CN=Charge Point CA,O=octt");
        assertThat(v.check(PUBLIC_KEY).message()).isEqualTo("expected the leaf carries the CSR's EC 256-bit key, seen the CSR's key");
        assertThat(v.check(COMMON_NAME).message()).isEqualTo("expected CN=CP001, seen CN=CP001");
        assertThat(v.check(KEY_SIZE).message())
                .isEqualTo("expected RSA of at least 2048 bits or EC of at least 224 bits, seen EC 256-bit");
        assertThat(v.check(ISSUER).message()).isEqualTo("expected issued by the Charge Point CA CN=Charge Point CA,O=octt"
                + " (directly or through the chain), seen the leaf is signed by it");
    }

    @Test
    void passesTheIssuerThroughAnIntermediateOfTheChain() {
        IssuedCertificate leaf = leaf().issuer(intermediate).build();

        SignedChainVerification v = verify(Pem.certificates(List.of(leaf.certificate(), intermediate.certificate())));

        assertThat(v.check(ISSUER).status()).isEqualTo(PASSED);
        assertThat(v.check(ISSUER).seen()).isEqualTo("the leaf chains to it in 2 step(s)");
    }

    @Test
    void failsPublicKeyForALeafOfAnotherKey() {
        IssuedCertificate leaf = leaf().keyPair(KeyPairs.ec("secp256r1")).build();

        SignedChainVerification v = verify(leaf.certificatePem());

        assertThat(statuses(v)).containsExactlyEntriesOf(allPassedBut(PUBLIC_KEY, FAILED));
        assertThat(v.acceptable()).isFalse();
        assertThat(v.problems()).isEqualTo("public-key: expected the leaf carries the CSR's EC 256-bit key,"
                + " seen another EC 256-bit key than the CSR's");
    }

    @Test
    void failsCommonNameForAnotherCnAndForNone() {
        SignedChainVerification other = verify(leaf().subject("O=octt, CN=CP002").build().certificatePem());
        SignedChainVerification none = verify(leaf().subject("O=octt").build().certificatePem());

        assertThat(statuses(other)).containsExactlyEntriesOf(allPassedBut(COMMON_NAME, FAILED));
        assertThat(other.check(COMMON_NAME).message()).isEqualTo("expected CN=CP001, seen CN=CP002");
        assertThat(none.check(COMMON_NAME).message()).isEqualTo("expected CN=CP001, seen no CN (subject O=octt)");
    }

    @Test
    void failsKeySizeForRsa1024AndEcP192() {
        SignedChainVerification rsa = verify(leaf().keyPair(KeyPairs.rsa(1024)).build().certificatePem());
        SignedChainVerification ec = verify(leaf().keyPair(KeyPairs.ec("secp192r1")).build().certificatePem());

        assertThat(statuses(rsa)).containsExactlyEntriesOf(allPassedBut(PUBLIC_KEY, FAILED, KEY_SIZE, FAILED));
        assertThat(rsa.check(KEY_SIZE).seen()).isEqualTo("RSA 1024-bit");
        assertThat(ec.check(KEY_SIZE).status()).isEqualTo(FAILED);
        assertThat(ec.check(KEY_SIZE).seen()).isEqualTo("EC 192-bit");
    }

    @Test
    void passesKeySizeForRsa2048() {
        ChargePointCsr rsaCsr = ChargePointCsr.generate(CsrKeyType.RSA_2048, "CP001", Optional.empty());
        IssuedCertificate leaf = CertificateBuilder.create().subject("CN=CP001")
                .keyPair(new KeyPair(rsaCsr.publicKey(), null)).issuer(ca).build();

        SignedChainVerification v = SignedChainVerification.verify(leaf.certificatePem(), rsaCsr, "CP001",
                Optional.of(ca.certificate()), NOW);

        assertThat(statuses(v)).containsExactlyEntriesOf(allPassedBut());
        assertThat(v.check(KEY_SIZE).seen()).isEqualTo("RSA 2048-bit");
    }

    @Test
    void failsValidityForAnExpiredLeafAndOneNotYetValid() {
        Instant expiredAt = NOW.minus(Duration.ofDays(1));
        IssuedCertificate expired = leaf().validity(NOW.minus(Duration.ofDays(30)), expiredAt).build();
        IssuedCertificate future = leaf().validity(NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30))).build();

        SignedChainVerification e = verify(expired.certificatePem());
        SignedChainVerification f = verify(future.certificatePem());

        assertThat(statuses(e)).containsExactlyEntriesOf(allPassedBut(VALIDITY, FAILED));
        assertThat(e.check(VALIDITY).seen()).isEqualTo("CN=CP001,O=octt expired at "
                + expired.certificate().getNotAfter().toInstant());
        assertThat(f.check(VALIDITY).seen()).startsWith("CN=CP001,O=octt not valid before ");
    }

    @Test
    void failsIssuerForALeafOfAnotherCaWithTheSameName() {
        IssuedCertificate impostor = CertificateBuilder.create().subject("O=octt, CN=Charge Point CA")
                .keyPair(KeyPairs.ec("secp256r1")).ca().build();
        IssuedCertificate leaf = leaf().issuer(impostor).build();

        SignedChainVerification v = verify(Pem.certificates(List.of(leaf.certificate(), impostor.certificate())));

        assertThat(statuses(v)).containsExactlyEntriesOf(allPassedBut(ISSUER, FAILED));
        assertThat(v.check(ISSUER).seen()).isEqualTo("the chain ends at CN=Charge Point CA,O=octt, issued by"
                + " CN=Charge Point CA,O=octt, which the Charge Point CA did not sign");
    }

    @Test
    void doesNotCheckTheIssuerWithoutACa() {
        IssuedCertificate leaf = leaf().build();

        SignedChainVerification v = SignedChainVerification.verify(leaf.certificatePem(), csr, "CP001", Optional.empty(), NOW);

        assertThat(statuses(v)).containsExactlyEntriesOf(allPassedBut(ISSUER, NOT_CHECKED));
        assertThat(v.acceptable()).isTrue();
        assertThat(v.check(ISSUER).message()).isEqualTo("not checked: the Charge Point CA is not known; the leaf is"
                + " issued by CN=Charge Point CA,O=octt");
    }

    @Test
    void failsPemForACutBlockAndChecksNothingElse() {
        String pem = leaf().build().certificatePem();

        SignedChainVerification v = verify(pem.substring(0, pem.indexOf("-----END")));

        assertThat(statuses(v)).containsExactlyEntriesOf(allPassedBut(PEM, FAILED, PUBLIC_KEY, NOT_CHECKED,
                COMMON_NAME, NOT_CHECKED, KEY_SIZE, NOT_CHECKED, VALIDITY, NOT_CHECKED, ISSUER, NOT_CHECKED));
        assertThat(v.check(PEM).seen()).startsWith("text that is not valid PEM (");
        assertThat(v.check(PUBLIC_KEY).message()).isEqualTo("not checked: the certificateChain is not a PEM certificate chain");
        assertThat(v.chain()).isEmpty();
    }

    @Test
    void failsPemForNoBlockAnotherBlockTypeGarbageAndTextAroundTheBlocks() {
        String cert = leaf().build().certificatePem();

        assertThat(verify("").check(PEM).seen()).isEqualTo("an empty certificateChain");
        assertThat(verify("MIIB\u0001not pem").check(PEM).seen())
                .isEqualTo("no PEM CERTIFICATE block, the text begins 'MIIB\\u0001not pem'");
        assertThat(verify(Pem.block("PRIVATE KEY", new byte[] {1, 2, 3})).check(PEM).seen())
                .isEqualTo("PEM block 1 is a PRIVATE KEY, not a CERTIFICATE");
        assertThat(verify(Pem.block("CERTIFICATE", new byte[] {1, 2, 3})).check(PEM).seen())
                .startsWith("PEM block 1 is not an X.509 certificate (");
        assertThat(verify(cert + "trailing words").check(PEM).seen())
                .isEqualTo("text outside the PEM blocks, beginning 'trailing words'");
    }

    @Test
    void checksReadEveryCertificateOfTheChainInOrder() {
        IssuedCertificate leaf = leaf().issuer(intermediate).build();
        List<X509Certificate> chain = List.of(leaf.certificate(), intermediate.certificate(), ca.certificate());

        SignedChainVerification v = verify(Pem.certificates(chain));

        assertThat(v.chain()).containsExactlyElementsOf(chain);
        assertThat(v.toString()).isEqualTo("SignedChainVerification[[pem=PASSED, public-key=PASSED, common-name=PASSED,"
                + " key-size=PASSED, validity=PASSED, issuer=PASSED]]");
    }
}
