package org.octt.security16;

import org.octt.core.spi.CheckResult;
import org.octt.core.spi.OperatorAction;
import org.octt.core.spi.OptionDescriptor;
import org.octt.core.spi.Step;
import org.octt.core.spi.TestContext;
import org.octt.ocpp.cp.BootSequence;
import org.octt.ocpp.cp.CertificateStore;
import org.octt.ocpp.cp.ChargePointSession;
import org.octt.ocpp.cp.ExpectedCall;
import org.octt.ocpp.cp.Ocpp16Checks;
import org.octt.ocpp.j.CallOutcome;
import org.octt.ocpp.v16.message.CertificateUse;
import org.octt.ocpp.v16.message.SecurityEventNotificationRequest;
import reactor.core.publisher.Flux;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * TC_078_CSMS "Invalid CentralSystemCertificate Security Event" (security profile 2 or 3, operator
 * actions): on a booted session the Central System sends InstallCertificate.req with certificateType
 * {@code CentralSystemRootCertificate} ({@value #INSTALL}); octt answers Rejected, whatever the
 * certificate, then sends SecurityEventNotification.req of type {@value #EVENT_TYPE}, which the
 * Central System must answer with a valid SecurityEventNotification.conf ({@value #SECURITY_EVENT}).
 */
public final class Tc078TestCase extends CertificateCards {

    public static final String ID = "TC_078_CSMS";
    public static final String TITLE = "Invalid CentralSystemCertificate Security Event";

    /** InstallCertificate.req with certificateType CentralSystemRootCertificate (octt answers Rejected). */
    public static final String INSTALL = "cert.install-certificate";
    /** SecurityEventNotification.req InvalidCentralSystemCertificate answered with a valid conf. */
    public static final String SECURITY_EVENT = "ocpp.security-event-notification";
    /** The security event octt reports after rejecting the certificate. */
    public static final String EVENT_TYPE = "InvalidCentralSystemCertificate";

    static final CertificateUse USE = CertificateUse.CentralSystemRootCertificate;

    private static final BootSequence BOOT = BootSequence.of(BOOT_NOTIFICATION, STATUS_NOTIFICATION, "octt-tc078");
    private static final List<OptionDescriptor> OPTIONS = options("octt-tc078", USE);

    private final List<Step> steps = List.of(Step.of("invalid-central-system-certificate", "upgrade, BootNotification,"
                    + " StatusNotification; the Central System installs a " + USE + ", octt rejects it and reports "
                    + EVENT_TYPE, List.of(UPGRADE, BOOT_NOTIFICATION, STATUS_NOTIFICATION, INSTALL, SECURITY_EVENT),
            Tc078TestCase::run));

    public Tc078TestCase() {
        super(ID, TITLE);
    }

    @Override
    public List<Step> steps() {
        return steps;
    }

    /** {@code ocpp.vendor}, {@code ocpp.model}, {@code ocpp.connectors} and {@code cert.central-system-root-file}. */
    @Override
    public List<OptionDescriptor> options() {
        return OPTIONS;
    }

    private static Flux<CheckResult> run(TestContext context) {
        Configured configured = Configured.read(context, USE);
        CertificateStore store = CertificateStore.refusing(USE);
        return onBootedSession(context, BOOT, store, List.of(INSTALL, SECURITY_EVENT),
                cp -> install(context, cp, store, configured));
    }

    private static Flux<CheckResult> install(TestContext context, ChargePointSession cp, CertificateStore store,
                                             Configured configured) {
        int mark = cp.log().size();
        int before = store.installations().size();
        OperatorAction install = configured.into(action(context, "install-certificate", "make the Central System send"
                + " InstallCertificate.req with certificateType " + USE + " and "
                + configured.file().map(f -> "the certificate of " + f).orElse("a " + USE) + " to "
                + chargePoint(context) + " (octt answers Rejected)", "InstallCertificate")
                .withParameter(CERTIFICATE_TYPE, USE.name()));
        return cp.expectCall(context, install, store::answer).flatMapMany(outcome -> {
            if (!(outcome instanceof ExpectedCall.Received r)) {
                return Flux.just(logged(Ocpp16Checks.notReceived(INSTALL, outcome).orElseThrow(), cp, mark),
                        CheckResult.skipped(SECURITY_EVENT, "not run: " + outcome.message()));
            }
            Optional<CertificateStore.Installation> installation = store.installations().stream().skip(before).findFirst();
            CheckResult installCheck = logged(installCheck(INSTALL, r, USE, installation, false), cp, mark);
            return Flux.just(installCheck).concatWith(securityEvent(context, cp));
        });
    }

    private static Flux<CheckResult> securityEvent(TestContext context, ChargePointSession cp) {
        int mark = cp.log().size();
        SecurityEventNotificationRequest event = new SecurityEventNotificationRequest(EVENT_TYPE,
                OffsetDateTime.ofInstant(context.clock().instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS),
                Optional.of("InstallCertificate.req of a " + USE + " rejected"));
        return cp.call(event).map(outcome -> logged(securityEventCheck(outcome), cp, mark)).flux();
    }

    static CheckResult securityEventCheck(CallOutcome outcome) {
        Optional<CheckResult> invalid = Ocpp16Checks.schemaViolations(SECURITY_EVENT, outcome);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        if (outcome instanceof CallOutcome.Result r) {
            return CheckResult.passed(SECURITY_EVENT, "SecurityEventNotification.req " + EVENT_TYPE
                    + " answered with SecurityEventNotification.conf " + r.payload()).withEvidence("conf", r.payload().toString());
        }
        return CheckResult.failed(SECURITY_EVENT, "expected SecurityEventNotification.conf to SecurityEventNotification.req "
                + EVENT_TYPE + ", seen: " + outcome.message() + "; the Central System must answer every"
                + " SecurityEventNotification.req");
    }
}
