package org.octt.ocpp.cp;

import org.octt.ocpp.j.CallAnswer;
import org.octt.ocpp.j.CallResponder;
import org.octt.ocpp.v16.message.Firmware;
import org.octt.ocpp.v16.message.FirmwareStatus;
import org.octt.ocpp.v16.message.SignedFirmwareStatusNotificationRequest;
import org.octt.ocpp.v16.message.SignedUpdateFirmwareResponse;
import org.octt.ocpp.v16.message.UpdateFirmwareStatus;
import org.octt.tls.cert.PemException;
import org.octt.tls.cert.PemFiles;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The Charge Point's part of a secure firmware update (OCPP 1.6 security whitepaper,
 * SignedUpdateFirmware; TC_080_CSMS and TC_081_CSMS): answer SignedUpdateFirmware.req Accepted,
 * compare the firmware's location, signature and signing certificate with the configured ones,
 * fetch the image ({@link FirmwareDownload}), verify its signature ({@link FirmwareSignature}) and
 * report each step with SignedFirmwareStatusNotification.req. Stateless.
 */
public final class SignedFirmwareUpdate {

    /** The statuses reported before the reboot of a firmware whose signature verifies. */
    public static final List<FirmwareStatus> VALID_BEFORE_REBOOT = List.of(FirmwareStatus.Downloading,
            FirmwareStatus.Downloaded, FirmwareStatus.SignatureVerified, FirmwareStatus.Installing,
            FirmwareStatus.InstallRebooting);
    /** The statuses reported for a firmware whose signature does not verify. */
    public static final List<FirmwareStatus> INVALID_SIGNATURE = List.of(FirmwareStatus.Downloading,
            FirmwareStatus.Downloaded, FirmwareStatus.InvalidSignature);
    /** The security event reported after the reboot into the new firmware. */
    public static final String FIRMWARE_UPDATED = "FirmwareUpdated";

    /**
     * The firmware as fetched and judged.
     *
     * @param download     how the image was fetched
     * @param verification the signature's verification; empty when the image was not fetched
     */
    public record Obtained(FirmwareDownload.Outcome download, Optional<FirmwareSignature.Verification> verification) {
        public Obtained {
            Objects.requireNonNull(download, "download");
            Objects.requireNonNull(verification, "verification");
        }
    }

    private SignedFirmwareUpdate() {
    }

    /** Answers SignedUpdateFirmware.req with {@code {"status":"Accepted"}}. */
    public static CallResponder accept() {
        CallAnswer answer = CallAnswer.result(new SignedUpdateFirmwareResponse(UpdateFirmwareStatus.Accepted).toJson());
        return call -> answer;
    }

    /**
     * How the firmware differs from what is configured: each of location, signature and signing
     * certificate that is configured and not equal (certificates are compared as certificates, so
     * PEM line breaks do not matter). Empty when it all matches or nothing is configured.
     */
    public static List<String> mismatches(Firmware firmware, Optional<String> location, Optional<String> signature,
                                          Optional<String> signingCertificatePem) {
        List<String> problems = new ArrayList<>();
        location.filter(l -> !l.equals(firmware.location())).ifPresent(l ->
                problems.add("firmware.location is '" + firmware.location() + "', expected the configured '" + l + "'"));
        signature.filter(s -> !stripAll(s).equals(stripAll(firmware.signature()))).ifPresent(s ->
                problems.add("firmware.signature is not the configured signature (seen " + shorten(firmware.signature())
                        + ", expected " + shorten(s) + ")"));
        signingCertificatePem.filter(c -> !sameCertificate(c, firmware.signingCertificate())).ifPresent(c ->
                problems.add("firmware.signingCertificate is not the configured signing certificate (seen "
                        + subject(firmware.signingCertificate()) + ", expected " + subject(c) + ")"));
        return problems;
    }

    /**
     * Fetches the image (from {@code localFile} when given, from {@code firmware.location()} otherwise)
     * and, once fetched, verifies its signature (on the parallel scheduler, not the connection's event
     * loop). Never errors; at most {@code timeout} for a download.
     */
    public static Mono<Obtained> obtain(Firmware firmware, Optional<Path> localFile, long maxBytes, Duration timeout) {
        Mono<FirmwareDownload.Outcome> download = localFile.isPresent()
                ? FirmwareDownload.readFile(localFile.get(), maxBytes)
                : FirmwareDownload.fetch(firmware.location(), maxBytes, timeout);
        return download.publishOn(Schedulers.parallel()).map(d -> new Obtained(d, d instanceof FirmwareDownload.Fetched f
                ? Optional.of(FirmwareSignature.verify(f.bytes(), firmware.signature(), firmware.signingCertificate()))
                : Optional.empty()));
    }

    /** SignedFirmwareStatusNotification.req of each status, in order, with {@code requestId}. */
    public static List<SignedFirmwareStatusNotificationRequest> notifications(int requestId, List<FirmwareStatus> statuses) {
        return statuses.stream().map(s -> new SignedFirmwareStatusNotificationRequest(s, OptionalInt.of(requestId))).toList();
    }

    private static boolean sameCertificate(String a, String b) {
        try {
            return Arrays.equals(encoded(a), encoded(b));
        } catch (PemException | CertificateEncodingException e) {
            return stripAll(a).equals(stripAll(b));
        }
    }

    private static byte[] encoded(String pem) throws CertificateEncodingException {
        return PemFiles.readCertificates(pem.getBytes(StandardCharsets.UTF_8), "the signingCertificate").get(0).getEncoded();
    }

    private static String subject(String pem) {
        try {
            return "'" + PemFiles.readCertificates(pem.getBytes(StandardCharsets.UTF_8), "the signingCertificate").get(0)
                    .getSubjectX500Principal().getName() + "'";
        } catch (PemException e) {
            return "no readable certificate";
        }
    }

    private static String stripAll(String s) {
        return s.replaceAll("\\s+", "");
    }

    private static String shorten(String s) {
        String t = stripAll(s);
        return "'" + (t.length() <= 16 ? t : t.substring(0, 16) + "...") + "'";
    }
}
