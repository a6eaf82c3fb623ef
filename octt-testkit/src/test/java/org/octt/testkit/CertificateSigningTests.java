package org.octt.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.octt.tls.cert.PemFiles;
import org.octt.tls.pki.KeyPairs;
import org.octt.tls.pki.Pem;
import reactor.core.publisher.Flux;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reference Central System's answer to SignCertificate.req and the CertificateSigned.req that follows. */
class CertificateSigningTests {

    static ReferencePki pki;
    static KeyPair keys;
    static String csr;

    @BeforeAll
    static void makePkiAndCsr() throws Exception {
        pki = ReferencePki.generate();
        keys = KeyPairs.ec("secp256r1");
        csr = Pem.block("CERTIFICATE REQUEST", new JcaPKCS10CertificationRequestBuilder(new X500Name("O=octt,CN=CP001"),
                keys.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())).getEncoded());
    }

    static Reply answer(CertificateSigning signing, String csrText) {
        JsonNode payload = JsonNodeFactory.instance.objectNode().put("csr", csrText);
        return signing.handler(() -> pki).answer(new ReceivedCall(1, "CP001", "u1", "SignCertificate", payload, Optional.empty()));
    }

    static List<X509Certificate> chain(Reply reply) {
        ScheduledCall call = reply.followUp().orElseThrow();
        assertThat(call.action()).isEqualTo("CertificateSigned");
        return PemFiles.readCertificates(call.payload().get("certificateChain").textValue().getBytes(StandardCharsets.US_ASCII), "chain");
    }

    @Test
    void acceptsTheCsrAndFollowsWithALeafOfItsKeyAndSubjectIssuedByTheClientCa() throws Exception {
        Reply reply = answer(CertificateSigning.issuing(), csr);

        assertThat(reply.payload().orElseThrow().toString()).isEqualTo("{\"status\":\"Accepted\"}");
        List<X509Certificate> chain = chain(reply);
        assertThat(chain).hasSize(2);
        X509Certificate leaf = chain.get(0);
        assertThat(leaf.getPublicKey().getEncoded()).isEqualTo(keys.getPublic().getEncoded());
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=CP001,O=octt");
        leaf.verify(pki.clientCaCertificate().getPublicKey());
        leaf.checkValidity();
        assertThat(chain.get(1)).isEqualTo(pki.clientCaCertificate());
    }

    @Test
    void rejectsACsrThatIsNotPemOrWhoseSignatureFails() throws Exception {
        KeyPair other = KeyPairs.ec("secp256r1");
        String tampered = Pem.block("CERTIFICATE REQUEST", new JcaPKCS10CertificationRequestBuilder(
                new X500Name("O=octt,CN=CP001"), keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(other.getPrivate())).getEncoded());

        assertThat(answer(CertificateSigning.issuing(), "not a csr").payload().orElseThrow().toString())
                .isEqualTo("{\"status\":\"Rejected\"}");
        assertThat(answer(CertificateSigning.issuing(), tampered).payload().orElseThrow().toString())
                .isEqualTo("{\"status\":\"Rejected\"}");
        assertThat(answer(CertificateSigning.issuing(), "not a csr").followUp()).isEmpty();
    }

    @Test
    void rejectingAndWithoutCertificateSignedSendNothing() {
        Reply rejected = answer(CertificateSigning.rejecting(), csr);
        Reply acceptedOnly = answer(CertificateSigning.withoutCertificateSigned(), csr);

        assertThat(rejected.payload().orElseThrow().toString()).isEqualTo("{\"status\":\"Rejected\"}");
        assertThat(rejected.followUp()).isEmpty();
        assertThat(acceptedOnly.payload().orElseThrow().toString()).isEqualTo("{\"status\":\"Accepted\"}");
        assertThat(acceptedOnly.followUp()).isEmpty();
    }

    @Test
    void eachFlawBreaksOnePropertyOfTheLeaf() throws Exception {
        X509Certificate otherKey = chain(answer(CertificateSigning.issuingWith(CertificateSigning.Flaw.OTHER_PUBLIC_KEY), csr)).get(0);
        X509Certificate wrongCn = chain(answer(CertificateSigning.issuingWith(CertificateSigning.Flaw.WRONG_COMMON_NAME), csr)).get(0);
        X509Certificate rsa1024 = chain(answer(CertificateSigning.issuingWith(CertificateSigning.Flaw.RSA_1024), csr)).get(0);
        X509Certificate expired = chain(answer(CertificateSigning.issuingWith(CertificateSigning.Flaw.EXPIRED), csr)).get(0);
        List<X509Certificate> untrusted = chain(answer(CertificateSigning.issuingWith(CertificateSigning.Flaw.UNTRUSTED_ISSUER), csr));

        assertThat(otherKey.getPublicKey().getEncoded()).isNotEqualTo(keys.getPublic().getEncoded());
        assertThat(otherKey.getSubjectX500Principal().getName()).isEqualTo("CN=CP001,O=octt");
        assertThat(wrongCn.getSubjectX500Principal().getName()).isEqualTo("CN=not-CP001,O=octt");
        assertThat(wrongCn.getPublicKey().getEncoded()).isEqualTo(keys.getPublic().getEncoded());
        assertThat(((RSAPublicKey) rsa1024.getPublicKey()).getModulus().bitLength()).isEqualTo(1024);
        assertThat(expired.getNotAfter().toInstant()).isBefore(Instant.now());
        assertThat(untrusted.get(0).getIssuerX500Principal()).isEqualTo(pki.untrustedCa().certificate().getSubjectX500Principal());
        assertThat(untrusted.get(1)).isEqualTo(pki.untrustedCa().certificate());
    }

    @Test
    void malformedPemIsTheChainCutBeforeItsFirstEndLine() {
        Reply reply = answer(CertificateSigning.issuingWith(CertificateSigning.Flaw.MALFORMED_PEM), csr);

        String text = reply.followUp().orElseThrow().payload().get("certificateChain").textValue();
        assertThat(text).startsWith("-----BEGIN CERTIFICATE-----\n").doesNotContain("-----END");
    }

    @Test
    void faultsArePresetsOfThePolicy() {
        assertThat(ReferenceCentralSystem.builder().build().certificateSigning().toString())
                .isEqualTo("CertificateSigning[issuing]");
        assertThat(ReferenceCentralSystem.builder().faults(Fault.SIGN_CERTIFICATE_REJECTED).build().certificateSigning()
                .accepts()).isFalse();
        assertThat(ReferenceCentralSystem.builder().faults(Fault.NO_CERTIFICATE_SIGNED).build().certificateSigning()
                .sendsCertificateSigned()).isFalse();
        assertThat(ReferenceCentralSystem.builder().faults(Fault.SIGNED_OTHER_KEY).build().certificateSigning().flaw())
                .isEqualTo(CertificateSigning.Flaw.OTHER_PUBLIC_KEY);
        assertThat(ReferenceCentralSystem.builder().faults(Fault.SIGNED_WRONG_CN).build().certificateSigning().flaw())
                .isEqualTo(CertificateSigning.Flaw.WRONG_COMMON_NAME);
        assertThat(ReferenceCentralSystem.builder().faults(Fault.SIGNED_MALFORMED_PEM).build().certificateSigning().flaw())
                .isEqualTo(CertificateSigning.Flaw.MALFORMED_PEM);
        assertThat(ReferenceCentralSystem.builder().faults(Fault.SIGNED_RSA_1024).build().certificateSigning().flaw())
                .isEqualTo(CertificateSigning.Flaw.RSA_1024);
        assertThat(ReferenceCentralSystem.builder().faults(Fault.SIGNED_EXPIRED).build().certificateSigning().flaw())
                .isEqualTo(CertificateSigning.Flaw.EXPIRED);
        assertThat(ReferenceCentralSystem.builder().faults(Fault.SIGNED_UNTRUSTED_ISSUER).build().certificateSigning().flaw())
                .isEqualTo(CertificateSigning.Flaw.UNTRUSTED_ISSUER);
        assertThat(Fault.fromName("signed-wrong-cn")).isEqualTo(Fault.SIGNED_WRONG_CN);
    }

    @Test
    void refusesTwoSigningFaultsAtOnce() {
        assertThatThrownBy(() -> ReferenceCentralSystem.builder()
                .faults(EnumSet.of(Fault.SIGNED_OTHER_KEY, Fault.NO_CERTIFICATE_SIGNED)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("faults [no-certificate-signed, signed-other-key] cannot be combined");
    }

    @Test
    void triggerSignCertificateIsBuiltInForBothCardsAndSendsExtendedTriggerMessage() throws Exception {
        try (RunningCentralSystem cs = ReferenceCentralSystem.builder().pki(pki).build().start()) {
            assertThat(cs.actionIds()).contains("TC_074_CSMS.trigger-sign-certificate", "TC_077_CSMS.trigger-sign-certificate");
            assertThatThrownBy(() -> cs.perform("TC_077_CSMS.trigger-sign-certificate", "CP001", Map.of())
                    .block(Duration.ofSeconds(15))).hasMessage("no WebSocket session of Charge Point CP001 opened within 5 s");

            Flux<String> frames = TestSupport.converse(cs, TestSupport.jdkTls(cs.rootCertificate(), Optional.empty()),
                    Optional.of(TestSupport.basic(cs.chargePointId(), cs.chargePointPasswordAsString())), "ocpp1.6",
                    List.of(), TestSupport.answeringCalls("{\"status\":\"Accepted\"}"), 1, Duration.ofSeconds(5)).cache();
            frames.subscribe();
            cs.connected("CP001").block(TestSupport.TIMEOUT);
            String said = cs.perform("TC_074_CSMS.trigger-sign-certificate", "CP001", Map.of()).block(TestSupport.TIMEOUT);

            assertThat(said).isEqualTo("sent ExtendedTriggerMessage.req SignChargePointCertificate to CP001, answered"
                    + " {\"status\":\"Accepted\"}");
            assertThat(frames.blockFirst(TestSupport.TIMEOUT)).isEqualTo("[2,\"octt-cs-1\",\"ExtendedTriggerMessage\","
                    + "{\"requestedMessage\":\"SignChargePointCertificate\"}]");
        }
    }
}
