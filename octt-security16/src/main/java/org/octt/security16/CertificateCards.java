package org.octt.security16;

import org.octt.core.spi.CheckResult;
import org.octt.core.spi.OperatorAction;
import org.octt.core.spi.OptionDescriptor;
import org.octt.core.spi.Prerequisites;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.TestCase;
import org.octt.core.spi.TestContext;
import org.octt.ocpp.cp.BootSequence;
import org.octt.ocpp.cp.CertificateHashes;
import org.octt.ocpp.cp.CertificateStore;
import org.octt.ocpp.cp.ChargePoint;
import org.octt.ocpp.cp.ChargePointSession;
import org.octt.ocpp.cp.ConnectOptions;
import org.octt.ocpp.cp.Connection;
import org.octt.ocpp.cp.ExpectedCall;
import org.octt.ocpp.cp.Ocpp16Checks;
import org.octt.ocpp.j.ChargePointResponder;
import org.octt.ocpp.schema.SchemaViolation;
import org.octt.ocpp.v16.message.CertificateUse;
import org.octt.ocpp.v16.message.InstallCertificateRequest;
import org.octt.ocpp.v16.message.InstallCertificateStatus;
import org.octt.tls.cert.PemException;
import org.octt.tls.cert.PemFiles;
import reactor.core.publisher.Flux;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the certificate management cards (TC_075_1, TC_075_2, TC_076, TC_078) share: the TestCase
 * basics, the options naming the root certificates to expect, one booted session whose certificate
 * CALLs a {@link CertificateStore} answers, the operator actions, and the judgement of an
 * InstallCertificate.req.
 */
abstract class CertificateCards extends Ocpp16SecurityCard {

    CertificateCards(String id, String title) {
        super(id, title);
    }

    /** The upgrade, as TC_085. */
    static final String UPGRADE = "ws.upgrade";
    /** BootNotification.conf Accepted. */
    static final String BOOT_NOTIFICATION = "ocpp.boot-notification";
    /** StatusNotification for connector 0 and each connector, each answered. */
    static final String STATUS_NOTIFICATION = "ocpp.status-notification";

    /** The option naming the PEM file of the ManufacturerRootCertificate the Central System is to install. */
    static final String MANUFACTURER_ROOT_OPTION = "cert.manufacturer-root-file";
    /** The option naming the PEM file of the CentralSystemRootCertificate the Central System is to install. */
    static final String CENTRAL_SYSTEM_ROOT_OPTION = "cert.central-system-root-file";

    /** The action parameters (see org.octt.testkit.actions in octt-testkit, which reads them). */
    static final String CERTIFICATE_TYPE = "certificateType";
    static final String CERTIFICATE_FILE = "certificateFile";
    static final String HASH_ALGORITHM = "hashAlgorithm";

    static OptionDescriptor rootOption(CertificateUse use) {
        return use == CertificateUse.ManufacturerRootCertificate
                ? OptionDescriptor.string(MANUFACTURER_ROOT_OPTION, null, "PEM file of the ManufacturerRootCertificate"
                        + " the Central System is to install (TC_075_1 checks it is exactly this one; TC_076 names it in"
                        + " its operator actions)")
                : OptionDescriptor.string(CENTRAL_SYSTEM_ROOT_OPTION, null, "PEM file of the CentralSystemRootCertificate"
                        + " the Central System is to install (TC_075_2 checks it is exactly this one; TC_078 names it in"
                        + " its operator action)");
    }

    static String optionKey(CertificateUse use) {
        return use == CertificateUse.ManufacturerRootCertificate ? MANUFACTURER_ROOT_OPTION : CENTRAL_SYSTEM_ROOT_OPTION;
    }

    /** Security profiles 2 and 3 (certificates are managed over TLS), with operator actions. */
    @Override
    public final Prerequisites prerequisites() {
        return Prerequisites.securityProfiles(SecurityProfile.TLS_BASIC_AUTH, SecurityProfile.TLS_CLIENT_CERTIFICATE)
                .withOperatorActions();
    }

    /** The boot options and the card's root certificate option. */
    static List<OptionDescriptor> options(String defaultModel, CertificateUse use) {
        List<OptionDescriptor> all = new ArrayList<>(BootSequence.options(defaultModel));
        all.add(rootOption(use));
        return List.copyOf(all);
    }

    // ------------------------------------------------------------------ the session

    /**
     * Connects with {@code store} answering the certificate CALLs, boots (upgrade, BootNotification,
     * StatusNotification checks), then runs {@code part} on the same session and closes it. When no
     * session opens (or it closed meanwhile) the part's checks are SKIPPED with the reason.
     */
    static Flux<CheckResult> onBootedSession(TestContext context, BootSequence boot, CertificateStore store,
                                             List<String> partIds,
                                             Function<ChargePointSession, Flux<CheckResult>> part) {
        ConnectOptions options = ConnectOptions.defaults().withResponder(store.responder(ChargePointResponder.defaults()));
        return Flux.usingWhen(ChargePoint.connect(context, options), c -> {
            CheckResult upgrade = Ocpp16Checks.withMessageLog(
                    Upgrades.upgrade(UPGRADE, context, c, Upgrades.how(context)), c.log().entries());
            if (!(c instanceof Connection.Open open)) {
                String reason = "no WebSocket session: " + c.message();
                return Flux.just(upgrade).concatWith(boot.skipped(reason)).concatWith(skipped(partIds, reason));
            }
            ChargePointSession cp = open.session();
            return Flux.just(upgrade)
                    .concatWith(boot.run(context, cp))
                    .concatWith(Flux.defer(() -> cp.isClosed()
                            ? skipped(partIds, "the Central System closed the WebSocket after the boot")
                            : part.apply(cp)));
        }, Connection::close);
    }

    static Flux<CheckResult> skipped(List<String> ids, String reason) {
        return Flux.fromIterable(ids).map(id -> CheckResult.skipped(id, reason));
    }

    /** The check with the part of {@code cp}'s message log said since {@code mark}. */
    static CheckResult logged(CheckResult check, ChargePointSession cp, int mark) {
        return Ocpp16Checks.withMessageLog(check, cp.log().since(mark));
    }

    /** The Charge Point's name in an action's text. */
    static String chargePoint(TestContext context) {
        return context.chargePointId().orElse("the Charge Point");
    }

    /** An operator action with the context's action timeout. */
    static OperatorAction action(TestContext context, String name, String text, String awaitedCall) {
        return OperatorAction.of(name, text, awaitedCall, context.timeouts().action());
    }

    // ------------------------------------------------------------------ the configured certificate

    /** What the card's root option holds: nothing, a certificate, or why it cannot be read. */
    record Configured(Optional<Path> file, Optional<X509Certificate> certificate, Optional<String> problem) {

        static Configured read(TestContext context, CertificateUse use) {
            String key = optionKey(use);
            Optional<String> value = context.option(key);
            if (value.isEmpty()) {
                return new Configured(Optional.empty(), Optional.empty(), Optional.empty());
            }
            Path file;
            try {
                file = Path.of(value.get()).toAbsolutePath();
            } catch (InvalidPathException e) {
                return new Configured(Optional.empty(), Optional.empty(),
                        Optional.of("option " + key + " is not a path: " + e.getReason()));
            }
            try {
                List<X509Certificate> read = PemFiles.readCertificates(file);
                if (read.size() > 1) {
                    return new Configured(Optional.of(file), Optional.empty(), Optional.of("option " + key + ": "
                            + file + " holds " + read.size() + " certificates; give the file of the one root certificate"));
                }
                return new Configured(Optional.of(file), Optional.of(read.get(0)), Optional.empty());
            } catch (PemException e) {
                return new Configured(Optional.of(file), Optional.empty(), Optional.of("option " + key + ": " + e.getMessage()));
            }
        }

        /** The action's parameters naming the file, when one is configured and readable. */
        OperatorAction into(OperatorAction action) {
            return certificate.isPresent() ? action.withParameter(CERTIFICATE_FILE, file.orElseThrow().toString()) : action;
        }
    }

    /** E.g. {@code CN=root,O=octt (serial 1f, SHA-256 fingerprint 3a..)}. */
    static String describe(X509Certificate c) {
        return c.getSubjectX500Principal().getName() + " (serial " + CertificateHashes.serialNumber(c.getSerialNumber())
                + ", SHA-256 fingerprint " + fingerprint(c) + ")";
    }

    static String fingerprint(X509Certificate c) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return "unavailable (" + e.getMessage() + ")";
        }
    }

    static boolean same(X509Certificate a, X509Certificate b) {
        try {
            return Arrays.equals(a.getEncoded(), b.getEncoded());
        } catch (CertificateEncodingException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ judging CALLs

    /** FAILED naming the violations when the CALL breaks its schema; empty otherwise. */
    static Optional<CheckResult> schemaViolations(String checkId, ExpectedCall.Received r) {
        if (r.violations().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(CheckResult.failed(checkId, r.action() + ".req breaks the OCPP 1.6 schema: "
                        + r.violations().stream().map(SchemaViolation::toString).collect(Collectors.joining("; "))
                        + "; change the Central System to send a valid " + r.action() + ".req")
                .withEvidence("req", r.call().payload().toString()));
    }

    /**
     * The check of an InstallCertificate.req that must carry {@code use}: FAILED for a schema violation,
     * another certificateType, or (when {@code mustInstall}) a certificate octt's store rejected
     * ({@code installation}: what the store made of this request);
     * PASSED otherwise, saying how octt answered.
     */
    static CheckResult installCheck(String checkId, ExpectedCall.Received r, CertificateUse use,
                                    Optional<CertificateStore.Installation> installation, boolean mustInstall) {
        Optional<CheckResult> invalid = schemaViolations(checkId, r);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        InstallCertificateRequest req = InstallCertificateRequest.fromJson(r.call().payload());
        if (req.certificateType() != use) {
            return CheckResult.failed(checkId, "expected InstallCertificate.req with certificateType " + use + ", seen "
                    + req.certificateType() + "; make the Central System install the certificate as " + use)
                    .withEvidence("certificateType", req.certificateType().name());
        }
        if (installation.isEmpty()) {
            return CheckResult.failed(checkId, "octt could not read the InstallCertificate.req: " + r.answer());
        }
        CertificateStore.Installation i = installation.get();
        CheckResult check;
        if (i.status() == InstallCertificateStatus.Accepted) {
            check = CheckResult.passed(checkId, "InstallCertificate.req with certificateType " + use + " and "
                    + describe(i.certificate().orElseThrow()) + ": octt answered Accepted");
        } else if (mustInstall) {
            check = CheckResult.failed(checkId, "expected InstallCertificate.req with a root certificate a Charge Point can"
                    + " install, seen one octt rejected: " + i.reason() + "; the certificate must be one self-signed X.509"
                    + " certificate in PEM (A00.FR.507)");
        } else {
            check = CheckResult.passed(checkId, "InstallCertificate.req with certificateType " + use + ": octt answered "
                    + i.status() + " (" + i.reason() + ")");
        }
        return check.withEvidence("certificateType", use.name()).withEvidence("answer", i.status().name());
    }
}
