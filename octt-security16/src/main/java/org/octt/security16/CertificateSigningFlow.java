package org.octt.security16;

import com.fasterxml.jackson.databind.JsonNode;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.KeyMaterial;
import org.octt.core.spi.StateKey;
import org.octt.core.spi.Step;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Verdict;
import org.octt.ocpp.cp.BootSequence;
import org.octt.ocpp.cp.ChargePoint;
import org.octt.ocpp.cp.ChargePointSession;
import org.octt.ocpp.cp.ConnectOptions;
import org.octt.ocpp.cp.Connection;
import org.octt.ocpp.cp.ExpectedCall;
import org.octt.ocpp.cp.Ocpp16Checks;
import org.octt.ocpp.csr.ChargePointCsr;
import org.octt.ocpp.csr.SignedChainCheck;
import org.octt.ocpp.csr.SignedChainVerification;
import org.octt.ocpp.j.CallAnswer;
import org.octt.ocpp.j.CallOutcome;
import org.octt.ocpp.j.CallResponder;
import org.octt.ocpp.j.ChargePointResponder;
import org.octt.ocpp.j.MessageLog;
import org.octt.ocpp.schema.SchemaViolation;
import org.octt.ocpp.v16.message.SecurityEventNotificationRequest;
import org.octt.ocpp.v16.message.SignCertificateRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The Charge Point's part of TC_074_CSMS and TC_077_CSMS up to CertificateSigned.req, on one profile 3
 * session with the configured client certificate: upgrade, BootNotification, StatusNotification; the
 * Central System's ExtendedTriggerMessage.req SignChargePointCertificate (an operator action),
 * answered Accepted; a new key pair and SignCertificate.req with its CSR, which the Central System
 * must accept; its CertificateSigned.req, answered Accepted when every chain check passes (TC_074) or
 * Rejected whatever it holds (TC_077, which then sends SecurityEventNotification.req
 * InvalidChargePointCertificate). TC_074 keeps the new key material in the run's state for
 * {@link #reconnect()}. The new private key is never logged nor reported.
 */
final class CertificateSigningFlow {

    static final String WS_UPGRADE = ClientCertificateSession.WS_UPGRADE;
    static final String BOOT_NOTIFICATION = ClientCertificateSession.OCPP_BOOT_NOTIFICATION;
    static final String STATUS_NOTIFICATION = ClientCertificateSession.OCPP_STATUS_NOTIFICATION;
    static final String EXTENDED_TRIGGER_MESSAGE = "ocpp.extended-trigger-message";
    static final String SIGN_CERTIFICATE = "ocpp.sign-certificate";
    static final String CERTIFICATE_SIGNED = "ocpp.certificate-signed";
    static final String SECURITY_EVENT_NOTIFICATION = "ocpp.security-event-notification";
    static final String RECONNECT = "ws.reconnect-new-certificate";

    /** The check id of each chain check. */
    static final Map<SignedChainCheck.Name, String> CHAIN_CHECK_IDS = chainCheckIds();

    /** The operator action's name: the engine makes its id {@code <card>.trigger-sign-certificate}. */
    static final String ACTION_NAME = "trigger-sign-certificate";

    static final String EXTENDED_TRIGGER = "ExtendedTriggerMessage";
    static final String SIGN_CHARGE_POINT_CERTIFICATE = "SignChargePointCertificate";
    static final String INVALID_CHARGE_POINT_CERTIFICATE = "InvalidChargePointCertificate";

    private static final StateKey<KeyMaterial> NEW_KEY_MATERIAL = StateKey.of("newClientKeyMaterial", KeyMaterial.class);

    private final boolean acceptsValidChain;
    private final String model;

    private CertificateSigningFlow(boolean acceptsValidChain, String model) {
        this.acceptsValidChain = acceptsValidChain;
        this.model = model;
    }

    /** TC_074: a valid chain is accepted and kept for the reconnect; the chain checks are reported. */
    static CertificateSigningFlow tc074() {
        return new CertificateSigningFlow(true, "octt-tc074");
    }

    /** TC_077: CertificateSigned.req is rejected, then SecurityEventNotification.req is sent. */
    static CertificateSigningFlow tc077() {
        return new CertificateSigningFlow(false, "octt-tc077");
    }

    private static Map<SignedChainCheck.Name, String> chainCheckIds() {
        Map<SignedChainCheck.Name, String> m = new EnumMap<>(SignedChainCheck.Name.class);
        m.put(SignedChainCheck.Name.PEM, "cert.signed-chain-pem");
        m.put(SignedChainCheck.Name.PUBLIC_KEY, "cert.signed-public-key");
        m.put(SignedChainCheck.Name.COMMON_NAME, "cert.signed-common-name");
        m.put(SignedChainCheck.Name.KEY_SIZE, "cert.signed-key-size");
        m.put(SignedChainCheck.Name.VALIDITY, "cert.signed-validity");
        m.put(SignedChainCheck.Name.ISSUER, "cert.signed-issuer");
        return Map.copyOf(m);
    }

    /** The check ids of {@link #step()}, in report order. */
    List<String> checkIds() {
        List<String> ids = new ArrayList<>(List.of(WS_UPGRADE, BOOT_NOTIFICATION, STATUS_NOTIFICATION,
                EXTENDED_TRIGGER_MESSAGE, SIGN_CERTIFICATE, CERTIFICATE_SIGNED));
        if (acceptsValidChain) {
            for (SignedChainCheck.Name n : SignedChainCheck.Name.values()) {
                ids.add(CHAIN_CHECK_IDS.get(n));
            }
        } else {
            ids.add(SECURITY_EVENT_NOTIFICATION);
        }
        return List.copyOf(ids);
    }

    /** The step of the session up to CertificateSigned.req (and, for TC_077, the security event). */
    Step step() {
        return Step.of("sign-certificate", acceptsValidChain
                        ? "profile 3 session; ExtendedTriggerMessage SignChargePointCertificate; SignCertificate.req with a"
                        + " new CSR; CertificateSigned.req with a chain for it, checked and accepted"
                        : "profile 3 session; ExtendedTriggerMessage SignChargePointCertificate; SignCertificate.req with a"
                        + " new CSR; CertificateSigned.req rejected; SecurityEventNotification InvalidChargePointCertificate",
                checkIds(), this::run);
    }

    /** TC_074's reconnect with the new certificate and key. */
    static Step reconnect() {
        return Step.of("reconnect-with-new-certificate",
                "a new profile 3 connection with the signed certificate and the new key: must be accepted",
                List.of(RECONNECT), CertificateSigningFlow::reconnect);
    }

    private Flux<CheckResult> run(TestContext context) {
        CertificateSigningOptions options;
        try {
            options = CertificateSigningOptions.read(context);
        } catch (IllegalArgumentException e) {
            return Flux.fromIterable(checkIds()).map(id -> CheckResult.inconclusive(id, "not run: " + e.getMessage()));
        }
        ConnectOptions connect = ConnectOptions.defaults().withResponder(ChargePointResponder.withConfiguration(
                Map.of("SecurityProfile", String.valueOf(context.securityProfile().number()))));
        // the key pair is made before connecting, off any event loop (RSA 2048 takes a while)
        return Mono.fromCallable(() -> ChargePointCsr.generate(options.keyType(), options.serialNumber(), options.operator()))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMapMany(csr -> Flux.usingWhen(ChargePoint.connect(context, connect),
                        c -> session(context, options, csr, c), Connection::close));
    }

    private Flux<CheckResult> session(TestContext context, CertificateSigningOptions options, ChargePointCsr csr,
                                      Connection connection) {
        if (!(connection instanceof Connection.Open open)) {
            CheckResult upgrade = Ocpp16Checks.withMessageLog(ClientCertificateSession.failedUpgrade(context, connection),
                    connection.log().entries());
            return Flux.just(upgrade).concatWith(skipRest(WS_UPGRADE, "no WebSocket session: " + connection.message()));
        }
        ChargePointSession cp = open.session();
        MessageLog log = connection.log();
        CheckResult upgrade = Ocpp16Checks.withMessageLog(ClientCertificateSession.upgradeCheck(context, cp.upgrade()),
                log.entries());
        Flux<CheckResult> boot = BootSequence.of(BOOT_NOTIFICATION, STATUS_NOTIFICATION, model).run(context, cp);
        return Flux.just(upgrade).concatWith(boot.collectList().flatMapMany(bootChecks -> {
            Flux<CheckResult> done = Flux.fromIterable(bootChecks);
            boolean booted = bootChecks.stream().anyMatch(c -> c.id().equals(BOOT_NOTIFICATION) && c.verdict() == Verdict.PASSED);
            if (!booted) {
                return done.concatWith(skipRest(STATUS_NOTIFICATION, "the Central System did not accept the"
                        + " BootNotification, so the Charge Point takes no request from it"));
            }
            return done.concatWith(afterBoot(context, options, csr, cp));
        }));
    }

    /** The checks after the boot: the trigger, the CSR, the signed chain, the security event. */
    private Flux<CheckResult> afterBoot(TestContext context, CertificateSigningOptions options, ChargePointCsr csr,
                                        ChargePointSession cp) {
        MessageLog log = cp.log();
        int start = log.size();
        CallResponder triggerAnswer = call -> SIGN_CHARGE_POINT_CERTIFICATE.equals(call.payload().path("requestedMessage").asText())
                ? CallAnswer.status("Accepted") : CallAnswer.status("Rejected");
        return OperatorActions.awaitCall(context, cp, ACTION_NAME, EXTENDED_TRIGGER,
                        "make the Central System send ExtendedTriggerMessage.req with requestedMessage "
                                + SIGN_CHARGE_POINT_CERTIFICATE + " (and no connectorId) to " + context.chargePointId().orElse("the Charge Point"),
                        triggerAnswer)
                .flatMapMany(trigger -> {
                    CheckResult triggerCheck = Ocpp16Checks.withMessageLog(triggerCheck(trigger), log.since(start));
                    if (!(trigger instanceof ExpectedCall.Received r)
                            || !SIGN_CHARGE_POINT_CERTIFICATE.equals(r.call().payload().path("requestedMessage").asText())) {
                        return Flux.just(triggerCheck).concatWith(skipRest(EXTENDED_TRIGGER_MESSAGE,
                                "no ExtendedTriggerMessage.req " + SIGN_CHARGE_POINT_CERTIFICATE
                                        + " was accepted, so the Charge Point made no CSR"));
                    }
                    return Flux.just(triggerCheck).concatWith(signCertificate(context, options, csr, cp));
                });
    }

    private Flux<CheckResult> signCertificate(TestContext context, CertificateSigningOptions options, ChargePointCsr csr,
                                              ChargePointSession cp) {
        MessageLog log = cp.log();
        int start = log.size();
        AtomicReference<SignedChainVerification> verified = new AtomicReference<>();
        CallResponder signedAnswer = call -> {
            if (!acceptsValidChain) {
                return CallAnswer.status("Rejected");
            }
            JsonNode chain = call.payload().get("certificateChain");
            if (chain == null || !chain.isTextual()) {
                return CallAnswer.status("Rejected");
            }
            SignedChainVerification v = SignedChainVerification.verify(chain.textValue(), csr, options.serialNumber(),
                    options.chargePointCa(), context.clock().instant());
            verified.set(v);
            return CallAnswer.status(v.acceptable() ? "Accepted" : "Rejected");
        };
        Duration wait = signingWait(context);
        // listen before sending the CSR: CertificateSigned.req may follow SignCertificate.conf at once
        Mono<ExpectedCall> signed = cp.expectCall("CertificateSigned", wait, signedAnswer).cache();
        reactor.core.Disposable listening = signed.subscribe();
        return cp.call(new SignCertificateRequest(csr.pem())).flatMapMany(outcome -> {
            CheckResult signCheck = Ocpp16Checks.withMessageLog(signCheck(outcome, csr), log.since(start));
            if (signCheck.verdict() != Verdict.PASSED) {
                listening.dispose();
                return Flux.just(signCheck).concatWith(skipRest(SIGN_CERTIFICATE,
                        "the Central System did not accept SignCertificate.req, so no CertificateSigned.req is due"));
            }
            int accepted = log.size();
            return Flux.just(signCheck).concatWith(signed.flatMapMany(received -> {
                CheckResult signedCheck = Ocpp16Checks.withMessageLog(certificateSignedCheck(received, wait, verified.get()),
                        log.since(accepted));
                if (!(received instanceof ExpectedCall.Received)) {
                    return Flux.just(signedCheck).concatWith(skipRest(CERTIFICATE_SIGNED, "no CertificateSigned.req"));
                }
                if (acceptsValidChain) {
                    SignedChainVerification v = verified.get();
                    if (v == null) {
                        return Flux.just(signedCheck).concatWith(skipRest(CERTIFICATE_SIGNED,
                                "CertificateSigned.req carries no certificateChain"));
                    }
                    if (v.acceptable()) {
                        context.state().put(NEW_KEY_MATERIAL, csr.keyMaterial(v.chain()));
                    }
                    return Flux.just(signedCheck).concatWith(Flux.fromIterable(chainChecks(v, options)));
                }
                int rejected = log.size();
                return Flux.just(signedCheck).concatWith(cp.call(new SecurityEventNotificationRequest(
                                INVALID_CHARGE_POINT_CERTIFICATE, OffsetDateTime.ofInstant(context.clock().instant(), ZoneOffset.UTC)))
                        .map(o -> Ocpp16Checks.withMessageLog(securityEventCheck(o), log.since(rejected))));
            }));
        });
    }

    /** How long the Central System may take to sign, after accepting the CSR: three network timeouts. */
    static Duration signingWait(TestContext context) {
        return context.timeouts().network().multipliedBy(3);
    }

    /** Every check after {@code after} in {@link #checkIds()}, SKIPPED with {@code reason}. */
    private Flux<CheckResult> skipRest(String after, String reason) {
        List<String> ids = checkIds();
        return Flux.fromIterable(ids.subList(ids.indexOf(after) + 1, ids.size()))
                .map(id -> CheckResult.skipped(id, reason));
    }

    private static CheckResult triggerCheck(ExpectedCall trigger) {
        if (!(trigger instanceof ExpectedCall.Received r)) {
            return OperatorActions.notReceived(EXTENDED_TRIGGER_MESSAGE, trigger);
        }
        JsonNode p = r.call().payload();
        String requested = p.path("requestedMessage").asText("");
        List<String> problems = new ArrayList<>();
        if (!SIGN_CHARGE_POINT_CERTIFICATE.equals(requested)) {
            problems.add("requestedMessage is " + (p.has("requestedMessage") ? "'" + requested + "'" : "missing"));
        }
        if (p.has("connectorId")) {
            problems.add("it carries connectorId " + p.get("connectorId") + ", which a certificate request must not");
        }
        r.violations().forEach(v -> problems.add("schema: " + v));
        String answer = r.answer() instanceof CallAnswer.Result res ? res.payload().path("status").asText() : "a CALLERROR";
        CheckResult check = problems.isEmpty()
                ? CheckResult.passed(EXTENDED_TRIGGER_MESSAGE, "ExtendedTriggerMessage.req requestedMessage "
                        + SIGN_CHARGE_POINT_CERTIFICATE + " without connectorId, answered " + answer)
                : CheckResult.failed(EXTENDED_TRIGGER_MESSAGE, "expected ExtendedTriggerMessage.req with requestedMessage "
                        + SIGN_CHARGE_POINT_CERTIFICATE + " and no connectorId, seen " + p + ": "
                        + String.join("; ", problems) + "; answered " + answer + "; change the Central System to"
                        + " request SignChargePointCertificate for the whole Charge Point");
        return check.withEvidence("req", p.toString());
    }

    private static CheckResult signCheck(CallOutcome outcome, ChargePointCsr csr) {
        String what = "SignCertificate.req with a CSR for " + csr.organization().map(o -> "O=" + o + ", ").orElse("")
                + "CN=" + csr.commonName() + " (" + csr.keyType() + ")";
        Optional<CheckResult> invalid = Ocpp16Checks.schemaViolations(SIGN_CERTIFICATE, outcome);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        if (!(outcome instanceof CallOutcome.Result r)) {
            return CheckResult.failed(SIGN_CERTIFICATE, "expected SignCertificate.conf with status Accepted to " + what
                    + ", seen: " + outcome.message());
        }
        String status = r.payload().path("status").asText();
        CheckResult check = "Accepted".equals(status)
                ? CheckResult.passed(SIGN_CERTIFICATE, "SignCertificate.conf Accepted to " + what)
                : CheckResult.failed(SIGN_CERTIFICATE, "expected SignCertificate.conf with status Accepted to " + what
                        + ", seen status " + status + "; the CSR is a valid PKCS#10 request signed with its key: change"
                        + " the Central System to accept it (check that it expects this CN and O)");
        return check.withEvidence("conf", r.payload().toString()).withEvidence("csr", csr.pem());
    }

    private CheckResult certificateSignedCheck(ExpectedCall received, Duration wait, SignedChainVerification v) {
        if (!(received instanceof ExpectedCall.Received r)) {
            String seen = received instanceof ExpectedCall.TimedOut ? "no CertificateSigned.req within "
                    + org.octt.core.spi.HumanDuration.format(wait) : received.message();
            return CheckResult.failed(CERTIFICATE_SIGNED, "expected CertificateSigned.req with the signed certificate after"
                    + " SignCertificate.conf Accepted, seen " + seen + "; change the Central System to send the"
                    + " certificate it signs for the CSR");
        }
        String answer = r.answer() instanceof CallAnswer.Result res ? res.payload().path("status").asText() : "a CALLERROR";
        JsonNode chain = r.call().payload().get("certificateChain");
        if (!r.violations().isEmpty() || chain == null || !chain.isTextual()) {
            return CheckResult.failed(CERTIFICATE_SIGNED, "CertificateSigned.req breaks the OCPP 1.6 schema: "
                            + r.violations().stream().map(SchemaViolation::toString).collect(Collectors.joining("; "))
                            + "; answered " + answer)
                    .withEvidence("req", r.call().payload().toString());
        }
        String why = acceptsValidChain ? (v != null && v.acceptable() ? "" : " (the chain fails: " + v.problems() + ")")
                : " (as the card asks, to provoke the security event)";
        return CheckResult.passed(CERTIFICATE_SIGNED, "CertificateSigned.req received with a certificateChain of "
                        + chain.textValue().length() + " characters, answered " + answer + why)
                .withEvidence("certificateChain", chain.textValue());
    }

    private static List<CheckResult> chainChecks(SignedChainVerification v, CertificateSigningOptions options) {
        List<CheckResult> checks = new ArrayList<>();
        for (SignedChainCheck c : v.checks()) {
            String id = CHAIN_CHECK_IDS.get(c.name());
            checks.add(switch (c.status()) {
                case PASSED -> CheckResult.passed(id, c.message());
                case FAILED -> CheckResult.failed(id, c.message() + "; " + advice(c.name()));
                case NOT_CHECKED -> CheckResult.skipped(id, c.message() + (c.name() == SignedChainCheck.Name.ISSUER
                        ? "; configure the Charge Point CA (option " + CertificateSigningOptions.CHARGE_POINT_CA_FILE
                        + ") to check it" : ""));
            });
        }
        if (options.chargePointCa().isPresent()) {
            int last = checks.size() - 1;
            checks.set(last, checks.get(last).withEvidence("chargePointCa", options.caSource()));
        }
        return checks;
    }

    private static String advice(SignedChainCheck.Name name) {
        return switch (name) {
            case PEM -> "the certificateChain must be PEM-encoded X.509 certificates, leaf first";
            case PUBLIC_KEY -> "the Central System must certify the key of the CSR, not another one";
            case COMMON_NAME -> "the certificate's CN must be the Charge Point's serial number as the CSR asks"
                    + " (option " + CertificateSigningOptions.SERIAL_NUMBER + ")";
            case KEY_SIZE -> "the certificate must carry an RSA key of at least 2048 bits or an EC key of at least 224 bits";
            case VALIDITY -> "the certificate must be valid now";
            case ISSUER -> "the certificate must be issued by the Charge Point CA that the Central System trusts for"
                    + " client certificates";
        };
    }

    private static CheckResult securityEventCheck(CallOutcome outcome) {
        CheckResult answered = Ocpp16Checks.answered(SECURITY_EVENT_NOTIFICATION, outcome);
        return answered.verdict() == Verdict.PASSED
                ? answered.withMessage("SecurityEventNotification.req " + INVALID_CHARGE_POINT_CERTIFICATE
                        + " answered: " + answered.message())
                : answered.withMessage("expected SecurityEventNotification.conf to SecurityEventNotification.req "
                        + INVALID_CHARGE_POINT_CERTIFICATE + ", seen: " + answered.message()
                        + "; the Central System must answer every security event");
    }

    private static Flux<CheckResult> reconnect(TestContext context) {
        Optional<KeyMaterial> material = context.state().get(NEW_KEY_MATERIAL);
        if (material.isEmpty()) {
            return Flux.just(CheckResult.skipped(RECONNECT, "no new certificate to reconnect with: the Central System"
                    + " sent no acceptable CertificateSigned.req"));
        }
        KeyMaterial km = material.get();
        String subject = km.leaf().getSubjectX500Principal().getName();
        return Flux.usingWhen(ChargePoint.connect(context, ConnectOptions.defaults().withClientKeyMaterial(km)), c -> {
            CheckResult check;
            if (c instanceof Connection.Open open) {
                var up = open.session().upgrade();
                check = CheckResult.passed(RECONNECT, "101 Switching Protocols with the new client certificate " + subject
                        + " (serial " + km.leaf().getSerialNumber().toString(16) + "), over " + up.tlsProtocol());
            } else if (c instanceof Connection.NotAttempted n) {
                check = CheckResult.inconclusive(RECONNECT, n.reason());
            } else {
                check = CheckResult.failed(RECONNECT, "expected the new connection with the certificate the Central System"
                        + " signed (" + subject + ") to be accepted, seen: " + c.message() + "; the Central System must"
                        + " accept the certificate it issued (trust its issuer, CN = the ChargePointId)");
            }
            return Mono.just(Ocpp16Checks.withMessageLog(check, c.log().entries()));
        }, Connection::close);
    }
}
