package org.octt.security16;

import org.octt.core.spi.CheckResult;
import org.octt.core.spi.KeyMaterial;
import org.octt.core.spi.Step;
import org.octt.core.spi.TestContext;
import org.octt.ocpp.cp.ChargePoint;
import org.octt.ocpp.cp.ConnectOptions;
import org.octt.ocpp.cp.Connection;
import org.octt.ocpp.cp.Ocpp16Checks;
import org.octt.tls.ws.WebSocketOutcome;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * X_TLS_CLIENT_CERT_INVALID_CSMS: one connection for each client certificate the Central System
 * must refuse (whitepaper A00.FR.403/405/407), one after another: a self-signed one with the real
 * subject ({@value #UNTRUSTED}); with the Charge Point CA ({@link TestContext#chargePointCa()}) one
 * that expired yesterday ({@value #EXPIRED}) and one whose CN is another Charge Point's
 * ({@value #WRONG_CN}); without the CA those two are SKIPPED with the reason.
 *
 * <p>"Refused" is observed: a TLS alert (the handshake failed), a connection ended with no HTTP
 * answer, or a non-101 answer to the upgrade all count and the message says which; an upgrade (101)
 * is FAILED; only a timeout, or no connection at all, is INCONCLUSIVE. The certificate is presented
 * whatever CA names the server's CertificateRequest lists (the toolkit's key manager always offers
 * it), and only after the server's chain validated; the evidence says what was sent, never the key.
 */
final class ClientCertificateRefusalStep implements Step {

    static final String UNTRUSTED = "tls.untrusted-client-certificate-refused";
    static final String EXPIRED = "tls.expired-client-certificate-refused";
    static final String WRONG_CN = "tls.wrong-cn-client-certificate-refused";

    @Override
    public String name() {
        return "invalid-client-certificates";
    }

    @Override
    public List<String> checkIds() {
        return List.of(UNTRUSTED, EXPIRED, WRONG_CN);
    }

    @Override
    public String description() {
        return "connections presenting an untrusted, an expired and a wrong-CN client certificate must be refused";
    }

    @Override
    public Flux<CheckResult> run(TestContext context) {
        Optional<KeyMaterial> real = context.clientKeyMaterial();
        if (real.isEmpty()) {
            String why = "not attempted: the certificates to refuse copy the subject of the Charge Point's own client"
                    + " certificate, and none is configured (--client-cert, --client-key)";
            return Flux.fromIterable(checkIds()).map(id -> CheckResult.skipped(id, why));
        }
        java.security.cert.X509Certificate leaf = real.get().leaf();
        Instant now = context.clock().instant();
        String otherId = context.chargePointId().orElse("CP") + "-OTHER";
        Optional<KeyMaterial> ca = context.chargePointCa();
        String noCa = "not attempted: this check needs the CA that issues the Charge Point certificates, to issue"
                + " one the Central System would otherwise trust; pass --client-ca-cert FILE --client-ca-key FILE";
        Mono<CheckResult> expired = ca.isEmpty() ? Mono.just(CheckResult.skipped(EXPIRED, noCa))
                : refusal(context, EXPIRED, "an expired client certificate (expired yesterday)",
                        () -> RefusedCertificates.expired(leaf, ca.get(), now));
        Mono<CheckResult> wrongCn = ca.isEmpty() ? Mono.just(CheckResult.skipped(WRONG_CN, noCa))
                : refusal(context, WRONG_CN, "a client certificate whose CN is another Charge Point's (" + otherId
                        + ", not the ChargePointId " + context.chargePointId().orElse("?") + ")",
                        () -> RefusedCertificates.wrongCn(leaf, ca.get(), otherId, now));
        return Flux.concat(refusal(context, UNTRUSTED, "a self-signed client certificate with the real one's subject",
                () -> RefusedCertificates.untrusted(leaf, now)), expired, wrongCn);
    }

    /** Connects presenting the certificate {@code make} builds (off the event loops: key generation) and judges it. */
    private static Mono<CheckResult> refusal(TestContext context, String id, String what, Supplier<KeyMaterial> make) {
        return Mono.fromCallable(make::get).subscribeOn(Schedulers.boundedElastic()).flatMap(sent ->
                Mono.usingWhen(ChargePoint.connect(context, ConnectOptions.defaults().withClientKeyMaterial(sent)),
                        c -> Mono.just(Ocpp16Checks.withMessageLog(judge(id, what, sent, c), c.log().entries())
                                .withEvidence("sent", RefusedCertificates.evidence(sent))),
                        Connection::close));
    }

    static CheckResult judge(String id, String what, KeyMaterial sent, Connection connection) {
        String presented = what + ": " + RefusedCertificates.describe(sent);
        if (connection instanceof Connection.NotAttempted n) {
            return CheckResult.inconclusive(id, "not attempted: " + n.reason());
        }
        if (connection instanceof Connection.Open open) {
            return CheckResult.failed(id, "the Central System upgraded the connection (101 Switching Protocols over "
                    + open.session().upgrade().tlsProtocol() + ") although octt presented " + presented + "; it must end"
                    + " such a connection in the TLS handshake or refuse the upgrade (A00.FR.403/405/407)")
                    .withEvidence("observed", "upgraded");
        }
        WebSocketOutcome outcome = connection.outcome().orElseThrow();
        if (outcome.tls().policyRejection().isPresent() && !outcome.tls().validationOverridden()) {
            return CheckResult.inconclusive(id, "not determined: the server certificate failed validation ("
                    + outcome.tls().policyRejection().get() + "), so octt presented no client certificate")
                    .withEvidence("observed", "server certificate rejected");
        }
        if (outcome instanceof WebSocketOutcome.Rejected r) {
            return CheckResult.passed(id, "refused: the Central System answered the upgrade with HTTP " + r.status()
                    + " " + r.reasonPhrase() + " when octt presented " + presented)
                    .withEvidence("observed", "HTTP " + r.status());
        }
        if (outcome instanceof WebSocketOutcome.TlsFailed t) {
            return CheckResult.passed(id, "refused in the TLS handshake (" + t.message() + ") when octt presented "
                    + presented).withEvidence("observed", "TLS handshake failed");
        }
        if (outcome instanceof WebSocketOutcome.TransportFailed t && t.kind() != WebSocketOutcome.TransportFailure.UNKNOWN_HOST
                && t.kind() != WebSocketOutcome.TransportFailure.CONNECTION_REFUSED) {
            return CheckResult.passed(id, "refused: the Central System ended the connection with no HTTP answer ("
                    + t.message() + ") when octt presented " + presented)
                    .withEvidence("observed", "connection ended in the " + t.phase().name().toLowerCase(java.util.Locale.ROOT)
                            + " phase: " + t.kind().name().toLowerCase(java.util.Locale.ROOT));
        }
        return CheckResult.inconclusive(id, "not determined: " + outcome.message() + " (only a refusal counts: a TLS"
                + " alert, a connection ended by the Central System, or a non-101 answer)")
                .withEvidence("observed", outcome.getClass().getSimpleName());
    }
}
