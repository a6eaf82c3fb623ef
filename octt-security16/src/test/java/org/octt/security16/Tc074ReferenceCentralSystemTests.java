package org.octt.security16;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.octt.core.engine.TestCaseResult;
import org.octt.core.spi.Verdict;
import org.octt.core.spi.ActionOutcome;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.Target;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Timeouts;
import org.octt.testkit.CentralSystemAction;
import org.octt.testkit.Fault;
import org.octt.testkit.ReferencePki;
import org.octt.testkit.RunningCentralSystem;
import org.octt.tls.pki.CertificateBuilder;
import org.octt.tls.pki.IssuedCertificate;
import org.octt.tls.pki.KeyPairs;

import reactor.core.publisher.Mono;

import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.octt.core.spi.Verdict.FAILED;
import static org.octt.core.spi.Verdict.INCONCLUSIVE;
import static org.octt.core.spi.Verdict.PASSED;
import static org.octt.core.spi.Verdict.SKIPPED;
import static org.octt.security16.SigningRuns.check;
import static org.octt.security16.SigningRuns.context;
import static org.octt.security16.SigningRuns.contextWithoutCa;
import static org.octt.security16.SigningRuns.everything;
import static org.octt.security16.SigningRuns.run;
import static org.octt.security16.SigningRuns.start;
import static org.octt.security16.SigningRuns.verdicts;
import static org.octt.security16.Tc074TestCase.CERTIFICATE_SIGNED;
import static org.octt.security16.Tc074TestCase.CHAIN_COMMON_NAME;
import static org.octt.security16.Tc074TestCase.CHAIN_ISSUER;
import static org.octt.security16.Tc074TestCase.CHAIN_KEY_SIZE;
import static org.octt.security16.Tc074TestCase.CHAIN_PEM;
import static org.octt.security16.Tc074TestCase.CHAIN_PUBLIC_KEY;
import static org.octt.security16.Tc074TestCase.CHAIN_VALIDITY;
import static org.octt.security16.Tc074TestCase.EXTENDED_TRIGGER_MESSAGE;
import static org.octt.security16.Tc074TestCase.RECONNECT;
import static org.octt.security16.Tc074TestCase.SIGN_CERTIFICATE;

/** TC_074_CSMS against the reference Central System: the pass path and each fail path of every check. */
@Timeout(120)
class Tc074ReferenceCentralSystemTests {

    static final String ID = Tc074TestCase.ID;
    static final List<String> ALL = List.of("ws.upgrade", "ocpp.boot-notification", "ocpp.status-notification",
            EXTENDED_TRIGGER_MESSAGE, SIGN_CERTIFICATE, CERTIFICATE_SIGNED, CHAIN_PEM, CHAIN_PUBLIC_KEY, CHAIN_COMMON_NAME,
            CHAIN_KEY_SIZE, CHAIN_VALIDITY, CHAIN_ISSUER, RECONNECT);
    static final List<String> CHAIN = List.of(CHAIN_PEM, CHAIN_PUBLIC_KEY, CHAIN_COMMON_NAME, CHAIN_KEY_SIZE,
            CHAIN_VALIDITY, CHAIN_ISSUER);

    static ReferencePki pki;

    @BeforeAll
    static void generatePki() {
        pki = ReferencePki.generate();
    }

    static Map<String, Verdict> expected(Object... idsAndVerdicts) {
        return SigningRuns.expected(ALL, idsAndVerdicts);
    }

    /** The Charge Point's answers to the Central System's CALLs: ExtendedTriggerMessage, then CertificateSigned. */
    /**
     * The Charge Point's answers the server recorded, once there are {@code count} of them (or after
     * 5 s): the server records an answer when it has read it, which may be just after the run ended.
     */
    static List<String> answers(RunningCentralSystem cs, int count) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
        List<String> seen = cs.traffic().answersToCentralSystemCalls();
        while (seen.size() < count && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(java.time.Duration.ofMillis(20).toNanos());
            seen = cs.traffic().answersToCentralSystemCalls();
        }
        return seen;
    }

    @Test
    void passesEveryCheckAndReconnectsWithTheCertificateTheCentralSystemSigned() {
        try (RunningCentralSystem cs = start(pki)) {
            TestCaseResult r = run(ID, context(cs).build());

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected());
            assertThat(r.verdict()).isEqualTo(PASSED);
            assertThat(check(r, EXTENDED_TRIGGER_MESSAGE).message()).isEqualTo("ExtendedTriggerMessage.req requestedMessage"
                    + " SignChargePointCertificate without connectorId, answered Accepted");
            assertThat(check(r, SIGN_CERTIFICATE).message())
                    .isEqualTo("SignCertificate.conf Accepted to SignCertificate.req with a CSR for O=octt, CN=CP001 (rsa-2048)");
            assertThat((String) check(r, SIGN_CERTIFICATE).evidence().get("csr")).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
            assertThat(check(r, CERTIFICATE_SIGNED).message()).startsWith("CertificateSigned.req received with a certificateChain of ")
                    .endsWith(" characters, answered Accepted");
            assertThat(check(r, CHAIN_PUBLIC_KEY).message())
                    .isEqualTo("expected the leaf carries the CSR's RSA 2048-bit key, seen the CSR's key");
            assertThat(check(r, CHAIN_COMMON_NAME).message()).isEqualTo("expected CN=CP001, seen CN=CP001");
            assertThat(check(r, CHAIN_ISSUER).message()).isEqualTo("expected issued by the Charge Point CA CN=octt reference"
                    + " client CA,O=octt (directly or through the chain), seen the leaf is signed by it");
            assertThat(check(r, RECONNECT).message()).startsWith("101 Switching Protocols with the new client certificate"
                    + " CN=CP001,O=octt (serial ");
            assertThat(answers(cs, 2)).containsExactly("[3,\"octt-cs-1\",{\"status\":\"Accepted\"}]",
                    "[3,\"octt-cs-2\",{\"status\":\"Accepted\"}]");
            assertThat(cs.handshakes()).hasSize(2).allMatch(h -> h.clientCertificate());
            assertThat(everything(r)).doesNotContain("PRIVATE KEY");
        }
    }

    @Test
    void sendsAnEcP256CsrWithTheConfiguredOperator() {
        try (RunningCentralSystem cs = start(pki)) {
            TestCaseResult r = run(ID, context(cs).option("ocpp.csr-key-type", "ec-p256")
                    .option("ocpp.operator", "Acme Charging").option("ocpp.serial-number", "CP001").build());

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected());
            assertThat(check(r, SIGN_CERTIFICATE).message())
                    .isEqualTo("SignCertificate.conf Accepted to SignCertificate.req with a CSR for O=Acme Charging, CN=CP001 (ec-p256)");
            assertThat(check(r, CHAIN_KEY_SIZE).message())
                    .isEqualTo("expected RSA of at least 2048 bits or EC of at least 224 bits, seen EC 256-bit");
            assertThat(check(r, RECONNECT).message()).contains("CN=CP001,O=Acme Charging");
        }
    }

    @Test
    void skipsTheIssuerCheckWithoutTheChargePointCa() {
        try (RunningCentralSystem cs = start(pki)) {
            TestCaseResult r = run(ID, contextWithoutCa(cs).build());

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected(CHAIN_ISSUER, SKIPPED));
            assertThat(r.verdict()).isEqualTo(PASSED);
            assertThat(check(r, CHAIN_ISSUER).message()).isEqualTo("not checked: the Charge Point CA is not known; the leaf"
                    + " is issued by CN=octt reference client CA,O=octt; configure the Charge Point CA (option"
                    + " ocpp.charge-point-ca-file) to check it");
        }
    }

    @Test
    void checksTheIssuerAgainstTheChargePointCaFile(@TempDir Path dir) throws Exception {
        IssuedCertificate otherCa = CertificateBuilder.create().subject("O=other, CN=other Charge Point CA")
                .keyPair(KeyPairs.ec("secp256r1")).ca().build();
        Path caFile = Files.writeString(dir.resolve("cp-ca.pem"), otherCa.certificatePem());
        try (RunningCentralSystem cs = start(pki)) {
            TestCaseResult r = run(ID, contextWithoutCa(cs).option("ocpp.charge-point-ca-file", caFile.toString()).build());

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected(CHAIN_ISSUER, FAILED, RECONNECT, SKIPPED));
            assertThat(check(r, CHAIN_ISSUER).message()).isEqualTo("expected issued by the Charge Point CA CN=other Charge"
                    + " Point CA,O=other (directly or through the chain), seen the chain ends at CN=octt reference client"
                    + " CA,O=octt, issued by CN=octt reference client CA,O=octt, which the Charge Point CA did not sign; the"
                    + " certificate must be issued by the Charge Point CA that the Central System trusts for client certificates");
            assertThat(check(r, CHAIN_ISSUER).evidence()).containsEntry("chargePointCa", "the file " + caFile);
        }
    }

    @Test
    void isInconclusiveNamingTheOptionWhenTheKeyTypeIsUnknown() {
        try (RunningCentralSystem cs = start(pki)) {
            TestCaseResult r = run(ID, context(cs).option("ocpp.csr-key-type", "dsa-1024").build());

            assertThat(r.verdict()).isEqualTo(INCONCLUSIVE);
            assertThat(check(r, "ws.upgrade").message()).isEqualTo("not run: option ocpp.csr-key-type: unknown key type"
                    + " 'dsa-1024'; valid: rsa-2048, ec-p256");
            assertThat(cs.anyRequestReceived()).isFalse();
        }
    }

    @Test
    void failsSignCertificateAndSkipsTheRestWhenTheCsrIsRejected() {
        try (RunningCentralSystem cs = start(pki, Fault.SIGN_CERTIFICATE_REJECTED)) {
            TestCaseResult r = run(ID, context(cs).build());

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected(SIGN_CERTIFICATE, FAILED, CERTIFICATE_SIGNED, SKIPPED,
                    CHAIN_PEM, SKIPPED, CHAIN_PUBLIC_KEY, SKIPPED, CHAIN_COMMON_NAME, SKIPPED, CHAIN_KEY_SIZE, SKIPPED,
                    CHAIN_VALIDITY, SKIPPED, CHAIN_ISSUER, SKIPPED, RECONNECT, SKIPPED));
            assertThat(r.verdict()).isEqualTo(FAILED);
            assertThat(check(r, SIGN_CERTIFICATE).message()).isEqualTo("expected SignCertificate.conf with status Accepted"
                    + " to SignCertificate.req with a CSR for O=octt, CN=CP001 (rsa-2048), seen status Rejected; the CSR is a"
                    + " valid PKCS#10 request signed with its key: change the Central System to accept it (check that it"
                    + " expects this CN and O)");
            assertThat(check(r, CERTIFICATE_SIGNED).message())
                    .isEqualTo("the Central System did not accept SignCertificate.req, so no CertificateSigned.req is due");
            assertThat(check(r, RECONNECT).message()).isEqualTo("no new certificate to reconnect with: the Central System"
                    + " sent no acceptable CertificateSigned.req");
        }
    }

    @Test
    void failsCertificateSignedWhenNoneFollowsTheAcceptedCsr() {
        try (RunningCentralSystem cs = start(pki, Fault.NO_CERTIFICATE_SIGNED)) {
            TestCaseResult r = run(ID, context(cs).build());

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected(CERTIFICATE_SIGNED, FAILED,
                    CHAIN_PEM, SKIPPED, CHAIN_PUBLIC_KEY, SKIPPED, CHAIN_COMMON_NAME, SKIPPED, CHAIN_KEY_SIZE, SKIPPED,
                    CHAIN_VALIDITY, SKIPPED, CHAIN_ISSUER, SKIPPED, RECONNECT, SKIPPED));
            assertThat(check(r, CERTIFICATE_SIGNED).message()).isEqualTo("expected CertificateSigned.req with the signed"
                    + " certificate after SignCertificate.conf Accepted, seen no CertificateSigned.req within 6s; change the"
                    + " Central System to send the certificate it signs for the CSR");
        }
    }

    @Test
    void failsPublicKeyAndRejectsTheChainWhenTheLeafCarriesAnotherKey() {
        try (RunningCentralSystem cs = start(pki, Fault.SIGNED_OTHER_KEY)) {
            TestCaseResult r = run(ID, context(cs).build());

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected(CHAIN_PUBLIC_KEY, FAILED, RECONNECT, SKIPPED));
            assertThat(check(r, CHAIN_PUBLIC_KEY).message()).isEqualTo("expected the leaf carries the CSR's RSA 2048-bit key,"
                    + " seen another EC 256-bit key than the CSR's; the Central System must certify the key of the CSR, not"
                    + " another one");
            assertThat(check(r, CERTIFICATE_SIGNED).message()).endsWith(", answered Rejected (the chain fails: public-key:"
                    + " expected the leaf carries the CSR's RSA 2048-bit key, seen another EC 256-bit key than the CSR's)");
            assertThat(answers(cs, 2)).containsExactly("[3,\"octt-cs-1\",{\"status\":\"Accepted\"}]",
                    "[3,\"octt-cs-2\",{\"status\":\"Rejected\"}]");
            assertThat(cs.handshakes()).hasSize(1);
        }
    }

    @Test
    void failsCommonNameWhenTheLeafHasAnotherCn() {
        try (RunningCentralSystem cs = start(pki, Fault.SIGNED_WRONG_CN)) {
            TestCaseResult r = run(ID, context(cs).build());

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected(CHAIN_COMMON_NAME, FAILED, RECONNECT, SKIPPED));
            assertThat(check(r, CHAIN_COMMON_NAME).message()).isEqualTo("expected CN=CP001, seen CN=not-CP001; the"
                    + " certificate's CN must be the Charge Point's serial number as the CSR asks (option ocpp.serial-number)");
        }
    }

    @Test
    void failsPemAndSkipsTheOtherChainChecksWhenTheChainIsMalformed() {
        try (RunningCentralSystem cs = start(pki, Fault.SIGNED_MALFORMED_PEM)) {
            TestCaseResult r = run(ID, context(cs).build());

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected(CHAIN_PEM, FAILED, CHAIN_PUBLIC_KEY, SKIPPED,
                    CHAIN_COMMON_NAME, SKIPPED, CHAIN_KEY_SIZE, SKIPPED, CHAIN_VALIDITY, SKIPPED, CHAIN_ISSUER, SKIPPED,
                    RECONNECT, SKIPPED));
            assertThat(check(r, CHAIN_PEM).message()).startsWith("expected one or more PEM CERTIFICATE blocks, each an"
                    + " X.509 certificate, seen text that is not valid PEM (")
                    .endsWith("; the certificateChain must be PEM-encoded X.509 certificates, leaf first");
            assertThat(check(r, CHAIN_KEY_SIZE).message()).isEqualTo("not checked: the certificateChain is not a PEM certificate chain");
        }
    }

    @Test
    void failsKeySizeWhenTheLeafCarriesAnRsa1024Key() {
        try (RunningCentralSystem cs = start(pki, Fault.SIGNED_RSA_1024)) {
            TestCaseResult r = run(ID, context(cs).build());

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected(CHAIN_PUBLIC_KEY, FAILED, CHAIN_KEY_SIZE, FAILED,
                    RECONNECT, SKIPPED));
            assertThat(check(r, CHAIN_KEY_SIZE).message()).isEqualTo("expected RSA of at least 2048 bits or EC of at least"
                    + " 224 bits, seen RSA 1024-bit; the certificate must carry an RSA key of at least 2048 bits or an EC key"
                    + " of at least 224 bits");
        }
    }

    @Test
    void failsValidityWhenTheLeafExpired() {
        try (RunningCentralSystem cs = start(pki, Fault.SIGNED_EXPIRED)) {
            TestCaseResult r = run(ID, context(cs).build());

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected(CHAIN_VALIDITY, FAILED, RECONNECT, SKIPPED));
            assertThat(check(r, CHAIN_VALIDITY).message()).startsWith("expected every certificate valid at ")
                    .contains(", seen CN=CP001,O=octt expired at ")
                    .endsWith("; the certificate must be valid now");
        }
    }

    @Test
    void failsIssuerWhenAnotherCaSignedTheLeaf() {
        try (RunningCentralSystem cs = start(pki, Fault.SIGNED_UNTRUSTED_ISSUER)) {
            TestCaseResult r = run(ID, context(cs).build());

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected(CHAIN_ISSUER, FAILED, RECONNECT, SKIPPED));
            assertThat(check(r, CHAIN_ISSUER).message()).isEqualTo("expected issued by the Charge Point CA CN=octt reference"
                    + " client CA,O=octt (directly or through the chain), seen the chain ends at CN=octt untrusted"
                    + " CA,O=octt untrusted, issued by CN=octt untrusted CA,O=octt untrusted, which the Charge Point CA did"
                    + " not sign; the certificate must be issued by the Charge Point CA that the Central System trusts for"
                    + " client certificates");
        }
    }

    @Test
    void failsTheReconnectWhenTheCentralSystemRefusesTheCertificateItSigned() {
        try (RunningCentralSystem cs = start(pki, Fault.SIGNED_UNTRUSTED_ISSUER)) {
            TestCaseResult r = run(ID, contextWithoutCa(cs).build());

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected(CHAIN_ISSUER, SKIPPED, RECONNECT, FAILED));
            assertThat(check(r, RECONNECT).message()).startsWith("expected the new connection with the certificate the"
                    + " Central System signed (CN=CP001,O=octt) to be accepted, seen: ")
                    .endsWith("; the Central System must accept the certificate it issued (trust its issuer, CN = the ChargePointId)");
            assertThat(answers(cs, 2)).containsExactly("[3,\"octt-cs-1\",{\"status\":\"Accepted\"}]",
                    "[3,\"octt-cs-2\",{\"status\":\"Accepted\"}]");
        }
    }

    /** A Central System whose operator's "renew the certificate" sends this ExtendedTriggerMessage payload. */
    static RunningCentralSystem sendingTrigger(String payload) {
        return SigningRuns.builder(pki).action(new CentralSystemAction() {
            @Override
            public String actionId() {
                return Tc074TestCase.ACTION_ID;
            }

            @Override
            public Mono<String> perform(RunningCentralSystem cs, String chargePointId, Map<String, String> parameters) {
                return cs.send(chargePointId, "ExtendedTriggerMessage", payload).map(a -> "sent " + payload);
            }
        }).build().start();
    }

    @Test
    void failsTheTriggerWithAConnectorIdButGoesOn() {
        try (RunningCentralSystem cs = sendingTrigger("{\"requestedMessage\":\"SignChargePointCertificate\",\"connectorId\":1}")) {
            TestCaseResult r = run(ID, context(cs).build());

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected(EXTENDED_TRIGGER_MESSAGE, FAILED));
            assertThat(check(r, EXTENDED_TRIGGER_MESSAGE).message()).isEqualTo("expected ExtendedTriggerMessage.req with"
                    + " requestedMessage SignChargePointCertificate and no connectorId, seen"
                    + " {\"requestedMessage\":\"SignChargePointCertificate\",\"connectorId\":1}: it carries connectorId 1,"
                    + " which a certificate request must not; answered Accepted; change the Central System to request"
                    + " SignChargePointCertificate for the whole Charge Point");
        }
    }

    @Test
    void failsTheTriggerForAnotherMessageAndSkipsTheRest() {
        try (RunningCentralSystem cs = sendingTrigger("{\"requestedMessage\":\"Heartbeat\"}")) {
            TestCaseResult r = run(ID, context(cs).build());

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected(EXTENDED_TRIGGER_MESSAGE, FAILED,
                    SIGN_CERTIFICATE, SKIPPED, CERTIFICATE_SIGNED, SKIPPED, CHAIN_PEM, SKIPPED, CHAIN_PUBLIC_KEY, SKIPPED,
                    CHAIN_COMMON_NAME, SKIPPED, CHAIN_KEY_SIZE, SKIPPED, CHAIN_VALIDITY, SKIPPED, CHAIN_ISSUER, SKIPPED,
                    RECONNECT, SKIPPED));
            assertThat(check(r, EXTENDED_TRIGGER_MESSAGE).message()).isEqualTo("expected ExtendedTriggerMessage.req with"
                    + " requestedMessage SignChargePointCertificate and no connectorId, seen {\"requestedMessage\":\"Heartbeat\"}:"
                    + " requestedMessage is 'Heartbeat'; answered Rejected; change the Central System to request"
                    + " SignChargePointCertificate for the whole Charge Point");
            assertThat(check(r, SIGN_CERTIFICATE).message()).isEqualTo("no ExtendedTriggerMessage.req"
                    + " SignChargePointCertificate was accepted, so the Charge Point made no CSR");
            assertThat(answers(cs, 1)).containsExactly("[3,\"octt-cs-1\",{\"status\":\"Rejected\"}]");
        }
    }

    @Test
    void isInconclusiveWhenNobodyMakesTheCentralSystemAct() {
        try (RunningCentralSystem cs = start(pki)) {
            TestCaseResult r = run(ID, ClientCertificateRuns.profile3WithCa(cs)
                    .timeouts(Timeouts.DEFAULTS.withNetwork(ClientCertificateRuns.NETWORK_TIMEOUT).withAction(Duration.ofSeconds(1)))
                    .actionHandler(action -> Mono.just(ActionOutcome.leftToOperator())).build());

            assertThat(verdicts(r)).containsExactlyEntriesOf(expected(EXTENDED_TRIGGER_MESSAGE, INCONCLUSIVE,
                    SIGN_CERTIFICATE, SKIPPED, CERTIFICATE_SIGNED, SKIPPED, CHAIN_PEM, SKIPPED, CHAIN_PUBLIC_KEY, SKIPPED,
                    CHAIN_COMMON_NAME, SKIPPED, CHAIN_KEY_SIZE, SKIPPED, CHAIN_VALIDITY, SKIPPED, CHAIN_ISSUER, SKIPPED,
                    RECONNECT, SKIPPED));
            assertThat(r.verdict()).isEqualTo(INCONCLUSIVE);
            assertThat(check(r, EXTENDED_TRIGGER_MESSAGE).message()).isEqualTo("no ExtendedTriggerMessage.req within 1s;"
                    + " nobody made the Central System send it (action TC_074_CSMS.trigger-sign-certificate)");
            assertThat(check(r, EXTENDED_TRIGGER_MESSAGE).evidence()).containsEntry("action", "TC_074_CSMS.trigger-sign-certificate");
        }
    }

    @Test
    void isInconclusiveNamingTheHookWhenTheActionCouldNotBeTriggered() {
        try (RunningCentralSystem cs = start(pki)) {
            TestCaseResult r = run(ID, context(cs).actionHandler(action -> Mono.just(ActionOutcome.failed("hook exited 3: no API"))).build());

            assertThat(check(r, EXTENDED_TRIGGER_MESSAGE).verdict()).isEqualTo(INCONCLUSIVE);
            assertThat(check(r, EXTENDED_TRIGGER_MESSAGE).message()).isEqualTo("no ExtendedTriggerMessage.req: the action"
                    + " TC_074_CSMS.trigger-sign-certificate could not be triggered: hook exited 3: no API");
        }
    }

    @Test
    void isNotApplicableWithOperatorActionsTurnedOff() {
        TestContext context = TestContext.builder(Target.of(java.net.URI.create("wss://csms.example/ocpp/CP001")))
                .securityProfile(SecurityProfile.TLS_CLIENT_CERTIFICATE).operatorActions(false).build();

        assertThat(new Tc074TestCase().prerequisites().operatorActions()).isTrue();
        assertThat(new Tc074TestCase().prerequisites().whyNotApplicable(context)).contains("needs the Central System to act"
                + " on its own (an operator action), and operator actions are turned off");
        assertThat(new Tc077TestCase().prerequisites().whyNotApplicable(context)).isPresent();
        assertThat(new Tc074TestCase().prerequisites().whyNotApplicable(context.toBuilder().operatorActions(true).build()))
                .isEmpty();
    }
}
