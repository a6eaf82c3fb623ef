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
import org.octt.ocpp.j.CallAnswer;
import org.octt.ocpp.v16.message.CertificateUse;
import org.octt.ocpp.v16.message.GetInstalledCertificateIdsRequest;
import reactor.core.publisher.Flux;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * TC_075_1_CSMS and TC_075_2_CSMS "Install a certificate on the Charge Point": on a booted session
 * (security profile 2 or 3) the Central System, made to by an operator action, sends
 * InstallCertificate.req with the card's certificateType and the configured root certificate
 * ({@value #INSTALL}: the right type and a root octt installs, answered Accepted;
 * {@value #CONFIGURED}: exactly the certificate of the card's option; SKIPPED when the option is not
 * set, INCONCLUSIVE when its file cannot be read), then
 * GetInstalledCertificateIds.req with the same type ({@value #GET_IDS}: answered Accepted with the
 * certificateHashData of the installed certificate).
 */
abstract class InstallCertificateCard extends CertificateCards {

    /** InstallCertificate.req with the card's certificateType and a root certificate octt installs (Accepted). */
    public static final String INSTALL = "cert.install-certificate";
    /** The installed certificate is exactly the configured one. */
    public static final String CONFIGURED = "cert.configured-certificate";
    /** GetInstalledCertificateIds.req with the same certificateType. */
    public static final String GET_IDS = "cert.get-installed-certificate-ids";

    private final CertificateUse use;
    private final BootSequence boot;
    private final List<OptionDescriptor> options;
    private final List<Step> steps;

    InstallCertificateCard(String id, String title, CertificateUse use, String model) {
        super(id, title);
        this.use = use;
        this.boot = BootSequence.of(BOOT_NOTIFICATION, STATUS_NOTIFICATION, model);
        this.options = options(model, use);
        this.steps = List.of(Step.of("install-certificate", "upgrade, BootNotification, StatusNotification; then the"
                        + " Central System installs the " + use + " and asks for the installed certificate ids",
                List.of(UPGRADE, BOOT_NOTIFICATION, STATUS_NOTIFICATION, INSTALL, CONFIGURED, GET_IDS), this::run));
    }

    @Override
    public final List<Step> steps() {
        return steps;
    }

    /** {@code ocpp.vendor}, {@code ocpp.model}, {@code ocpp.connectors} and the card's root certificate file. */
    @Override
    public final List<OptionDescriptor> options() {
        return options;
    }

    private Flux<CheckResult> run(TestContext context) {
        Configured configured = Configured.read(context, use);
        CertificateStore store = CertificateStore.create();
        return onBootedSession(context, boot, store, List.of(INSTALL, CONFIGURED, GET_IDS),
                cp -> install(context, cp, store, configured));
    }

    private Flux<CheckResult> install(TestContext context, ChargePointSession cp, CertificateStore store,
                                      Configured configured) {
        int mark = cp.log().size();
        int before = store.installations().size();
        OperatorAction install = configured.into(action(context, "install-certificate", "make the Central System send"
                + " InstallCertificate.req with certificateType " + use + " and "
                + configured.file().map(f -> "the certificate of " + f).orElse("its " + use) + " to "
                + chargePoint(context), "InstallCertificate").withParameter(CERTIFICATE_TYPE, use.name()));
        return cp.expectCall(context, install, store::answer).flatMapMany(outcome -> {
            if (!(outcome instanceof ExpectedCall.Received r)) {
                return Flux.just(logged(Ocpp16Checks.notReceived(INSTALL, outcome).orElseThrow(), cp, mark))
                        .concatWith(skipped(List.of(CONFIGURED, GET_IDS), "not run: " + outcome.message()));
            }
            Optional<CertificateStore.Installation> installation = store.installations().stream().skip(before).findFirst();
            return Flux.just(logged(installCheck(INSTALL, r, use, installation, true), cp, mark),
                            configuredCheck(installation, configured))
                    .concatWith(getIds(context, cp, store));
        });
    }

    private CheckResult configuredCheck(Optional<CertificateStore.Installation> installation, Configured configured) {
        String key = optionKey(use);
        if (configured.problem().isPresent()) {
            return CheckResult.inconclusive(CONFIGURED, "cannot compare: " + configured.problem().get()
                    + "; fix the option " + key);
        }
        if (configured.certificate().isEmpty()) {
            return CheckResult.skipped(CONFIGURED, "no certificate configured to compare with: set the option " + key
                    + " (--option " + key + "=FILE) to the PEM file of the " + use + " the Central System is to install");
        }
        X509Certificate expected = configured.certificate().get();
        String file = configured.file().orElseThrow().toString();
        Optional<X509Certificate> seen = installation.flatMap(CertificateStore.Installation::certificate);
        if (seen.isEmpty()) {
            return CheckResult.failed(CONFIGURED, "expected the configured certificate " + describe(expected)
                    + ", seen " + installation.map(i -> "a certificate octt cannot read: " + i.reason())
                    .orElse("an InstallCertificate.req octt could not read") + "; make the Central System install the"
                    + " certificate of " + file);
        }
        if (!same(expected, seen.get())) {
            return CheckResult.failed(CONFIGURED, "expected the configured certificate " + describe(expected) + ", seen "
                    + describe(seen.get()) + "; make the Central System install the certificate of " + file)
                    .withEvidence("expectedFingerprint", fingerprint(expected))
                    .withEvidence("seenFingerprint", fingerprint(seen.get()));
        }
        return CheckResult.passed(CONFIGURED, "the installed " + use + " is the configured certificate " + describe(expected))
                .withEvidence("fingerprint", fingerprint(expected));
    }

    private Flux<CheckResult> getIds(TestContext context, ChargePointSession cp, CertificateStore store) {
        int mark = cp.log().size();
        OperatorAction get = action(context, "get-installed-certificate-ids", "make the Central System send"
                + " GetInstalledCertificateIds.req with certificateType " + use + " to " + chargePoint(context),
                "GetInstalledCertificateIds").withParameter(CERTIFICATE_TYPE, use.name());
        return cp.expectCall(context, get, store::answer)
                .map(outcome -> logged(getIdsCheck(GET_IDS, outcome, use), cp, mark))
                .flux();
    }

    /** The check of a GetInstalledCertificateIds.req that must carry {@code use}. */
    static CheckResult getIdsCheck(String checkId, ExpectedCall outcome, CertificateUse use) {
        if (!(outcome instanceof ExpectedCall.Received r)) {
            return Ocpp16Checks.notReceived(checkId, outcome).orElseThrow();
        }
        Optional<CheckResult> invalid = schemaViolations(checkId, r);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        CertificateUse seen = GetInstalledCertificateIdsRequest.fromJson(r.call().payload()).certificateType();
        if (seen != use) {
            return CheckResult.failed(checkId, "expected GetInstalledCertificateIds.req with certificateType " + use
                    + ", seen " + seen + "; make the Central System ask for the " + use + "s");
        }
        String answer = r.answer() instanceof CallAnswer.Result result ? result.payload().toString() : r.answer().toString();
        return CheckResult.passed(checkId, "GetInstalledCertificateIds.req with certificateType " + use
                + ": octt answered " + answer).withEvidence("conf", answer);
    }
}
