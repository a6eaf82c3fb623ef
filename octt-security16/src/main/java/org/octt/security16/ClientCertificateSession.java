package org.octt.security16;

import org.octt.core.spi.CheckResult;
import org.octt.core.spi.OcppVersion;
import org.octt.core.spi.Step;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Verdict;
import org.octt.ocpp.cp.ChargePoint;
import org.octt.ocpp.cp.BootSequence;
import org.octt.ocpp.cp.ChargePointSession;
import org.octt.ocpp.cp.ConnectOptions;
import org.octt.ocpp.cp.Connection;
import org.octt.ocpp.cp.Ocpp16Checks;
import org.octt.ocpp.j.ChargePointResponder;
import org.octt.ocpp.j.MessageLog;
import org.octt.tls.ws.WebSocketOutcome;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The secured WebSocket of a profile 3 card with the Charge Point's own client certificate:
 * {@value #WS_UPGRADE} and, when {@code withOcpp}, {@value #OCPP_BOOT_NOTIFICATION} and
 * {@value #OCPP_STATUS_NOTIFICATION}. The client certificate goes out only after the server's chain
 * validated (the toolkit's trust policy), unless the context is insecure. Each check carries the
 * part of the message log said while it ran.
 */
final class ClientCertificateSession implements Step {

    static final String WS_UPGRADE = "ws.upgrade";
    static final String OCPP_BOOT_NOTIFICATION = "ocpp.boot-notification";
    static final String OCPP_STATUS_NOTIFICATION = "ocpp.status-notification";

    static final String VENDOR_OPTION = BootSequence.VENDOR_OPTION;
    static final String MODEL_OPTION = BootSequence.MODEL_OPTION;
    static final String CONNECTORS_OPTION = BootSequence.CONNECTORS_OPTION;

    private final boolean withOcpp;
    private final String defaultModel;

    /**
     * @param withOcpp     also BootNotification and StatusNotification after the upgrade
     * @param defaultModel the chargePointModel sent unless {@value #MODEL_OPTION} is set
     */
    ClientCertificateSession(boolean withOcpp, String defaultModel) {
        this.withOcpp = withOcpp;
        this.defaultModel = defaultModel;
    }

    @Override
    public String name() {
        return withOcpp ? "secured-websocket" : "valid-client-certificate";
    }

    @Override
    public List<String> checkIds() {
        return withOcpp ? List.of(WS_UPGRADE, OCPP_BOOT_NOTIFICATION, OCPP_STATUS_NOTIFICATION) : List.of(WS_UPGRADE);
    }

    @Override
    public String description() {
        return withOcpp ? "secured WebSocket with the client certificate, BootNotification, StatusNotification"
                : "secured WebSocket with the Charge Point's own client certificate";
    }

    @Override
    public Flux<CheckResult> run(TestContext context) {
        ConnectOptions options = ConnectOptions.defaults().withResponder(ChargePointResponder.withConfiguration(
                Map.of("SecurityProfile", String.valueOf(context.securityProfile().number()))));
        return Flux.usingWhen(ChargePoint.connect(context, options), c -> session(context, c), Connection::close);
    }

    private Flux<CheckResult> session(TestContext context, Connection connection) {
        List<CheckResult> skippedOcpp = new ArrayList<>();
        if (!(connection instanceof Connection.Open open)) {
            String why = "no WebSocket session: " + connection.message();
            if (withOcpp) {
                skippedOcpp.add(CheckResult.skipped(OCPP_BOOT_NOTIFICATION, why));
                skippedOcpp.add(CheckResult.skipped(OCPP_STATUS_NOTIFICATION, why));
            }
            CheckResult upgrade = Ocpp16Checks.withMessageLog(failedUpgrade(context, connection), connection.log().entries());
            return Flux.concat(Mono.just(upgrade), Flux.fromIterable(skippedOcpp));
        }
        ChargePointSession cp = open.session();
        MessageLog log = connection.log();
        int upgraded = log.size();
        CheckResult upgrade = Ocpp16Checks.withMessageLog(upgradeCheck(context, cp.upgrade()), log.entries().subList(0, upgraded));
        if (!withOcpp) {
            return Flux.just(upgrade);
        }
        return Flux.concat(Mono.just(upgrade),
                BootSequence.of(OCPP_BOOT_NOTIFICATION, OCPP_STATUS_NOTIFICATION, defaultModel).run(context, cp));
    }

    /** {@value #WS_UPGRADE} when no session opened: what the Central System (or octt) did instead. */
    static CheckResult failedUpgrade(TestContext context, Connection connection) {
        if (connection instanceof Connection.NotAttempted n) {
            return CheckResult.inconclusive(WS_UPGRADE, n.reason());
        }
        WebSocketOutcome outcome = connection.outcome().orElseThrow();
        String subject = context.clientKeyMaterial().map(k -> k.leaf().getSubjectX500Principal().getName()).orElse("?");
        if (outcome.tls().policyRejection().isPresent() && !outcome.tls().validationOverridden()) {
            return CheckResult.failed(WS_UPGRADE, "the server certificate was rejected, so the client certificate was"
                            + " not presented: " + outcome.tls().policyRejection().get()
                            + "; a Charge Point must refuse this connection (A00.FR.309/310)")
                    .withEvidence("outcome", outcome.getClass().getSimpleName()).withEvidence("credentialsSent", false);
        }
        CheckResult check;
        if (outcome instanceof WebSocketOutcome.Rejected r) {
            check = CheckResult.failed(WS_UPGRADE, "the Central System answered the upgrade with HTTP " + r.status()
                    + " " + r.reasonPhrase() + " where 101 was expected, although octt presented the Charge Point's"
                    + " client certificate " + subject + "; check that its CN is the ChargePointId and that the Central"
                    + " System trusts its issuer").withEvidence("status", r.status());
        } else if (outcome instanceof WebSocketOutcome.TlsFailed t) {
            check = CheckResult.failed(WS_UPGRADE, "the TLS handshake with the Charge Point's client certificate "
                    + subject + " failed: " + t.message() + "; check that the Central System trusts the CA that issued"
                    + " it");
        } else if (outcome instanceof WebSocketOutcome.TimedOut t) {
            check = CheckResult.inconclusive(WS_UPGRADE, t.message());
        } else {
            check = CheckResult.of(WS_UPGRADE, outcome instanceof WebSocketOutcome.TransportFailed
                    ? Verdict.INCONCLUSIVE : Verdict.FAILED, outcome.message());
        }
        return check.withEvidence("outcome", outcome.getClass().getSimpleName());
    }

    static CheckResult upgradeCheck(TestContext context, WebSocketOutcome.Connected c) {
        String expected = OcppVersion.OCPP_16J.subprotocol();
        String subject = context.clientKeyMaterial().map(k -> k.leaf().getSubjectX500Principal().getName()).orElse("?");
        CheckResult result = c.subprotocolAgreed()
                ? CheckResult.passed(WS_UPGRADE, "101 Switching Protocols with the client certificate " + subject
                        + ", subprotocol " + expected + " selected, over " + c.tlsProtocol() + " " + c.cipherSuite())
                : CheckResult.failed(WS_UPGRADE, "101 Switching Protocols with the client certificate " + subject
                        + ", but the server selected " + c.selectedSubprotocol().map(s -> "subprotocol " + s)
                        .orElse("no subprotocol") + " where " + expected + " was requested; the server must answer"
                        + " Sec-WebSocket-Protocol: " + expected);
        result = result.withEvidence("tlsProtocol", c.tlsProtocol()).withEvidence("cipherSuite", c.cipherSuite())
                .withEvidence("selectedSubprotocol", c.selectedSubprotocol().orElse(""));
        if (c.tls().validationOverridden()) {
            result = result.withWarning("connected with --insecure although the server certificate failed validation: "
                    + c.tls().policyRejection().orElse("rejected"));
        }
        return result;
    }
}
