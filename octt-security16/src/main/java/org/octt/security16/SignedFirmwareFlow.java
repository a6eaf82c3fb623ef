package org.octt.security16;

import org.octt.core.spi.CheckResult;
import org.octt.core.spi.OperatorAction;
import org.octt.core.spi.OptionDescriptor;
import org.octt.core.spi.Prerequisites;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.Step;
import org.octt.core.spi.TestContext;
import org.octt.ocpp.cp.BootSequence;
import org.octt.ocpp.cp.ChargePoint;
import org.octt.ocpp.cp.ChargePointSession;
import org.octt.ocpp.cp.Connection;
import org.octt.ocpp.cp.ExpectedCall;
import org.octt.ocpp.cp.FirmwareDownload;
import org.octt.ocpp.cp.FirmwareSignature;
import org.octt.ocpp.cp.Notifications;
import org.octt.ocpp.cp.Ocpp16Checks;
import org.octt.ocpp.cp.SignedFirmwareUpdate;
import org.octt.ocpp.schema.SchemaViolation;
import org.octt.ocpp.v16.message.Firmware;
import org.octt.ocpp.v16.message.FirmwareStatus;
import org.octt.ocpp.v16.message.MessageFormatException;
import org.octt.ocpp.v16.message.Ocpp16Message;
import org.octt.ocpp.v16.message.SecurityEventNotificationRequest;
import org.octt.ocpp.v16.message.SignedFirmwareStatusNotificationRequest;
import org.octt.ocpp.v16.message.SignedUpdateFirmwareRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * The secure firmware update of TC_080_CSMS (a signature that verifies: install, reboot, report) and
 * TC_081_CSMS (a deliberately invalid signature: report InvalidSignature), after the connected,
 * booted start of {@link BootedChargePoint}. The check ids are public constants of the cards.
 */
final class SignedFirmwareFlow {

    /** SignedUpdateFirmware.req received, valid, equal to the configured firmware; answered Accepted. */
    static final String REQUEST = "fw.signed-update-firmware";
    /** The image fetched from the location (or the configured file). */
    static final String DOWNLOAD = "fw.download";
    /** SignedFirmwareStatusNotification.req of each status before the reboot (or of the invalid signature), each answered. */
    static final String STATUS_NOTIFICATIONS = "fw.status-notifications";
    /** TC_080: the signature verifies with the signing certificate. */
    static final String SIGNATURE_VERIFIED = "fw.signature-verified";
    /** TC_081: the signature does not verify. */
    static final String SIGNATURE_INVALID = "fw.signature-invalid";
    /** TC_080: the reconnect after the reboot: 101 with ocpp1.6. */
    static final String RECONNECT = "ws.reconnect";
    /** TC_080: BootNotification after the reboot, Accepted. */
    static final String BOOT_AFTER_REBOOT = "ocpp.boot-notification-after-reboot";
    /** TC_080: StatusNotification (Available) after the reboot. */
    static final String STATUS_AFTER_REBOOT = "ocpp.status-notification-after-reboot";
    /** TC_080: SecurityEventNotification FirmwareUpdated and SignedFirmwareStatusNotification Installed, each answered. */
    static final String INSTALLED = "fw.installed-notifications";

    static final String LOCATION_OPTION = "fw.location";
    static final String SIGNATURE_OPTION = "fw.signature";
    static final String SIGNING_CERTIFICATE_OPTION = "fw.signing-certificate";
    static final String FILE_OPTION = "fw.file";

    /** Which card. */
    enum Variant {
        /** TC_080: a valid signature, then install, reboot, report. */
        VALID("signed-update-firmware", "a firmware signature that verifies with its signing certificate",
                SIGNATURE_VERIFIED),
        /** TC_081: a deliberately invalid signature. */
        INVALID("signed-update-firmware-invalid-signature", "a deliberately invalid firmware signature",
                SIGNATURE_INVALID);

        final String action;
        final String what;
        final String signatureCheck;

        Variant(String action, String what, String signatureCheck) {
            this.action = action;
            this.what = what;
            this.signatureCheck = signatureCheck;
        }
    }

    private SignedFirmwareFlow() {
    }

    /** The card's options: the boot options and the firmware the Central System is configured with. */
    static List<OptionDescriptor> options(String defaultModel) {
        List<OptionDescriptor> o = new ArrayList<>(BootSequence.options(defaultModel));
        o.add(OptionDescriptor.string(LOCATION_OPTION, null,
                "the firmware.location the Central System is configured to send; checked when given"));
        o.add(OptionDescriptor.string(SIGNATURE_OPTION, null,
                "the firmware.signature (Base64) the Central System is configured to send; checked when given"));
        o.add(OptionDescriptor.string(SIGNING_CERTIFICATE_OPTION, null,
                "a PEM file with the firmware.signingCertificate the Central System is configured to send; checked when given"));
        o.add(OptionDescriptor.string(FILE_OPTION, null,
                "a local file with the firmware image, verified instead of downloading firmware.location"));
        return List.copyOf(o);
    }

    /** The checks after the boot, in order. */
    /**
     * The one step of TC_080 ({@code VALID}) or TC_081 ({@code INVALID}): connect and boot, then the
     * secure firmware update of that variant; its check ids are the boot's and {@link #bodyCheckIds}.
     */
    static Step step(String name, Variant variant, String model) {
        BootSequence boot = BootSequence.of(BootedChargePoint.BOOT_NOTIFICATION, BootedChargePoint.STATUS_NOTIFICATION,
                model);
        List<String> ids = new ArrayList<>(List.of(BootedChargePoint.UPGRADE, BootedChargePoint.BOOT_NOTIFICATION,
                BootedChargePoint.STATUS_NOTIFICATION));
        ids.addAll(bodyCheckIds(variant));
        return Step.of(name, "connect and boot, then SignedUpdateFirmware.req from the Central System, answered"
                        + " Accepted, the image downloaded and its signature checked, each SignedFirmwareStatusNotification"
                        + " answered", List.copyOf(ids),
                context -> BootedChargePoint.run(context, boot, bodyCheckIds(variant),
                        cp -> run(context, cp, variant, model)));
    }

    /** Any security profile; the Central System must be made to send SignedUpdateFirmware (an operator action). */
    static Prerequisites prerequisites() {
        return Prerequisites.securityProfiles(SecurityProfile.UNSECURED_BASIC_AUTH, SecurityProfile.TLS_BASIC_AUTH,
                SecurityProfile.TLS_CLIENT_CERTIFICATE).withOperatorActions();
    }

    static List<String> bodyCheckIds(Variant variant) {
        return variant == Variant.VALID
                ? List.of(REQUEST, DOWNLOAD, SIGNATURE_VERIFIED, STATUS_NOTIFICATIONS, RECONNECT, BOOT_AFTER_REBOOT,
                        STATUS_AFTER_REBOOT, INSTALLED)
                : List.of(REQUEST, DOWNLOAD, SIGNATURE_INVALID, STATUS_NOTIFICATIONS);
    }

    /** The update on the booted session {@code cp}. */
    static Flux<CheckResult> run(TestContext context, ChargePointSession cp, Variant variant, String defaultModel) {
        Optional<String> location = context.option(LOCATION_OPTION).filter(s -> !s.isBlank());
        String cpId = context.chargePointId().orElse("the Charge Point");
        OperatorAction action = OperatorAction.of(variant.action, "make the Central System send"
                + " SignedUpdateFirmware.req with " + variant.what + location.map(l -> ", firmware.location " + l).orElse("")
                + " to " + cpId, "SignedUpdateFirmware", context.timeouts().action());
        if (location.isPresent()) {
            action = action.withParameter("location", location.get());
        }
        OperatorAction asked = action;
        return configuredCertificate(context).flatMapMany(certificate -> {
            int mark = cp.log().size();
            return cp.expectCall(context, asked, SignedFirmwareUpdate.accept()).flatMapMany(outcome -> {
                List<String> rest = bodyCheckIds(variant).subList(1, bodyCheckIds(variant).size());
                if (!(outcome instanceof ExpectedCall.Received received)) {
                    return Flux.just(Ocpp16Checks.withMessageLog(Ocpp16Checks.notReceived(REQUEST, outcome).orElseThrow(), cp.log().since(mark)))
                            .concatWith(BootedChargePoint.skipped(rest, "no SignedUpdateFirmware.req, so no firmware to update"));
                }
                SignedUpdateFirmwareRequest request;
                try {
                    request = SignedUpdateFirmwareRequest.fromJson(received.call().payload());
                } catch (MessageFormatException e) {
                    return Flux.just(Ocpp16Checks.withMessageLog(CheckResult.failed(REQUEST, "expected a"
                                    + " SignedUpdateFirmware.req a Charge Point can read, seen " + received.call().payload()
                                    + ": " + e.getMessage()), cp.log().since(mark)))
                            .concatWith(BootedChargePoint.skipped(rest, "the SignedUpdateFirmware.req cannot be read"));
                }
                CheckResult requestCheck = Ocpp16Checks.withMessageLog(requestCheck(context, received, request,
                        location, certificate), cp.log().since(mark));
                return Flux.just(requestCheck).concatWith(update(context, cp, variant, request, defaultModel));
            });
        });
    }

    /** The configured signing certificate's PEM, read off the event loop; an unreadable file is said in the text. */
    private static Mono<Optional<Configured>> configuredCertificate(TestContext context) {
        Optional<String> file = context.option(SIGNING_CERTIFICATE_OPTION).filter(s -> !s.isBlank());
        if (file.isEmpty()) {
            return Mono.just(Optional.empty());
        }
        return Mono.fromCallable(() -> {
            Path path = Path.of(file.get());
            try {
                if (Files.size(path) > 64 * 1024) {
                    return Optional.of(new Configured(null, "the option " + SIGNING_CERTIFICATE_OPTION + " names "
                            + path + ", larger than 64 KiB: not a signing certificate"));
                }
                return Optional.of(new Configured(Files.readString(path, StandardCharsets.UTF_8), null));
            } catch (IOException | RuntimeException e) {
                return Optional.of(new Configured(null, "cannot read the option " + SIGNING_CERTIFICATE_OPTION + " ("
                        + path + "): " + e.getClass().getSimpleName()));
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** The configured signing certificate: its PEM, or why it could not be read. */
    private record Configured(String pem, String problem) {
    }

    private static CheckResult requestCheck(TestContext context, ExpectedCall.Received received,
                                            SignedUpdateFirmwareRequest request, Optional<String> location,
                                            Optional<Configured> certificate) {
        if (certificate.isPresent() && certificate.get().problem() != null) {
            return CheckResult.inconclusive(REQUEST, "SignedUpdateFirmware.req received, but " + certificate.get().problem()
                    + "; give the PEM file of the signing certificate the Central System sends");
        }
        Firmware fw = request.firmware();
        List<String> problems = new ArrayList<>(SignedFirmwareUpdate.mismatches(fw, location,
                context.option(SIGNATURE_OPTION).filter(s -> !s.isBlank()), certificate.map(Configured::pem)));
        if (!received.violations().isEmpty()) {
            problems.add("it breaks the OCPP 1.6 schema of SignedUpdateFirmware.req: " + received.violations().stream()
                    .map(SchemaViolation::toString).collect(Collectors.joining("; ")));
        }
        CheckResult check = problems.isEmpty()
                ? CheckResult.passed(REQUEST, "SignedUpdateFirmware.req received: requestId " + request.requestId()
                        + ", firmware.location '" + fw.location() + "', a signature and a signing certificate"
                        + (location.isPresent() || certificate.isPresent() ? " (as configured where configured)" : "")
                        + "; answered Accepted")
                : CheckResult.failed(REQUEST, "expected SignedUpdateFirmware.req with the configured firmware, seen: "
                        + String.join("; ", problems) + "; change the Central System's firmware settings or the options "
                        + LOCATION_OPTION + ", " + SIGNATURE_OPTION + ", " + SIGNING_CERTIFICATE_OPTION);
        return check.withEvidence("location", fw.location()).withEvidence("requestId", request.requestId());
    }

    private static Flux<CheckResult> update(TestContext context, ChargePointSession cp, Variant variant,
                                            SignedUpdateFirmwareRequest request, String defaultModel) {
        Firmware fw = request.firmware();
        int requestId = request.requestId();
        Optional<Path> file = context.option(FILE_OPTION).filter(s -> !s.isBlank()).map(Path::of);
        return SignedFirmwareUpdate.obtain(fw, file, FirmwareDownload.DEFAULT_MAX_BYTES, context.timeouts().network())
                .flatMapMany(obtained -> {
                    CheckResult download = downloadCheck(obtained.download());
                    if (obtained.verification().isEmpty()) {
                        List<FirmwareStatus> statuses = List.of(FirmwareStatus.Downloading, FirmwareStatus.DownloadFailed);
                        List<String> after = bodyCheckIds(variant).subList(4, bodyCheckIds(variant).size());
                        return Flux.just(download, CheckResult.skipped(variant.signatureCheck, "no firmware image to verify"))
                                .concatWith(notify(cp, SignedFirmwareUpdate.notifications(requestId, statuses)))
                                .concatWith(BootedChargePoint.skipped(after, "the firmware was not downloaded, so not installed"));
                    }
                    FirmwareSignature.Verification v = obtained.verification().get();
                    CheckResult signature = variant == Variant.VALID ? verifiedCheck(v) : invalidCheck(v);
                    List<FirmwareStatus> statuses = !v.valid() ? SignedFirmwareUpdate.INVALID_SIGNATURE
                            : variant == Variant.VALID ? SignedFirmwareUpdate.VALID_BEFORE_REBOOT
                            : List.of(FirmwareStatus.Downloading, FirmwareStatus.Downloaded, FirmwareStatus.SignatureVerified);
                    Flux<CheckResult> before = Flux.just(download, signature)
                            .concatWith(notify(cp, SignedFirmwareUpdate.notifications(requestId, statuses)));
                    if (variant == Variant.INVALID) {
                        return before;
                    }
                    if (!v.valid()) {
                        return before.concatWith(BootedChargePoint.skipped(List.of(RECONNECT, BOOT_AFTER_REBOOT,
                                STATUS_AFTER_REBOOT, INSTALLED), "no reboot: the firmware's signature did not verify,"
                                + " so a Charge Point does not install it"));
                    }
                    return before.concatWith(Mono.defer(() -> cp.close(context.timeouts().network())).thenMany(
                            afterReboot(context, requestId, defaultModel)));
                });
    }

    private static Flux<CheckResult> notify(ChargePointSession cp, List<? extends Ocpp16Message> requests) {
        return Mono.defer(() -> {
            int mark = cp.log().size();
            return Notifications.send(cp, requests).map(sent -> Ocpp16Checks.withMessageLog(
                    Notifications.check(STATUS_NOTIFICATIONS, sent), cp.log().since(mark)));
        }).flux();
    }

    /** After the reboot: reconnect, boot, FirmwareUpdated and Installed. */
    private static Flux<CheckResult> afterReboot(TestContext context, int requestId, String defaultModel) {
        BootSequence boot = BootSequence.of(BOOT_AFTER_REBOOT, STATUS_AFTER_REBOOT, defaultModel);
        return BootedChargePointAfterReboot.run(context, boot, cp -> {
            int mark = cp.log().size();
            List<Ocpp16Message> reports = List.of(
                    new SecurityEventNotificationRequest(SignedFirmwareUpdate.FIRMWARE_UPDATED,
                            OffsetDateTime.ofInstant(context.clock().instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)),
                    new SignedFirmwareStatusNotificationRequest(FirmwareStatus.Installed, OptionalInt.of(requestId)));
            return Notifications.send(cp, reports).map(sent -> Ocpp16Checks.withMessageLog(
                    Notifications.check(INSTALLED, sent), cp.log().since(mark))).flux();
        });
    }

    /** The reconnect after the reboot, judged as {@value #RECONNECT}. */
    private static final class BootedChargePointAfterReboot {
        static Flux<CheckResult> run(TestContext context, BootSequence boot,
                                     java.util.function.Function<ChargePointSession, Flux<CheckResult>> body) {
            return Flux.usingWhen(ChargePoint.connect(context), c -> {
                CheckResult upgrade = Ocpp16Checks.withMessageLog(
                        Upgrades.upgrade(RECONNECT, context, c, Upgrades.how(context) + " after the reboot"), c.log().entries());
                if (!(c instanceof Connection.Open open)) {
                    String reason = "no WebSocket session after the reboot: " + c.message();
                    return Flux.just(upgrade).concatWith(boot.skipped(reason))
                            .concatWith(BootedChargePoint.skipped(List.of(INSTALLED), reason));
                }
                return Flux.just(upgrade).concatWith(boot.run(context, open.session()).collectList().flatMapMany(checks ->
                        Flux.fromIterable(checks).concatWith(checks.get(0).verdict() == org.octt.core.spi.Verdict.PASSED
                                ? body.apply(open.session())
                                : BootedChargePoint.skipped(List.of(INSTALLED), "the BootNotification after the reboot"
                                        + " was not accepted, and a Charge Point sends nothing else before it is"))));
            }, Connection::close);
        }
    }

    private static CheckResult downloadCheck(FirmwareDownload.Outcome outcome) {
        if (outcome instanceof FirmwareDownload.Fetched f) {
            return CheckResult.passed(DOWNLOAD, f.message()).withEvidence("bytes", f.bytes().length);
        }
        FirmwareDownload.Failed failed = (FirmwareDownload.Failed) outcome;
        return switch (failed.failure()) {
            case REFUSED, TOO_LARGE, UNSUPPORTED_LOCATION -> CheckResult.failed(DOWNLOAD, "expected the firmware image"
                    + " at firmware.location, seen: " + failed.message() + "; serve the image there over HTTP(S), or give"
                    + " octt the image with the option " + FILE_OPTION);
            case UNREACHABLE, TIMED_OUT -> CheckResult.inconclusive(DOWNLOAD, "cannot tell: " + failed.message()
                    + "; check that octt can reach firmware.location, or give the image with the option " + FILE_OPTION);
            case UNREADABLE_FILE -> CheckResult.inconclusive(DOWNLOAD, failed.message() + " (the option " + FILE_OPTION + ")");
        };
    }

    private static CheckResult verifiedCheck(FirmwareSignature.Verification v) {
        return switch (v.status()) {
            case VALID -> CheckResult.passed(SIGNATURE_VERIFIED, v.message());
            case INVALID -> CheckResult.failed(SIGNATURE_VERIFIED, "expected a firmware signature that verifies with the"
                    + " signing certificate, seen one that does not: " + v.message() + "; the Central System sent a"
                    + " signature that does not verify: send the Base64 signature of the image made with the signing"
                    + " certificate's key (SHA-256 with RSA or ECDSA)");
            case UNREADABLE -> CheckResult.failed(SIGNATURE_VERIFIED, "expected a Base64 firmware signature and a PEM"
                    + " signing certificate, seen: " + v.message());
        };
    }

    private static CheckResult invalidCheck(FirmwareSignature.Verification v) {
        return switch (v.status()) {
            case INVALID -> CheckResult.passed(SIGNATURE_INVALID, "as the card wants, " + v.message());
            case UNREADABLE -> CheckResult.passed(SIGNATURE_INVALID, "as the card wants, the signature does not verify: "
                    + v.message()).withWarning("the signature or signing certificate cannot even be read (" + v.message()
                    + "); the card means a well-formed signature that does not verify");
            case VALID -> CheckResult.failed(SIGNATURE_INVALID, "expected a deliberately invalid signature, seen one that"
                    + " verifies: " + v.message() + "; make the Central System send a signature that does not verify"
                    + " with the signing certificate (e.g. one made over other bytes)");
        };
    }
}
