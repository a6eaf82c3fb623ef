package org.octt.ocpp.cp;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.Verdict;
import org.octt.ocpp.j.CallAnswer;
import org.octt.ocpp.j.CallOutcome;
import org.octt.ocpp.j.IncomingCall;
import org.octt.ocpp.v16.Ocpp16Schemas;
import org.octt.ocpp.v16.message.Firmware;
import org.octt.ocpp.v16.message.FirmwareStatus;
import org.octt.ocpp.v16.message.GetLogRequest;
import org.octt.ocpp.v16.message.LogParameters;
import org.octt.ocpp.v16.message.LogType;
import org.octt.tls.pki.CertificateBuilder;
import org.octt.tls.pki.IssuedCertificate;
import org.octt.tls.pki.KeyPairs;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link SecurityLogUpload}, {@link SignedFirmwareUpdate} and {@link Notifications}: answers, comparisons, checks. */
class FirmwareUpdatePiecesTests {

    private static final Ocpp16Schemas SCHEMAS = new Ocpp16Schemas();
    private static final IncomingCall ANY = new IncomingCall("1", "GetLog", JsonNodeFactory.instance.objectNode());

    @Test
    void answersGetLogAcceptedWithTheFilenameValidAgainstTheSchema() {
        CallAnswer a = SecurityLogUpload.accept("octt-security.log").answer(ANY);

        assertThat(((CallAnswer.Result) a).payload().toString()).isEqualTo("{\"status\":\"Accepted\",\"filename\":\"octt-security.log\"}");
        assertThat(SCHEMAS.validateResponse("GetLog", ((CallAnswer.Result) a).payload())).isEmpty();
    }

    @Test
    void sendsUploadingThenUploadedWithTheSameRequestId() {
        assertThat(SecurityLogUpload.notifications(7)).extracting(r -> r.toJson().toString())
                .containsExactly("{\"status\":\"Uploading\",\"requestId\":7}", "{\"status\":\"Uploaded\",\"requestId\":7}");
    }

    @Test
    void namesAWrongLogTypeAndAnotherRemoteLocation() {
        GetLogRequest diagnostics = new GetLogRequest(new LogParameters("https://other.example/logs"), LogType.DiagnosticsLog, 3);
        GetLogRequest security = new GetLogRequest(new LogParameters("https://csms.example/logs"), LogType.SecurityLog, 3);

        assertThat(SecurityLogUpload.problems(diagnostics, Optional.of("https://csms.example/logs"))).containsExactly(
                "logType is DiagnosticsLog, expected SecurityLog",
                "log.remoteLocation is 'https://other.example/logs', expected the configured 'https://csms.example/logs'");
        assertThat(SecurityLogUpload.problems(security, Optional.of("https://csms.example/logs"))).isEmpty();
        assertThat(SecurityLogUpload.problems(security, Optional.empty())).isEmpty();
    }

    @Test
    void comparesSigningCertificatesAsCertificatesNotAsText() {
        IssuedCertificate signer = CertificateBuilder.create().subject("CN=fw signer").keyPair(KeyPairs.ec("secp256r1")).build();
        IssuedCertificate other = CertificateBuilder.create().subject("CN=other signer").keyPair(KeyPairs.ec("secp256r1")).build();
        String unwrapped = signer.certificatePem().replace("\n", "\r\n");
        Firmware fw = new Firmware("http://fw.example/1.bin", OffsetDateTime.parse("2026-01-01T00:00:00Z"),
                signer.certificatePem(), "c2lnbmF0dXJl");

        assertThat(SignedFirmwareUpdate.mismatches(fw, Optional.of("http://fw.example/1.bin"), Optional.of("c2lnbmF0\ndXJl"),
                Optional.of(unwrapped))).isEmpty();
        assertThat(SignedFirmwareUpdate.mismatches(fw, Optional.of("http://fw.example/2.bin"), Optional.of("b3RoZXI="),
                Optional.of(other.certificatePem()))).containsExactly(
                "firmware.location is 'http://fw.example/1.bin', expected the configured 'http://fw.example/2.bin'",
                "firmware.signature is not the configured signature (seen 'c2lnbmF0dXJl', expected 'b3RoZXI=')",
                "firmware.signingCertificate is not the configured signing certificate (seen 'CN=fw signer', expected"
                        + " 'CN=other signer')");
        assertThat(SignedFirmwareUpdate.mismatches(fw, Optional.empty(), Optional.empty(), Optional.empty())).isEmpty();
    }

    @Test
    void answersSignedUpdateFirmwareAcceptedAndListsTheStatusesInOrder() {
        CallAnswer a = SignedFirmwareUpdate.accept().answer(ANY);

        assertThat(((CallAnswer.Result) a).payload().toString()).isEqualTo("{\"status\":\"Accepted\"}");
        assertThat(SignedFirmwareUpdate.notifications(5, SignedFirmwareUpdate.INVALID_SIGNATURE))
                .extracting(r -> r.toJson().toString()).containsExactly(
                        "{\"status\":\"Downloading\",\"requestId\":5}", "{\"status\":\"Downloaded\",\"requestId\":5}",
                        "{\"status\":\"InvalidSignature\",\"requestId\":5}");
        assertThat(SignedFirmwareUpdate.VALID_BEFORE_REBOOT).containsExactly(FirmwareStatus.Downloading,
                FirmwareStatus.Downloaded, FirmwareStatus.SignatureVerified, FirmwareStatus.Installing,
                FirmwareStatus.InstallRebooting);
    }

    @Test
    void labelsNotificationsByTheirStatusOrSecurityEventType() {
        assertThat(Notifications.label(SignedFirmwareUpdate.notifications(1, List.of(FirmwareStatus.Installed)).get(0)))
                .isEqualTo("SignedFirmwareStatusNotification.req Installed");
        assertThat(Notifications.label(new org.octt.ocpp.v16.message.SecurityEventNotificationRequest("FirmwareUpdated",
                OffsetDateTime.parse("2026-01-01T00:00:00Z")))).isEqualTo("SecurityEventNotification.req FirmwareUpdated");
    }

    @Test
    void passesWhenEveryNotificationIsAnsweredAndNamesEachThatIsNot() {
        var uploading = new Notifications.Sent("LogStatusNotification.req Uploading", new CallOutcome.Result("a",
                "LogStatusNotification", JsonNodeFactory.instance.objectNode(), Duration.ofMillis(3)));
        var uploaded = new Notifications.Sent("LogStatusNotification.req Uploaded",
                new CallOutcome.TimedOut("b", "LogStatusNotification", Duration.ofSeconds(2)));

        CheckResult ok = Notifications.check("log.status-notifications", List.of(uploading));
        CheckResult failed = Notifications.check("log.status-notifications", List.of(uploading, uploaded));

        assertThat(ok.verdict()).isEqualTo(Verdict.PASSED);
        assertThat(ok.message()).isEqualTo("the Central System answered every notification:"
                + " LogStatusNotification.req Uploading: answered {}");
        assertThat(failed.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(failed.message()).isEqualTo("expected an answer to every notification, the Central System did not"
                + " answer LogStatusNotification.req Uploaded: LogStatusNotification.req Uploaded: "
                + uploaded.outcome().message() + "; a Central System must answer each CALL (OCPP-J 1.6 section 4.1.1)");
    }
}
