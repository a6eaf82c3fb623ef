package org.octt.ocpp.cp;

import com.fasterxml.jackson.databind.JsonNode;
import org.octt.core.spi.ActionOutcome;
import org.octt.core.spi.OperatorAction;
import org.octt.core.spi.TestContext;
import org.octt.ocpp.j.AnsweredCall;
import org.octt.ocpp.j.CallAnswer;
import org.octt.ocpp.j.CallOutcome;
import org.octt.ocpp.j.CallResponder;
import org.octt.ocpp.j.IncomingCall;
import org.octt.ocpp.j.MessageLog;
import org.octt.ocpp.j.OcppJSession;
import org.octt.ocpp.j.UnexpectedFrame;
import org.octt.ocpp.schema.SchemaViolation;
import org.octt.ocpp.v16.Ocpp16Schemas;
import org.octt.ocpp.v16.message.Ocpp16Message;
import org.octt.tls.ws.WebSocketOutcome;
import org.octt.tls.ws.WebSocketSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * An open OCPP 1.6J session, playing the Charge Point: calls with OCPP 1.6 schema checks both ways,
 * the Central System's CALLs answered at once (by a responder the test case may replace, or by the
 * test case itself for a CALL it expects), waiting for a CALL as an operation with a timeout, and a
 * {@link MessageLog} of everything said. Made by {@link ChargePoint#connect}.
 *
 * <ul>
 * <li>What octt sends is checked before it is sent: a payload that breaks its schema, or an action
 *     OCPP 1.6 does not have, is a bug in the test case and throws {@link IllegalArgumentException}
 *     at once. To send something invalid on purpose, use {@link #sendFrame(String)}.</li>
 * <li>What the Central System answers is checked: {@link CallOutcome.Result#violations()} names each
 *     violation; {@link Ocpp16Checks} turns them into a check.</li>
 * </ul>
 *
 * <p>Thread-safe. Outcomes are emitted on the connection's event loop or the context's scheduler;
 * subscribers must not block.
 */
public final class ChargePointSession {

    private final WebSocketOutcome.Connected upgrade;
    private final OcppJSession ocpp;
    private final Ocpp16Schemas schemas;
    private final Duration callTimeout;
    private final Scheduler timer;
    private final List<Expectation> expectations = new CopyOnWriteArrayList<>();
    private final Set<IncomingCall> claimed = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private volatile CallResponder responder;

    /** A test case's own answer for the next CALL of {@code action}. */
    private static final class Expectation {
        final String action;
        final CallResponder answer;
        final AtomicBoolean used = new AtomicBoolean();

        Expectation(String action, CallResponder answer) {
            this.action = action;
            this.answer = answer;
        }
    }

    ChargePointSession(WebSocketOutcome.Connected upgrade, CallResponder responder, Ocpp16Schemas schemas,
                       Duration callTimeout, Scheduler timer, MessageLog log) {
        this.upgrade = upgrade;
        this.responder = responder;
        this.schemas = schemas;
        this.callTimeout = callTimeout;
        this.timer = timer;
        this.ocpp = OcppJSession.over(upgrade.session(), new com.fasterxml.jackson.databind.ObjectMapper(),
                this::answer, timer, log);
    }

    /** The answer to a CALL: the test case's for a CALL it expects, else the responder's. Event loop. */
    private CallAnswer answer(IncomingCall call) {
        for (Expectation e : expectations) {
            if (e.action.equals(call.action()) && e.used.compareAndSet(false, true)) {
                return e.answer.answer(call);
            }
        }
        return responder.answer(call);
    }

    /** The upgrade: negotiated TLS, subprotocol, response headers, what was seen of the certificate. */
    public WebSocketOutcome.Connected upgrade() {
        return upgrade;
    }

    /** Everything said on this session so far, credentials redacted. */
    public MessageLog log() {
        return ocpp.log();
    }

    /** Redacts {@code value} wherever it appears in the log (e.g. a password the test case sends in a payload). */
    public void markSecret(String value) {
        ocpp.log().markSecret(value);
    }

    /** The OCPP-J framing underneath, for what this class does not offer. */
    public OcppJSession ocppJ() {
        return ocpp;
    }

    /**
     * Answers the Central System's CALLs from now on with {@code responder} (on the event loop: it
     * must answer at once and never block).
     */
    public void answerWith(CallResponder responder) {
        this.responder = Objects.requireNonNull(responder, "responder");
    }

    /** {@link #call(Ocpp16Message, Duration)} with the session's call timeout. */
    public Mono<CallOutcome> call(Ocpp16Message request) {
        return call(request, callTimeout);
    }

    /**
     * Sends a typed request, e.g. {@code new BootNotificationRequest(...)}; read the answer with
     * {@code result.payloadAs(BootNotificationResponse::fromJson)}.
     *
     * @throws IllegalArgumentException when {@code request} is a response, or breaks its schema
     */
    public Mono<CallOutcome> call(Ocpp16Message request, Duration timeout) {
        Objects.requireNonNull(request, "request");
        if (request.kind() != Ocpp16Message.Kind.REQUEST) {
            throw new IllegalArgumentException("a Charge Point calls with a request, " + request.action()
                    + " was given as its response");
        }
        return call(request.action(), request.toJson(), timeout);
    }

    /** {@link #call(String, JsonNode, Duration)} with the session's call timeout. */
    public Mono<CallOutcome> call(String action, JsonNode payload) {
        return call(action, payload, callTimeout);
    }

    /**
     * Sends CALL {@code [2, id, action, payload]} and emits how it ended (never an error, always within
     * {@code timeout}); a CALLRESULT carries the violations of the action's response schema.
     *
     * @throws IllegalArgumentException when {@code action} is not an OCPP 1.6 action or {@code payload}
     *                                  breaks its request schema (a bug in the test case)
     */
    public Mono<CallOutcome> call(String action, JsonNode payload, Duration timeout) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(payload, "payload");
        if (!schemas.hasAction(action)) {
            throw new IllegalArgumentException("'" + action + "' is not an OCPP 1.6 action; to send it on purpose,"
                    + " use sendFrame");
        }
        List<SchemaViolation> invalid = schemas.validateRequest(action, payload);
        if (!invalid.isEmpty()) {
            throw new IllegalArgumentException("octt would send an invalid " + action + ".req: "
                    + invalid.stream().map(SchemaViolation::toString).collect(Collectors.joining("; ")));
        }
        return ocpp.call(action, payload, timeout).map(outcome -> outcome instanceof CallOutcome.Result r
                ? r.withViolations(schemas.validateResponse(action, r.payload())) : outcome);
    }

    /**
     * Sends {@code text} as it is, unchecked: for a malformed or invalid frame sent on purpose. It is
     * logged like any frame.
     */
    public Mono<Void> sendFrame(String text) {
        return ocpp.sendFrame(text);
    }

    /**
     * Asks for an operator action and waits for the CALL it makes the Central System send
     * ({@link OperatorAction#awaitedCall()}): the wait begins first (so a CALL that comes at once is
     * answered with {@code answer}), then {@link TestContext#requestAction} tells the operator, the
     * hook or the embedder. Ends with {@link ExpectedCall.Received}; {@link ExpectedCall.NotActed}
     * after the action's timeout; {@link ExpectedCall.NotTriggered} when the action handler reported
     * that it failed before the CALL came; or {@link ExpectedCall.Closed}.
     * {@link Ocpp16Checks#notReceived} turns the last three into an INCONCLUSIVE check.
     *
     * @param context the test case's context (its action handler and clock)
     * @param action  what the Central System must do
     * @param answer  the answer to that CALL; null for the session's responder
     */
    public Mono<ExpectedCall> expectCall(TestContext context, OperatorAction action, CallResponder answer) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(action, "action");
        return Mono.defer(() -> {
            OperatorAction prepared = context.prepare(action);
            Mono<ExpectedCall> wait = expect(prepared.awaitedCall(), prepared.timeout(), answer)
                    .map(outcome -> outcome instanceof ExpectedCall.TimedOut
                            ? new ExpectedCall.NotActed(prepared.awaitedCall(), prepared.id(), prepared.timeout())
                            : outcome);
            Mono<ExpectedCall> notTriggered = Mono.defer(() -> context.requestAction(prepared))
                    .filter(outcome -> outcome.kind() == ActionOutcome.Kind.FAILED)
                    .map(outcome -> new ExpectedCall.NotTriggered(prepared.awaitedCall(), prepared.id(),
                            outcome.message()));
            // merge subscribes the wait first, then asks for the action
            return Flux.merge(wait, notTriggered).next();
        });
    }

    /**
     * Waits for a CALL of {@code action} from the Central System: the first one not yet claimed by an
     * earlier {@code expectCall}, whether it came before this wait began (the session keeps the last
     * 256) or comes within {@code timeout}. It is answered by the responder, as every CALL is.
     */
    public Mono<ExpectedCall> expectCall(String action, Duration timeout) {
        return expect(action, timeout, null);
    }

    /**
     * {@link #expectCall(String, Duration)}, answering that CALL with {@code answer} instead of the
     * responder: subscribe before the Central System sends it (a CALL that came earlier was answered
     * by the responder already, and {@link ExpectedCall.Received#answer()} says so). {@code answer}
     * runs on the event loop: it must answer at once and never block.
     */
    public Mono<ExpectedCall> expectCall(String action, Duration timeout, CallResponder answer) {
        return expect(action, timeout, Objects.requireNonNull(answer, "answer"));
    }

    private Mono<ExpectedCall> expect(String action, Duration timeout, CallResponder answer) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the wait for " + action + " must be positive, was: " + timeout);
        }
        return Mono.defer(() -> {
            Expectation e = answer != null ? new Expectation(action, answer) : null;
            if (e != null) {
                expectations.add(e);
            }
            return ocpp.incomingCalls()
                    .filter(c -> c.action().equals(action) && claimed.add(c))
                    .next()
                    .<ExpectedCall>map(this::received)
                    .switchIfEmpty(Mono.fromSupplier(() -> closed(action)))
                    .timeout(timeout, Mono.fromSupplier(() -> new ExpectedCall.TimedOut(action, timeout)), timer)
                    .doFinally(s -> {
                        if (e != null) {
                            expectations.remove(e);
                        }
                    });
        });
    }

    private ExpectedCall received(IncomingCall call) {
        CallAnswer given = ocpp.answeredCalls().stream()
                .filter(a -> a.call().isPresent() && a.call().get() == call)
                .map(AnsweredCall::answer)
                .findFirst()
                .orElseGet(() -> CallAnswer.error("InternalError", "answer not recorded"));
        List<SchemaViolation> violations = schemas.hasAction(call.action())
                ? schemas.validateRequest(call.action(), call.payload()) : List.of();
        return new ExpectedCall.Received(call, given, violations);
    }

    private ExpectedCall closed(String action) {
        var status = ocpp.webSocket().closedWith();
        return new ExpectedCall.Closed(action, status.map(WebSocketSession.CloseStatus::code).orElse(1006),
                status.map(WebSocketSession.CloseStatus::reason).orElse("the WebSocket is closing"));
    }

    /** The Central System's CALLs and octt's answers, in order (at most the first 256). */
    public List<AnsweredCall> answeredCalls() {
        return ocpp.answeredCalls();
    }

    /** The Central System's CALLs, each already answered; the last 256 replayed to a late subscriber. */
    public Flux<IncomingCall> incomingCalls() {
        return ocpp.incomingCalls();
    }

    /** Messages that answered no waiting call. */
    public Flux<UnexpectedFrame> unexpectedFrames() {
        return ocpp.unexpectedFrames();
    }

    /** True once the WebSocket has closed. */
    public boolean isClosed() {
        return ocpp.webSocket().isClosed();
    }

    /** Closes the WebSocket (close frame 1000, waiting at most {@code timeout} for the server's). */
    public Mono<WebSocketSession.CloseStatus> close(Duration timeout) {
        return ocpp.close(timeout);
    }
}
