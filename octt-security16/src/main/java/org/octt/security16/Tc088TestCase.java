package org.octt.security16;

import org.octt.core.spi.CheckResult;
import org.octt.core.spi.HumanDuration;
import org.octt.core.spi.OcppVersion;
import org.octt.core.spi.Step;
import org.octt.core.spi.TestCase;
import org.octt.core.spi.TestContext;
import org.octt.ocpp.cp.ConnectOptions;
import org.octt.ocpp.cp.Connection;
import org.octt.tls.ws.WebSocketOutcome;
import org.octt.tls.ws.WebSocketSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;

/**
 * TC_088_CSMS "WebSocket Subprotocol negotiation" (OCPP 1.6 test case document, Central System):
 * octt, as a Charge Point with the credentials of the configured security profile (any profile; sent
 * only after the server certificate validated), asks for an upgrade offering only {@code ocpp0.1}
 * ({@value #UNKNOWN_REFUSED}: it must not become a WebSocket), then one offering
 * {@code ocpp0.1,ocpp1.6} ({@value #SELECTED}: the answer must select exactly {@code ocpp1.6}).
 *
 * <p>OCPP-J 1.6 §3.2: a Central System that agrees to none of the offered subprotocols completes the
 * handshake without a {@code Sec-WebSocket-Protocol} header and then closes the WebSocket at once.
 * So a 101 without a subprotocol followed by the Central System's close (within the network timeout)
 * is the prescribed refusal (PASSED), as are a 4xx, a TLS alert or a dropped connection; a session
 * kept open without {@code ocpp1.6}, or one on {@code ocpp0.1}, is FAILED.
 */
public final class Tc088TestCase extends Ocpp16SecurityCard {

    public static final String ID = "TC_088_CSMS";
    public static final String TITLE = "WebSocket Subprotocol negotiation";

    /** An upgrade offering only the unknown subprotocol is not a WebSocket session. */
    public static final String UNKNOWN_REFUSED = "ws.unknown-subprotocol-refused";
    /** An upgrade offering {@code ocpp0.1,ocpp1.6} selects exactly {@code ocpp1.6}. */
    public static final String SELECTED = "ws.subprotocol-selected";

    /** The subprotocol no Central System speaks. */
    static final String UNKNOWN = "ocpp0.1";

    private static final String OCPP16 = OcppVersion.OCPP_16J.subprotocol();

    private final List<Step> steps = List.of(
            Step.of("unknown-subprotocol", "upgrade offering only " + UNKNOWN + ": not a WebSocket session",
                    List.of(UNKNOWN_REFUSED), Tc088TestCase::unknownOnly),
            Step.of("subprotocol-selection", "upgrade offering " + UNKNOWN + "," + OCPP16 + ": exactly " + OCPP16 + " selected",
                    List.of(SELECTED), Tc088TestCase::selection));

    public Tc088TestCase() {
        super(ID, TITLE);
    }

    @Override
    public List<Step> steps() {
        return steps;
    }

    private static Flux<CheckResult> unknownOnly(TestContext context) {
        String request = "the upgrade offering only " + UNKNOWN;
        return Upgrades.attempt(context, ConnectOptions.defaults().withSubprotocols(UNKNOWN), c -> {
            var refused = Upgrades.refusal(UNKNOWN_REFUSED, c, request, Upgrades.Refused.SUBPROTOCOL);
            if (refused.isPresent()) {
                return Mono.just(refused.get());
            }
            WebSocketOutcome.Connected up = ((Connection.Open) c).session().upgrade();
            if (up.selectedSubprotocol().isPresent()) {
                return Mono.just(Upgrades.insecureWarning(CheckResult.failed(UNKNOWN_REFUSED, "expected no WebSocket"
                        + " for an offer of only " + UNKNOWN + " (a 4xx, or 101 without Sec-WebSocket-Protocol and an"
                        + " immediate close), seen 101 selecting " + up.selectedSubprotocol().get() + ", which is not"
                        + " an OCPP subprotocol; change the server to select only the subprotocols it implements ("
                        + OCPP16 + ")").withEvidence("selectedSubprotocol", up.selectedSubprotocol().get()), up));
            }
            Duration bound = context.timeouts().network();
            return closedBy(up.session(), bound).map(status -> status.isPresent()
                    ? CheckResult.passed(UNKNOWN_REFUSED, request + " was refused as OCPP-J prescribes: 101 without"
                            + " Sec-WebSocket-Protocol, then the Central System closed the WebSocket at once (close "
                            + status.get().code() + (status.get().reason().isEmpty() ? "" : " " + status.get().reason()) + ")")
                            .withEvidence("closeCode", status.get().code())
                    : CheckResult.failed(UNKNOWN_REFUSED, "expected no WebSocket for an offer of only " + UNKNOWN
                            + " (a 4xx, or 101 without Sec-WebSocket-Protocol and an immediate close), seen 101 without"
                            + " a subprotocol and a session still open after " + HumanDuration.format(bound)
                            + "; change the Central System to close the WebSocket at once when it agrees to none of"
                            + " the offered subprotocols (OCPP-J 1.6 §3.2)"))
                    .map(check -> Upgrades.insecureWarning(check.withEvidence("selectedSubprotocol", ""), up));
        }).flux();
    }

    /** The close status when the server closed the session within {@code bound}; empty when it is still open. */
    private static Mono<java.util.Optional<WebSocketSession.CloseStatus>> closedBy(WebSocketSession session, Duration bound) {
        return session.closeStatus().map(java.util.Optional::of)
                .timeout(bound, Mono.just(java.util.Optional.empty()));
    }

    private static Flux<CheckResult> selection(TestContext context) {
        return Upgrades.attempt(context, ConnectOptions.defaults().withSubprotocols(UNKNOWN, OCPP16), c -> {
            CheckResult check = Upgrades.upgrade(SELECTED, context, c, Upgrades.how(context) + " offering "
                    + UNKNOWN + "," + OCPP16);
            return Mono.just(check);
        }).flux();
    }
}
