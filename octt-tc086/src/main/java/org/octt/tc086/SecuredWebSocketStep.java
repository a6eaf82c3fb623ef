package org.octt.tc086;

import org.octt.core.spi.CheckResult;
import org.octt.core.spi.OcppVersion;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.Step;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Verdict;
import org.octt.ocpp.cp.BootSequence;
import org.octt.ocpp.cp.ChargePoint;
import org.octt.ocpp.cp.ChargePointSession;
import org.octt.ocpp.cp.ConnectOptions;
import org.octt.ocpp.cp.Connection;
import org.octt.ocpp.cp.Ocpp16Checks;
import org.octt.ocpp.j.CallResponder;
import org.octt.ocpp.j.ChargePointResponder;
import org.octt.ocpp.j.MessageLog;
import org.octt.tls.ws.WebSocketOutcome;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Steps 5 to 10 of the scenario: the secured WebSocket with the profile's credentials
 * ({@code ws.upgrade}), BootNotification ({@code ocpp.boot-notification}) and StatusNotification for
 * connector 0 and each connector ({@code ocpp.status-notification}).
 *
 * <p>Credentials go only to a server whose certificate passed {@code cert.trust} (the WebSocket
 * client also validates the chain it is given, with the same anchors and the host name), unless the
 * context is explicitly insecure.
 *
 * <p>The Central System's own CALLs are answered at once, at any time after the upgrade (even while
 * octt waits for BootNotification.conf), by the step's {@link CallResponder}: by default
 * {@link ChargePointResponder} reporting the read-only key {@code SecurityProfile}. Every exchange is
 * recorded in the evidence ({@code centralSystemCalls}) of the OCPP check during which it happened.
 *
 * <p>Built on the Charge Point toolkit ({@link ChargePoint#connect}): each check carries the part of
 * the session's message log said while it ran ({@code messageLog}: the upgrade exchange for
 * {@code ws.upgrade}, the frames for the OCPP checks), credentials redacted.
 */
final class SecuredWebSocketStep implements Step {

    static final String VENDOR_OPTION = BootSequence.VENDOR_OPTION;
    static final String MODEL_OPTION = BootSequence.MODEL_OPTION;
    static final String CONNECTORS_OPTION = BootSequence.CONNECTORS_OPTION;

    /** BootNotification and StatusNotification, shared with the other security cards. */
    private static final BootSequence BOOT = BootSequence.of(CheckIds.OCPP_BOOT_NOTIFICATION,
            CheckIds.OCPP_STATUS_NOTIFICATION, "octt-tc086");

    /** The answers octt gives to the Central System's CALLs, by context. */
    private final Function<TestContext, CallResponder> responder;

    /** The step with the default answers ({@link #defaultResponder(TestContext)}). */
    SecuredWebSocketStep() {
        this(SecuredWebSocketStep::defaultResponder);
    }

    /** The step answering the Central System's CALLs with the responder made for each context. */
    SecuredWebSocketStep(Function<TestContext, CallResponder> responder) {
        this.responder = Objects.requireNonNull(responder, "responder");
    }

    /** {@link ChargePointResponder} with the read-only configuration key {@code SecurityProfile}. */
    static CallResponder defaultResponder(TestContext context) {
        return ChargePointResponder.withConfiguration(
                Map.of("SecurityProfile", String.valueOf(context.securityProfile().number())));
    }

    @Override
    public String name() {
        return "secured-websocket";
    }

    @Override
    public List<String> checkIds() {
        return List.of(CheckIds.WS_UPGRADE, CheckIds.OCPP_BOOT_NOTIFICATION, CheckIds.OCPP_STATUS_NOTIFICATION);
    }

    @Override
    public String description() {
        return "secured WebSocket with credentials, BootNotification, StatusNotification";
    }

    @Override
    public Flux<CheckResult> run(TestContext context) {
        return Flux.defer(() -> {
            Optional<String> notSent = refusal(context);
            if (notSent.isPresent()) {
                return Flux.just(CheckResult.skipped(CheckIds.WS_UPGRADE, notSent.get()),
                        CheckResult.skipped(CheckIds.OCPP_BOOT_NOTIFICATION, "no WebSocket session: " + notSent.get()),
                        CheckResult.skipped(CheckIds.OCPP_STATUS_NOTIFICATION, "no WebSocket session: " + notSent.get()));
            }
            ConnectOptions options = ConnectOptions.defaults()
                    .withTrustValidator(ServerCertificates.validator(context))
                    .withResponder(responder.apply(context));
            return Flux.usingWhen(ChargePoint.connect(context, options), c -> session(context, c), Connection::close);
        }).subscribeOn(Schedulers.boundedElastic()); // the validator may read the JDK trust store from disk
    }

    /** Why credentials must not be sent, if they must not. */
    private static Optional<String> refusal(TestContext context) {
        if (trustFailed(context) && !context.insecure()) {
            return Optional.of("not attempted: the server certificate failed cert.trust, and credentials are never sent"
                    + " to an untrusted server (a Charge Point would refuse the connection, A00.FR.309/310);"
                    + " fix the certificate or the configured root, or pass --insecure to go on anyway");
        }
        return Optional.empty();
    }

    private Flux<CheckResult> session(TestContext context, Connection connection) {
        if (connection instanceof Connection.NotAttempted n) {
            String why = "no WebSocket session: " + n.reason();
            return Flux.just(CheckResult.inconclusive(CheckIds.WS_UPGRADE, n.reason()),
                    CheckResult.skipped(CheckIds.OCPP_BOOT_NOTIFICATION, why),
                    CheckResult.skipped(CheckIds.OCPP_STATUS_NOTIFICATION, why));
        }
        WebSocketOutcome outcome = connection.outcome().orElseThrow();
        // a rejection cert.trust did not report already (e.g. the host name): ws.upgrade reports it,
        // with the same verdict and message whether or not --insecure let the connection go on
        Optional<String> unreported = outcome.tls().policyRejection().filter(r -> !trustFailed(context));
        MessageLog log = connection.log();
        if (!(connection instanceof Connection.Open open)) {
            CheckResult upgrade;
            if (unreported.isPresent()) {
                upgrade = rejectedCertificate(context, unreported.get(), outcome);
            } else {
                Verdict verdict = outcome instanceof WebSocketOutcome.TransportFailed ? Verdict.INCONCLUSIVE : Verdict.FAILED;
                String hint = outcome instanceof WebSocketOutcome.Rejected r && r.status() == 401
                        ? "; check the Charge Point's password and that the username is the ChargePointId" : "";
                upgrade = CheckResult.of(CheckIds.WS_UPGRADE, verdict, outcome.message() + hint)
                        .withEvidence("outcome", outcome.getClass().getSimpleName());
                if (outcome instanceof WebSocketOutcome.Rejected r) {
                    upgrade = upgrade.withEvidence("status", r.status());
                    if (r.wwwAuthenticate().isPresent()) {
                        upgrade = upgrade.withEvidence("wwwAuthenticate", r.wwwAuthenticate().get());
                    }
                }
            }
            String why = "no WebSocket session: " + outcome.message();
            return Flux.just(Ocpp16Checks.withMessageLog(upgrade, log.entries()),
                    CheckResult.skipped(CheckIds.OCPP_BOOT_NOTIFICATION, why),
                    CheckResult.skipped(CheckIds.OCPP_STATUS_NOTIFICATION, why));
        }
        ChargePointSession cp = open.session();
        int upgraded = log.size();
        CheckResult upgrade = unreported.isPresent()
                ? rejectedCertificate(context, unreported.get(), outcome)
                : upgradeCheck(context, cp.upgrade());
        return Flux.concat(Mono.just(Ocpp16Checks.withMessageLog(upgrade, log.entries().subList(0, upgraded))),
                BOOT.run(context, cp));
    }

    /** Whether cert.trust failed, so that it reported the chain's rejection already. */
    private static boolean trustFailed(TestContext context) {
        return context.state().get(ServerCertificates.TRUSTED).map(t -> !t).orElse(false);
    }

    /**
     * ws.upgrade FAILED because the WebSocket client rejected the server certificate as a Charge
     * Point would: the same verdict and message with and without {@code --insecure}; only a warning
     * and the evidence say whether the connection went on and the credentials were sent.
     */
    private static CheckResult rejectedCertificate(TestContext context, String rejection, WebSocketOutcome outcome) {
        boolean sent = outcome.tls().validationOverridden();
        CheckResult check = CheckResult.failed(CheckIds.WS_UPGRADE, "the server certificate was rejected for the"
                        + " secured WebSocket: " + rejection + "; a Charge Point must refuse this connection (A00.FR.309/310)")
                .withEvidence("outcome", outcome.getClass().getSimpleName())
                .withEvidence("credentialsSent", sent);
        if (sent) {
            check = check.withWarning("connected anyway because of --insecure, and sent the credentials ("
                    + credentialsText(context) + "): " + outcome.message());
        }
        return check;
    }

    private static String credentialsText(TestContext context) {
        return context.securityProfile() == SecurityProfile.TLS_CLIENT_CERTIFICATE
                ? "the client certificate" : "Basic auth as " + context.chargePointId().orElse("?");
    }

    private static CheckResult upgradeCheck(TestContext context, WebSocketOutcome.Connected c) {
        String expected = OcppVersion.OCPP_16J.subprotocol();
        String how = context.securityProfile() == SecurityProfile.TLS_CLIENT_CERTIFICATE
                ? "with the client certificate" : "with Basic auth as " + context.chargePointId().orElse("?");
        CheckResult result;
        if (c.subprotocolAgreed()) {
            result = CheckResult.passed(CheckIds.WS_UPGRADE, "101 Switching Protocols " + how + ", subprotocol "
                    + expected + " selected, over " + c.tlsProtocol() + " " + c.cipherSuite());
        } else {
            result = CheckResult.failed(CheckIds.WS_UPGRADE, "101 Switching Protocols " + how + ", but the server selected "
                    + c.selectedSubprotocol().map(s -> "subprotocol " + s).orElse("no subprotocol")
                    + " where " + expected + " was requested; the server must answer Sec-WebSocket-Protocol: " + expected);
        }
        result = result.withEvidence("tlsProtocol", c.tlsProtocol()).withEvidence("cipherSuite", c.cipherSuite())
                .withEvidence("selectedSubprotocol", c.selectedSubprotocol().orElse(""));
        if (c.tls().validationOverridden()) {
            result = result.withWarning("connected with --insecure although the server certificate failed validation: "
                    + c.tls().policyRejection().orElse("rejected"));
        }
        return result;
    }
}
