package org.octt.security16;

import eu.chargetime.ocpp.model.Confirmation;
import eu.chargetime.ocpp.model.Request;
import eu.chargetime.ocpp.model.securityext.GetInstalledCertificateIdsRequest;
import eu.chargetime.ocpp.model.securityext.GetLogRequest;
import eu.chargetime.ocpp.model.securityext.InstallCertificateRequest;
import eu.chargetime.ocpp.model.securityext.types.CertificateUseEnumType;
import eu.chargetime.ocpp.model.securityext.types.LogEnumType;
import eu.chargetime.ocpp.model.securityext.types.LogParametersType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.octt.core.engine.TestCaseResult;
import org.octt.core.spi.ActionHandler;
import org.octt.core.spi.ActionOutcome;
import org.octt.core.spi.OperatorAction;
import org.octt.core.spi.Verdict;
import org.octt.tc086.InteropPki;
import org.octt.tc086.JavaOcaOcppServer;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.octt.core.spi.Verdict.PASSED;
import static org.octt.core.spi.Verdict.SKIPPED;
import static org.octt.security16.Runs.check;
import static org.octt.security16.Runs.run;
import static org.octt.security16.Runs.verdicts;

/**
 * Cards the Central System starts, against the Java-OCA-OCPP JSON server (eu.chargetime.ocpp v1_6
 * 1.1.0 with its security extension profile): each operator action is performed through that
 * server's own API (its {@code send(request)}), as a CI hook would call a real Central System's, and
 * the requests it sends are Java-OCA-OCPP's, not octt's. Verdicts recorded in docs/interop.md.
 */
@Timeout(120)
class CsInitiatedCardsJavaOcaOcppTests {

    static InteropPki pki;

    @BeforeAll
    static void generatePki() {
        pki = InteropPki.generate();
    }

    /** An operator of the Java-OCA-OCPP server: the request each action id asks for, sent through its API. */
    private static ActionHandler operator(JavaOcaOcppServer server, Map<String, Function<OperatorAction, Request>> requests) {
        return action -> {
            Function<OperatorAction, Request> request = requests.get(action.id());
            if (request == null) {
                return Mono.just(ActionOutcome.failed("no request for " + action.id()));
            }
            return Mono.fromCompletionStage(() -> server.send(request.apply(action)))
                    .map((Confirmation conf) -> ActionOutcome.triggered("Java-OCA-OCPP sent it, answered " + conf));
        };
    }

    @Test
    void tc079PassesWhenTheServersOperatorAsksForTheSecurityLog() throws IOException {
        try (JavaOcaOcppServer s = JavaOcaOcppServer.start(InteropPki.PASSWORD, pki.rsa, pki.ec)) {
            LogParametersType log = new LogParametersType();
            log.setRemoteLocation("https://csms.octt.test/logs/upload");
            ActionHandler operator = operator(s, Map.of("TC_079_CSMS.get-security-log",
                    a -> new GetLogRequest(LogEnumType.SecurityLog, 17, log)));

            TestCaseResult r = run(Tc079TestCase.ID, pki.profile2(s.address()).actionHandler(operator).build());

            assertThat(verdicts(r)).containsOnly(Map.entry(Tc079TestCase.UPGRADE, PASSED),
                    Map.entry(Tc079TestCase.BOOT_NOTIFICATION, PASSED), Map.entry(Tc079TestCase.STATUS_NOTIFICATION, PASSED),
                    Map.entry(Tc079TestCase.GET_LOG, PASSED), Map.entry(Tc079TestCase.STATUS_NOTIFICATIONS, PASSED));
            assertThat(s.securityRequests).containsExactly("LogStatusNotification Uploading",
                    "LogStatusNotification Uploaded");
        }
    }

    @Test
    void tc0752PassesWhenTheServersOperatorInstallsItsRootAndListsIt() throws IOException {
        try (JavaOcaOcppServer s = JavaOcaOcppServer.start(InteropPki.PASSWORD, pki.rsa, pki.ec)) {
            ActionHandler operator = operator(s, Map.of(
                    "TC_075_2_CSMS.install-certificate", a -> new InstallCertificateRequest(
                            CertificateUseEnumType.CentralSystemRootCertificate, pki.root.certificatePem()),
                    "TC_075_2_CSMS.get-installed-certificate-ids", a -> new GetInstalledCertificateIdsRequest(
                            CertificateUseEnumType.CentralSystemRootCertificate)));

            TestCaseResult r = run(Tc0752TestCase.ID, pki.profile2(s.address()).actionHandler(operator).build());

            Map<String, Verdict> v = verdicts(r);
            assertThat(v).as(r.reasons().toString()).containsEntry(InstallCertificateCard.INSTALL, PASSED)
                    .containsEntry(InstallCertificateCard.GET_IDS, PASSED)
                    .containsEntry(InstallCertificateCard.CONFIGURED, SKIPPED); // no root file configured
            assertThat(check(r, InstallCertificateCard.CONFIGURED).message()).contains("cert.central-system-root-file");
        }
    }
}
