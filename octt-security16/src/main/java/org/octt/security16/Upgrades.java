package org.octt.security16;

import org.octt.core.spi.CheckResult;
import org.octt.core.spi.HumanDuration;
import org.octt.core.spi.OcppVersion;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Verdict;
import org.octt.ocpp.cp.ChargePoint;
import org.octt.ocpp.cp.ConnectOptions;
import org.octt.ocpp.cp.Connection;
import org.octt.ocpp.cp.Ocpp16Checks;
import org.octt.tls.ws.WebSocketOutcome;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Optional;
import java.util.function.Function;

/**
 * What the Basic auth and subprotocol cards (TC_085, TC_088, X_BASIC_AUTH_INVALID) share: one
 * upgrade attempt made and closed, and the two ways of judging it: a request the Central System must
 * refuse ({@link #refusal}) and one it must upgrade ({@link #upgrade}).
 *
 * <p>"Refused" is observed, not assumed: a non-101 answer, a TLS alert, or a connection the Central
 * System ends with no HTTP answer count; a timeout is INCONCLUSIVE (a slow server cannot be told from
 * one that refuses); so is an attempt octt did not make (the server certificate failed validation:
 * no request, and no credentials, go to an unverified server unless the context is insecure).
 */
final class Upgrades {

    /** The built-in suite of the security cards. */
    static final String SUITE = "ocpp16-security";

    /**
     * What a refusal check refuses, for the RFC 7235 rule: bad credentials want a 401; a security
     * profile the Charge Point left (TC_083) may be refused any way.
     */
    enum Refused { CREDENTIALS, SUBPROTOCOL, PROFILE }

    private Upgrades() {
    }

    /**
     * Connects with {@code options}, judges the connection with {@code judge} (the message log of the
     * attempt is added to the check) and closes it. Emits exactly one check.
     */
    static Mono<CheckResult> attempt(TestContext context, ConnectOptions options,
                                     Function<Connection, Mono<CheckResult>> judge) {
        return Flux.usingWhen(ChargePoint.connect(context, options),
                        c -> judge.apply(c).map(check -> Ocpp16Checks.withMessageLog(check, c.log().entries())),
                        Connection::close)
                .next();
    }

    /**
     * The check of a request the Central System must not upgrade, when it was not upgraded (or could
     * not be sent); empty for an open session, which the caller judges.
     *
     * @param request what was asked, e.g. "the upgrade without an Authorization header"
     */
    static Optional<CheckResult> refusal(String checkId, Connection connection, String request, Refused kind) {
        if (connection instanceof Connection.Open) {
            return Optional.empty();
        }
        if (connection instanceof Connection.NotAttempted n) {
            return Optional.of(CheckResult.inconclusive(checkId, "not attempted: " + n.reason()));
        }
        WebSocketOutcome outcome = connection.outcome().orElseThrow();
        CheckResult check;
        if (outcome instanceof WebSocketOutcome.Rejected r) {
            check = rejected(checkId, r, request, kind);
        } else if (outcome instanceof WebSocketOutcome.TlsFailed t) {
            check = t.tls().policyRejection().isPresent()
                    ? CheckResult.inconclusive(checkId, untrusted(t.tls().policyRejection().get(), request))
                    : notHttp(CheckResult.passed(checkId, request + " was refused: the Central System ended the TLS"
                            + " handshake (" + t.message() + ")"), kind);
        } else if (outcome instanceof WebSocketOutcome.TransportFailed t) {
            check = t.phase() == WebSocketOutcome.Phase.CONNECT
                    ? CheckResult.inconclusive(checkId, "cannot tell: octt could not reach the Central System ("
                            + t.message() + "); check the URL, --resolve and that the Central System is running")
                    : notHttp(CheckResult.passed(checkId, request + " was refused: the Central System ended the"
                            + " connection with no HTTP answer (" + t.message() + ")"), kind);
        } else if (outcome instanceof WebSocketOutcome.TimedOut t) {
            check = CheckResult.inconclusive(checkId, "cannot tell: " + t.message()
                    + "; a refusal was expected, and a Central System that does not answer within "
                    + HumanDuration.format(t.timeout()) + " cannot be told from a slow one; raise --timeout");
        } else {
            throw new IllegalStateException("an open session is judged by the caller");
        }
        return Optional.of(check.withEvidence("outcome", outcome.getClass().getSimpleName()));
    }

    private static CheckResult rejected(String checkId, WebSocketOutcome.Rejected r, String request, Refused kind) {
        String answer = r.status() + (r.reasonPhrase().isEmpty() ? "" : " " + r.reasonPhrase());
        CheckResult check = CheckResult.passed(checkId, request + " was refused: HTTP " + answer)
                .withEvidence("status", r.status());
        if (r.wwwAuthenticate().isPresent()) {
            check = check.withEvidence("wwwAuthenticate", r.wwwAuthenticate().get());
        }
        if (kind == Refused.CREDENTIALS && r.status() != 401) {
            check = check.withWarning("expected 401 Unauthorized for missing or wrong credentials (RFC 7235 §3.1),"
                    + " seen " + answer + "; change the answer to 401 with WWW-Authenticate: Basic");
        } else if (kind == Refused.CREDENTIALS && r.wwwAuthenticate().isEmpty()) {
            check = check.withWarning("the 401 has no WWW-Authenticate header, which RFC 7235 §3.1 requires;"
                    + " add WWW-Authenticate: Basic realm=\"...\"");
        } else if (kind == Refused.SUBPROTOCOL && r.status() == 401) {
            check = check.withWarning("401 refuses the credentials rather than the subprotocol: if the password is"
                    + " right, ws.subprotocol-selected shows it; expected a 4xx such as 400 for the subprotocol, or 101"
                    + " without Sec-WebSocket-Protocol and an immediate close");
        } else if (kind == Refused.SUBPROTOCOL && (r.status() < 400 || r.status() > 499)) {
            check = check.withWarning("expected a 4xx (the request cannot be served) or 101 without"
                    + " Sec-WebSocket-Protocol and an immediate close, seen " + answer);
        }
        return check;
    }

    /** A refusal without an HTTP answer: for credentials a warning, since RFC 7235 wants a 401. */
    private static CheckResult notHttp(CheckResult check, Refused kind) {
        return kind == Refused.CREDENTIALS
                ? check.withWarning("expected 401 Unauthorized for missing or wrong credentials (RFC 7235 §3.1),"
                        + " seen no HTTP answer; a Charge Point cannot tell this refusal from a network fault")
                : check;
    }

    /** Why a request was not sent: octt, as a Charge Point must, refused the server certificate. */
    static String untrusted(String rejection, String request) {
        return "not attempted: the server certificate was rejected (" + rejection + "), so octt did not send "
                + request + "; a Charge Point must refuse this connection (A00.FR.309/310); fix the certificate or"
                + " the configured root (--ca-file), or pass --insecure to go on anyway";
    }

    /**
     * ws.upgrade: PASSED for an open session on which the Central System selected {@code ocpp1.6};
     * FAILED for another subprotocol, a refusal (with a hint for 401), a rejected server certificate;
     * INCONCLUSIVE when nothing was sent, the Central System was unreachable or did not answer in time.
     *
     * @param how how octt authenticated, e.g. "with Basic auth as CP001"
     */
    static CheckResult upgrade(String checkId, TestContext context, Connection connection, String how) {
        if (connection instanceof Connection.NotAttempted n) {
            return CheckResult.inconclusive(checkId, "not attempted: " + n.reason());
        }
        WebSocketOutcome outcome = connection.outcome().orElseThrow();
        if (connection instanceof Connection.Open open) {
            return connected(checkId, open.session().upgrade(), how);
        }
        CheckResult check;
        if (outcome instanceof WebSocketOutcome.TlsFailed t && t.tls().policyRejection().isPresent()) {
            check = CheckResult.failed(checkId, "expected a secured WebSocket, seen a server certificate a Charge Point"
                    + " must refuse: " + t.tls().policyRejection().get() + "; no credentials were sent"
                    + " (A00.FR.309/310); change the certificate or the configured root (--ca-file)");
        } else if (outcome instanceof WebSocketOutcome.Rejected r) {
            check = CheckResult.failed(checkId, "expected 101 Switching Protocols " + how + ", seen: " + r.message()
                            + (r.status() == 401
                            ? "; check the Charge Point's password and that the username is the ChargePointId"
                            : "; the Central System must accept this Charge Point's upgrade"))
                    .withEvidence("status", r.status());
        } else if (outcome instanceof WebSocketOutcome.TransportFailed t) {
            check = CheckResult.inconclusive(checkId, t.message());
        } else if (outcome instanceof WebSocketOutcome.TimedOut t) {
            check = CheckResult.inconclusive(checkId, t.message() + "; raise --timeout if the Central System is slow");
        } else {
            check = CheckResult.failed(checkId, "expected a secured WebSocket, seen: " + outcome.message());
        }
        return check.withEvidence("outcome", outcome.getClass().getSimpleName());
    }

    private static CheckResult connected(String checkId, WebSocketOutcome.Connected c, String how) {
        String expected = OcppVersion.OCPP_16J.subprotocol();
        String over = c.tlsProtocol().isEmpty() ? "over plain ws:// (security profile 1)"
                : "over " + c.tlsProtocol() + " " + c.cipherSuite();
        CheckResult result = c.selectedSubprotocol().filter(expected::equals).isPresent()
                ? CheckResult.passed(checkId, "101 Switching Protocols " + how + ", subprotocol " + expected
                        + " selected, " + over)
                : CheckResult.failed(checkId, "expected 101 with Sec-WebSocket-Protocol: " + expected + ", seen 101 "
                        + how + " selecting " + c.selectedSubprotocol().map(s -> "subprotocol " + s).orElse("no subprotocol")
                        + "; the Central System must select " + expected + " when it is offered");
        result = result.withEvidence("selectedSubprotocol", c.selectedSubprotocol().orElse(""))
                .withEvidence("tlsProtocol", c.tlsProtocol());
        return insecureWarning(result, c);
    }

    /** A warning when the session went on only because the context is insecure. */
    static CheckResult insecureWarning(CheckResult check, WebSocketOutcome outcome) {
        if (outcome.tls().validationOverridden()) {
            return check.withWarning("connected with --insecure although the server certificate failed validation: "
                    + outcome.tls().policyRejection().orElse("rejected"));
        }
        return check;
    }

    /** How octt authenticates under the context's profile, for messages: never the password. */
    static String how(TestContext context) {
        return context.securityProfile() == SecurityProfile.TLS_CLIENT_CERTIFICATE
                ? "with the client certificate" : "with Basic auth as " + context.chargePointId().orElse("?");
    }

    /** The whitepaper's Basic auth requirements for the context's profile (1: A00.FR.203/204, 2: 303/304). */
    static String basicAuthRequirements(TestContext context) {
        return context.securityProfile() == SecurityProfile.UNSECURED_BASIC_AUTH ? "A00.FR.203/204" : "A00.FR.303/304";
    }

    /** Whether the verdict says the check went the Central System's way. */
    static boolean passed(CheckResult check) {
        return check.verdict() == Verdict.PASSED;
    }
}
