package org.octt.security16;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.octt.core.engine.TestCaseResult;
import org.octt.core.spi.ActionOutcome;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Timeouts;
import org.octt.testkit.Fault;
import org.octt.testkit.ReferenceCentralSystem;
import org.octt.testkit.ReferencePki;
import org.octt.testkit.RunningCentralSystem;
import org.octt.testkit.actions.GetSecurityLogAction;
import reactor.core.publisher.Mono;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.octt.core.spi.Verdict.FAILED;
import static org.octt.core.spi.Verdict.INCONCLUSIVE;
import static org.octt.core.spi.Verdict.PASSED;
import static org.octt.core.spi.Verdict.SKIPPED;
import static org.octt.security16.Runs.check;
import static org.octt.security16.Runs.profile2;
import static org.octt.security16.Runs.run;
import static org.octt.security16.Runs.verdicts;

/**
 * TC_079_CSMS, TC_080_CSMS and TC_081_CSMS, found through discovery, against the reference Central
 * System, which performs the operator actions itself ({@link RunningCentralSystem#actionHandler()}):
 * the pass paths and each fault with the verdict of every check and the reason of the failing one.
 */
@Timeout(90)
class FirmwareAndLogCardsReferenceCentralSystemTests {

    static ReferencePki pki;

    @TempDir
    Path dir;

    @BeforeAll
    static void generatePki() {
        pki = ReferencePki.generate();
    }

    static RunningCentralSystem start(Fault... faults) {
        return ReferenceCentralSystem.builder().pki(pki).faults(faults).build().start();
    }

    /** Profile 2, the reference Central System performing every action; unanswered calls end after 1 s. */
    static TestContext.Builder automated(RunningCentralSystem cs) {
        return profile2(cs).actionHandler(cs.actionHandler())
                .timeouts(Timeouts.DEFAULTS.withNetwork(Duration.ofSeconds(1)).withAction(Duration.ofSeconds(20)));
    }

    /** The options naming exactly the firmware the reference Central System sends. */
    private TestContext.Builder configuredFirmware(TestContext.Builder b, RunningCentralSystem cs) throws Exception {
        Path certificate = Files.writeString(dir.resolve("signing.pem"), cs.firmware().signingCertificatePem());
        return b.option("fw.location", cs.firmware().location())
                .option("fw.signature", cs.firmware().signature())
                .option("fw.signing-certificate", certificate.toString());
    }

    // ------------------------------------------------------------------ TC_079

    @Test
    void tc079PassesAgainstTheReferenceCentralSystem() {
        try (RunningCentralSystem cs = start()) {
            TestCaseResult r = run(Tc079TestCase.ID, automated(cs)
                    .option("log.remote-location", GetSecurityLogAction.DEFAULT_REMOTE_LOCATION + "CP001").build());

            assertThat(verdicts(r)).containsExactly(Map.entry("ws.upgrade", PASSED), Map.entry("ocpp.boot-notification", PASSED),
                    Map.entry("ocpp.status-notification", PASSED), Map.entry("log.get-log", PASSED),
                    Map.entry("log.status-notifications", PASSED));
            assertThat(check(r, "log.get-log").message()).isEqualTo("GetLog.req received: logType SecurityLog, requestId 1,"
                    + " log.remoteLocation 'https://csms.octt.test/logs/CP001' as configured; answered"
                    + " {\"status\":\"Accepted\",\"filename\":\"octt-security.log\"}");
            assertThat(check(r, "log.status-notifications").message()).isEqualTo("the Central System answered every"
                    + " notification: LogStatusNotification.req Uploading: answered {}; LogStatusNotification.req Uploaded:"
                    + " answered {}");
            assertThat(check(r, "log.status-notifications").evidence().get("messageLog").toString())
                    .contains("\"status\":\"Uploading\",\"requestId\":1").contains("\"status\":\"Uploaded\",\"requestId\":1");
        }
    }

    @Test
    void tc079FailsWhenTheCentralSystemAsksForTheDiagnosticsLog() {
        try (RunningCentralSystem cs = start(Fault.GET_LOG_WRONG_TYPE)) {
            TestCaseResult r = run(Tc079TestCase.ID, automated(cs).build());

            assertThat(check(r, "log.get-log").verdict()).isEqualTo(FAILED);
            assertThat(check(r, "log.get-log").message()).isEqualTo("expected GetLog.req with logType SecurityLog, seen"
                    + " {\"log\":{\"remoteLocation\":\"https://csms.octt.test/logs/CP001\"},\"logType\":\"DiagnosticsLog\","
                    + "\"requestId\":1}: logType is DiagnosticsLog, expected SecurityLog; make the Central System ask for"
                    + " the security log (logType SecurityLog)");
            assertThat(check(r, "log.status-notifications").verdict()).isEqualTo(PASSED);
        }
    }

    @Test
    void tc079FailsWhenTheRemoteLocationIsNotTheConfiguredOne() {
        try (RunningCentralSystem cs = start()) {
            // the card asks for the configured location; this Central System is configured with another
            TestCaseResult r = run(Tc079TestCase.ID, automated(cs).actionHandler(action -> cs.perform(action.id(),
                            "CP001", Map.of("remoteLocation", "ftp://elsewhere.example/logs")).map(ActionOutcome::triggered))
                    .option("log.remote-location", "https://csms.example.com/logs").build());

            assertThat(check(r, "log.get-log").verdict()).isEqualTo(FAILED);
            assertThat(check(r, "log.get-log").message()).contains(": log.remoteLocation is 'ftp://elsewhere.example/logs',"
                    + " expected the configured 'https://csms.example.com/logs'; make the Central System ask for the"
                    + " security log (logType SecurityLog) at the configured location");
        }
    }

    @Test
    void tc079FailsNamingTheLogStatusNotificationsTheCentralSystemDidNotAnswer() {
        try (RunningCentralSystem cs = start(Fault.LOG_STATUS_NOT_ANSWERED)) {
            TestCaseResult r = run(Tc079TestCase.ID, automated(cs).build());

            assertThat(check(r, "log.get-log").verdict()).isEqualTo(PASSED);
            CheckResult status = check(r, "log.status-notifications");
            assertThat(status.verdict()).isEqualTo(FAILED);
            assertThat(status.message()).startsWith("expected an answer to every notification, the Central System did not"
                    + " answer LogStatusNotification.req Uploading, LogStatusNotification.req Uploaded: ");
            assertThat(status.message()).endsWith("; a Central System must answer each CALL (OCPP-J 1.6 section 4.1.1)");
        }
    }

    @Test
    void tc079IsInconclusiveWhenNobodyMakesTheCentralSystemSendGetLog() {
        try (RunningCentralSystem cs = start()) {
            TestCaseResult r = run(Tc079TestCase.ID, profile2(cs)
                    .actionHandler(action -> Mono.just(ActionOutcome.leftToOperator()))
                    .timeouts(Timeouts.DEFAULTS.withNetwork(Duration.ofSeconds(2)).withAction(Duration.ofSeconds(1))).build());

            assertThat(verdicts(r)).containsEntry("ocpp.boot-notification", PASSED)
                    .containsEntry("log.get-log", INCONCLUSIVE).containsEntry("log.status-notifications", SKIPPED);
            assertThat(check(r, "log.get-log").message()).isEqualTo("no GetLog.req within 1s; nobody made the Central"
                    + " System send it (action TC_079_CSMS.get-security-log)");
            assertThat(check(r, "log.status-notifications").message()).isEqualTo("no GetLog.req, so no log upload to report");
        }
    }

    @Test
    void tc079RunsUnderProfile3WithTheClientCertificate() {
        try (RunningCentralSystem cs = ClientCertificateRuns.start(pki)) {
            TestCaseResult r = run(Tc079TestCase.ID, ClientCertificateRuns.profile3(cs).actionHandler(cs.actionHandler())
                    .build());

            assertThat(verdicts(r)).containsOnly(Map.entry("ws.upgrade", PASSED), Map.entry("ocpp.boot-notification", PASSED),
                    Map.entry("ocpp.status-notification", PASSED), Map.entry("log.get-log", PASSED),
                    Map.entry("log.status-notifications", PASSED));
        }
    }

    // ------------------------------------------------------------------ TC_080

    @Test
    void tc080PassesAgainstTheReferenceCentralSystem() throws Exception {
        try (RunningCentralSystem cs = start()) {
            TestCaseResult r = run(Tc080TestCase.ID, configuredFirmware(automated(cs), cs).build());

            assertThat(verdicts(r)).containsExactly(Map.entry("ws.upgrade", PASSED), Map.entry("ocpp.boot-notification", PASSED),
                    Map.entry("ocpp.status-notification", PASSED), Map.entry("fw.signed-update-firmware", PASSED),
                    Map.entry("fw.download", PASSED), Map.entry("fw.signature-verified", PASSED),
                    Map.entry("fw.status-notifications", PASSED), Map.entry("ws.reconnect", PASSED),
                    Map.entry("ocpp.boot-notification-after-reboot", PASSED),
                    Map.entry("ocpp.status-notification-after-reboot", PASSED), Map.entry("fw.installed-notifications", PASSED));
            assertThat(check(r, "fw.signed-update-firmware").message()).isEqualTo("SignedUpdateFirmware.req received:"
                    + " requestId 1, firmware.location '" + cs.firmware().location() + "', a signature and a signing"
                    + " certificate (as configured where configured); answered Accepted");
            assertThat(check(r, "fw.download").message()).isEqualTo("downloaded " + cs.firmware().image().length
                    + " bytes from " + cs.firmware().location());
            assertThat(check(r, "fw.signature-verified").message()).endsWith("verifies with the key of the signing"
                    + " certificate (CN=octt firmware signing,O=octt), SHA256withECDSA");
            assertThat(check(r, "fw.status-notifications").message()).isEqualTo("the Central System answered every"
                    + " notification: SignedFirmwareStatusNotification.req Downloading: answered {};"
                    + " SignedFirmwareStatusNotification.req Downloaded: answered {}; SignedFirmwareStatusNotification.req"
                    + " SignatureVerified: answered {}; SignedFirmwareStatusNotification.req Installing: answered {};"
                    + " SignedFirmwareStatusNotification.req InstallRebooting: answered {}");
            assertThat(check(r, "fw.installed-notifications").message()).isEqualTo("the Central System answered every"
                    + " notification: SecurityEventNotification.req FirmwareUpdated: answered {};"
                    + " SignedFirmwareStatusNotification.req Installed: answered {}");
            assertThat(cs.bootNotificationCount()).isEqualTo(2);
        }
    }

    @Test
    void tc080FailsWhenTheCentralSystemSendsASignatureThatDoesNotVerify() {
        try (RunningCentralSystem cs = start(Fault.FIRMWARE_SIGNATURE_INVALID)) {
            TestCaseResult r = run(Tc080TestCase.ID, automated(cs).build());

            assertThat(verdicts(r)).containsEntry("fw.signed-update-firmware", PASSED).containsEntry("fw.download", PASSED)
                    .containsEntry("fw.signature-verified", FAILED).containsEntry("fw.status-notifications", PASSED)
                    .containsEntry("ws.reconnect", SKIPPED).containsEntry("fw.installed-notifications", SKIPPED);
            assertThat(check(r, "fw.signature-verified").message()).startsWith("expected a firmware signature that verifies"
                    + " with the signing certificate, seen one that does not: the signature over the "
                    + cs.firmware().image().length + "-byte firmware does not verify");
            assertThat(check(r, "fw.signature-verified").message()).contains("the Central System sent a signature that"
                    + " does not verify");
            assertThat(check(r, "fw.status-notifications").message()).contains("SignedFirmwareStatusNotification.req"
                    + " InvalidSignature: answered {}");
            assertThat(check(r, "ws.reconnect").message()).isEqualTo("no reboot: the firmware's signature did not verify,"
                    + " so a Charge Point does not install it");
            assertThat(cs.bootNotificationCount()).isEqualTo(1);
        }
    }

    @Test
    void tc080FailsWhenTheSigningCertificateIsNotTheConfiguredOne() throws Exception {
        try (RunningCentralSystem cs = start(Fault.FIRMWARE_OTHER_SIGNING_CERTIFICATE)) {
            Path certificate = Files.writeString(dir.resolve("signing.pem"), cs.firmware().signingCertificatePem());
            TestCaseResult r = run(Tc080TestCase.ID, automated(cs).option("fw.signing-certificate", certificate.toString())
                    .build());

            assertThat(check(r, "fw.signed-update-firmware").verdict()).isEqualTo(FAILED);
            assertThat(check(r, "fw.signed-update-firmware").message()).isEqualTo("expected SignedUpdateFirmware.req with"
                    + " the configured firmware, seen: firmware.signingCertificate is not the configured signing certificate"
                    + " (seen 'CN=octt other firmware signing,O=octt', expected 'CN=octt firmware signing,O=octt'); change"
                    + " the Central System's firmware settings or the options fw.location, fw.signature,"
                    + " fw.signing-certificate");
            assertThat(check(r, "fw.signature-verified").verdict()).isEqualTo(PASSED);
        }
    }

    @Test
    void tc080FailsNamingTheFirmwareStatusNotificationsTheCentralSystemDidNotAnswer() {
        try (RunningCentralSystem cs = start(Fault.FIRMWARE_STATUS_NOT_ANSWERED)) {
            TestCaseResult r = run(Tc080TestCase.ID, automated(cs).build());

            assertThat(check(r, "fw.status-notifications").verdict()).isEqualTo(FAILED);
            assertThat(check(r, "fw.status-notifications").message()).startsWith("expected an answer to every notification,"
                    + " the Central System did not answer SignedFirmwareStatusNotification.req Downloading,"
                    + " SignedFirmwareStatusNotification.req Downloaded, SignedFirmwareStatusNotification.req"
                    + " SignatureVerified, SignedFirmwareStatusNotification.req Installing,"
                    + " SignedFirmwareStatusNotification.req InstallRebooting: ");
            assertThat(check(r, "ws.reconnect").verdict()).isEqualTo(PASSED);
            assertThat(check(r, "fw.installed-notifications").verdict()).isEqualTo(FAILED);
            assertThat(check(r, "fw.installed-notifications").message()).startsWith("expected an answer to every"
                    + " notification, the Central System did not answer SignedFirmwareStatusNotification.req Installed: ");
        }
    }

    @Test
    void tc080VerifiesAConfiguredLocalFileInsteadOfDownloading() throws Exception {
        try (RunningCentralSystem cs = start()) {
            Path image = Files.write(dir.resolve("firmware.bin"), cs.firmware().image());
            Path other = Files.write(dir.resolve("other.bin"), new byte[] {1, 2, 3});

            TestCaseResult same = run(Tc080TestCase.ID, automated(cs).option("fw.file", image.toString()).build());
            TestCaseResult changed = run(Tc080TestCase.ID, automated(cs).option("fw.file", other.toString()).build());

            assertThat(check(same, "fw.download").message()).isEqualTo("downloaded " + cs.firmware().image().length
                    + " bytes from " + image);
            assertThat(check(same, "fw.signature-verified").verdict()).isEqualTo(PASSED);
            assertThat(check(changed, "fw.signature-verified").verdict()).isEqualTo(FAILED);
        }
    }

    @Test
    void tc080ReportsDownloadFailedAndIsInconclusiveWhenTheConfiguredFileCannotBeRead() {
        try (RunningCentralSystem cs = start()) {
            Path missing = dir.resolve("missing.bin");
            TestCaseResult r = run(Tc080TestCase.ID, automated(cs).option("fw.file", missing.toString()).build());

            assertThat(verdicts(r)).containsEntry("fw.signed-update-firmware", PASSED).containsEntry("fw.download", INCONCLUSIVE)
                    .containsEntry("fw.signature-verified", SKIPPED).containsEntry("fw.status-notifications", PASSED)
                    .containsEntry("ws.reconnect", SKIPPED).containsEntry("fw.installed-notifications", SKIPPED);
            assertThat(check(r, "fw.download").message()).startsWith("cannot read the firmware file " + missing + ": ")
                    .endsWith(" (the option fw.file)");
            assertThat(check(r, "fw.status-notifications").message()).isEqualTo("the Central System answered every"
                    + " notification: SignedFirmwareStatusNotification.req Downloading: answered {};"
                    + " SignedFirmwareStatusNotification.req DownloadFailed: answered {}");
            assertThat(check(r, "ws.reconnect").message()).isEqualTo("the firmware was not downloaded, so not installed");
        }
    }

    @Test
    void tc080IsInconclusiveWhenTheActionFails() {
        try (RunningCentralSystem cs = start()) {
            TestCaseResult r = run(Tc080TestCase.ID, profile2(cs)
                    .actionHandler(action -> Mono.just(ActionOutcome.failed("hook exited 3: no such firmware")))
                    .timeouts(Timeouts.DEFAULTS.withNetwork(Duration.ofSeconds(2)).withAction(Duration.ofSeconds(5))).build());

            assertThat(check(r, "fw.signed-update-firmware").verdict()).isEqualTo(INCONCLUSIVE);
            assertThat(check(r, "fw.signed-update-firmware").message()).contains("hook exited 3: no such firmware");
            assertThat(check(r, "fw.download").verdict()).isEqualTo(SKIPPED);
        }
    }

    // ------------------------------------------------------------------ TC_081

    @Test
    void tc081PassesAgainstTheReferenceCentralSystem() throws Exception {
        try (RunningCentralSystem cs = start()) {
            Path certificate = Files.writeString(dir.resolve("signing.pem"), cs.firmware().signingCertificatePem());
            TestCaseResult r = run(Tc081TestCase.ID, automated(cs).option("fw.location", cs.firmware().location())
                    .option("fw.signing-certificate", certificate.toString()).build());

            assertThat(verdicts(r)).containsExactly(Map.entry("ws.upgrade", PASSED), Map.entry("ocpp.boot-notification", PASSED),
                    Map.entry("ocpp.status-notification", PASSED), Map.entry("fw.signed-update-firmware", PASSED),
                    Map.entry("fw.download", PASSED), Map.entry("fw.signature-invalid", PASSED),
                    Map.entry("fw.status-notifications", PASSED));
            assertThat(check(r, "fw.signature-invalid").message()).startsWith("as the card wants, the signature over the "
                    + cs.firmware().image().length + "-byte firmware does not verify");
            assertThat(check(r, "fw.status-notifications").message()).isEqualTo("the Central System answered every"
                    + " notification: SignedFirmwareStatusNotification.req Downloading: answered {};"
                    + " SignedFirmwareStatusNotification.req Downloaded: answered {}; SignedFirmwareStatusNotification.req"
                    + " InvalidSignature: answered {}");
            assertThat(cs.bootNotificationCount()).isEqualTo(1);
        }
    }

    @Test
    void tc081FailsWhenTheCentralSystemSendsAValidSignature() {
        try (RunningCentralSystem cs = start(Fault.FIRMWARE_SIGNATURE_VALID)) {
            TestCaseResult r = run(Tc081TestCase.ID, automated(cs).build());

            assertThat(check(r, "fw.signature-invalid").verdict()).isEqualTo(FAILED);
            assertThat(check(r, "fw.signature-invalid").message()).startsWith("expected a deliberately invalid signature,"
                    + " seen one that verifies: the signature over the " + cs.firmware().image().length + "-byte firmware"
                    + " verifies with the key of the signing certificate");
            assertThat(check(r, "fw.status-notifications").message()).contains("SignatureVerified: answered {}");
        }
    }

    @Test
    void tc081FailsNamingTheFirmwareStatusNotificationsTheCentralSystemDidNotAnswer() {
        try (RunningCentralSystem cs = start(Fault.FIRMWARE_STATUS_NOT_ANSWERED)) {
            TestCaseResult r = run(Tc081TestCase.ID, automated(cs).build());

            assertThat(check(r, "fw.signature-invalid").verdict()).isEqualTo(PASSED);
            assertThat(check(r, "fw.status-notifications").verdict()).isEqualTo(FAILED);
            assertThat(check(r, "fw.status-notifications").message()).startsWith("expected an answer to every notification,"
                    + " the Central System did not answer SignedFirmwareStatusNotification.req Downloading,"
                    + " SignedFirmwareStatusNotification.req Downloaded, SignedFirmwareStatusNotification.req InvalidSignature: ");
        }
    }
}
