package org.octt.ocpp.j;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.octt.tls.ws.WebSocketClosedException;
import org.octt.tls.ws.WebSocketSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * OCPP-J framing on an open {@link WebSocketSession}, from the Charge Point's side: CALLs with
 * unique ids and a timeout each, answers matched by id, malformed frames reported as data, and the
 * server's own CALLs answered at once by a {@link CallResponder} ({@link ChargePointResponder#defaults()}
 * unless another is given), as OCPP-J requires: a Central System may send CALLs at any time after the
 * upgrade, even before it answers BootNotification, and may wait for their answers. A malformed CALL
 * whose unique id can be read is answered with CALLERROR {@code FormationViolation}. Every answer is
 * kept as an {@link AnsweredCall} for reports.
 *
 * <p>Thread-safe. Outcomes are emitted on the connection's event loop or on the timer scheduler;
 * subscribers must not block.
 */
public final class OcppJSession {

    /** Most server CALLs and unexpected frames kept for a late subscriber. */
    private static final int HISTORY = 256;

    private final WebSocketSession webSocket;
    private final ObjectMapper mapper;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Sinks.Many<IncomingCall> incomingCalls = Sinks.many().replay().limit(HISTORY);
    private final Sinks.Many<UnexpectedFrame> unexpected = Sinks.many().replay().limit(HISTORY);
    private final CallResponder responder;
    private final Scheduler timer;
    private final MessageLog log;
    private final List<AnsweredCall> answered = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();

    private record Pending(String action, long startNanos, Sinks.One<CallOutcome> sink) {
    }

    private OcppJSession(WebSocketSession webSocket, ObjectMapper mapper, CallResponder responder, Scheduler timer,
                         MessageLog log) {
        this.webSocket = webSocket;
        this.mapper = mapper;
        this.responder = responder;
        this.timer = timer;
        this.log = log;
    }

    /**
     * Starts OCPP-J framing on {@code webSocket}, which it then owns: it subscribes to its inbound
     * messages (only one subscriber is allowed).
     */
    public static OcppJSession over(WebSocketSession webSocket) {
        return over(webSocket, new ObjectMapper(), ChargePointResponder.defaults());
    }

    /** {@link #over(WebSocketSession)} answering the server's CALLs with {@code responder}. */
    public static OcppJSession over(WebSocketSession webSocket, CallResponder responder) {
        return over(webSocket, new ObjectMapper(), responder);
    }

    /** {@link #over(WebSocketSession)} with a caller's Jackson mapper. */
    public static OcppJSession over(WebSocketSession webSocket, ObjectMapper mapper) {
        return over(webSocket, mapper, ChargePointResponder.defaults());
    }

    /**
     * {@link #over(WebSocketSession)} with a caller's Jackson mapper, answering the server's CALLs
     * with {@code responder} (called on the event loop: it must not block).
     */
    public static OcppJSession over(WebSocketSession webSocket, ObjectMapper mapper, CallResponder responder) {
        return over(webSocket, mapper, responder, Schedulers.parallel(), MessageLog.create(Clock.systemUTC()));
    }

    /**
     * {@link #over(WebSocketSession, ObjectMapper, CallResponder)} timing calls out on {@code timer}
     * (e.g. the test context's scheduler) and recording every frame sent and received in {@code log}.
     */
    public static OcppJSession over(WebSocketSession webSocket, ObjectMapper mapper, CallResponder responder,
                                    Scheduler timer, MessageLog log) {
        OcppJSession s = new OcppJSession(Objects.requireNonNull(webSocket, "webSocket"),
                Objects.requireNonNull(mapper, "mapper"), Objects.requireNonNull(responder, "responder"),
                Objects.requireNonNull(timer, "timer"), Objects.requireNonNull(log, "log"));
        webSocket.inbound().subscribe(s::onMessage);
        webSocket.closeStatus().subscribe(s::onClosed);
        return s;
    }

    /** The frames sent and received so far (credentials redacted). */
    public MessageLog log() {
        return log;
    }

    /** The underlying WebSocket. */
    public WebSocketSession webSocket() {
        return webSocket;
    }

    /**
     * Sends CALL {@code [2, "<uniqueId>", "<action>", payload]} with a fresh unique id (a random UUID)
     * and emits how it ended: never an error, always within {@code timeout} (plus scheduling).
     *
     * @param action  the action name, e.g. {@code BootNotification}
     * @param payload the payload; a JSON object
     * @param timeout how long to wait for the answer; positive
     */
    public Mono<CallOutcome> call(String action, JsonNode payload, Duration timeout) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(timeout, "timeout");
        if (action.isBlank()) {
            throw new IllegalArgumentException("action must not be blank, was: '" + action + "'");
        }
        if (!payload.isObject()) {
            throw new IllegalArgumentException("the payload of " + action + " must be a JSON object, was: "
                    + payload.getNodeType());
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("call timeout must be positive, was: " + timeout);
        }
        JsonNode body = payload.deepCopy();
        return Mono.defer(() -> {
            String id = UUID.randomUUID().toString();
            ArrayNode frame = mapper.createArrayNode().add(OcppJFrame.CALL).add(id).add(action);
            frame.add(body);
            String text = write(frame);
            Pending p = new Pending(action, System.nanoTime(), Sinks.one());
            pending.put(id, p);
            return send(text)
                    .then(p.sink().asMono())
                    .onErrorResume(WebSocketClosedException.class, e -> Mono.just(closed(id, action)))
                    .timeout(timeout, Mono.fromSupplier(() -> new CallOutcome.TimedOut(id, action, timeout)), timer)
                    .doFinally(signal -> pending.remove(id));
        });
    }

    /**
     * The server's CALLs, in order, each already answered by the responder; the last {@value #HISTORY}
     * are replayed to a late subscriber.
     */
    public Flux<IncomingCall> incomingCalls() {
        return incomingCalls.asFlux();
    }

    /** Messages that answered no waiting call; the last {@value #HISTORY} are replayed to a late subscriber. */
    public Flux<UnexpectedFrame> unexpectedFrames() {
        return unexpected.asFlux();
    }

    /**
     * The server's CALLs (well-formed or not) and the answers sent, in order; at most the first
     * {@value #HISTORY}.
     */
    public List<AnsweredCall> answeredCalls() {
        return List.copyOf(answered);
    }

    /**
     * Sends CALLRESULT {@code [3, id, payload]}. The responder already answered every server CALL;
     * this is for a caller that means to send another frame on purpose.
     */
    public Mono<Void> sendCallResult(String uniqueId, JsonNode payload) {
        Objects.requireNonNull(uniqueId, "uniqueId");
        Objects.requireNonNull(payload, "payload");
        ArrayNode frame = mapper.createArrayNode().add(OcppJFrame.CALLRESULT).add(uniqueId);
        frame.add(payload.deepCopy());
        return Mono.defer(() -> send(write(frame)));
    }

    /**
     * Sends {@code text} as it is, as one text message: for a test case that sends a malformed or
     * otherwise invalid frame on purpose. Nothing checks it; an answer to it arrives as an
     * {@link UnexpectedFrame} (or as the answer of a waiting call that has its unique id).
     */
    public Mono<Void> sendFrame(String text) {
        Objects.requireNonNull(text, "text");
        return Mono.defer(() -> send(text));
    }

    /** Sends CALLERROR {@code [4, id, code, description, details]}; see {@link #sendCallResult}. */
    public Mono<Void> sendCallError(String uniqueId, String code, String description, JsonNode details) {
        Objects.requireNonNull(uniqueId, "uniqueId");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(details, "details");
        ArrayNode frame = mapper.createArrayNode().add(OcppJFrame.CALLERROR).add(uniqueId).add(code).add(description);
        frame.add(details.deepCopy());
        return Mono.defer(() -> send(write(frame)));
    }

    /**
     * Logs and queues one text message. It is logged as it is handed to the WebSocket, before the
     * write completes, so that the Central System's answer, which may arrive before the write's
     * completion is signalled, is never logged ahead of it.
     */
    private Mono<Void> send(String text) {
        return Mono.defer(() -> {
            log.sent(text);
            return webSocket.send(text);
        });
    }

    /** Closes the WebSocket (close frame 1000, waiting at most {@code timeout} for the server's). */
    public Mono<WebSocketSession.CloseStatus> close(Duration timeout) {
        return webSocket.close(timeout);
    }

    private String write(JsonNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise OCPP-J frame: " + e.getOriginalMessage(), e);
        }
    }

    private CallOutcome.Closed closed(String id, String action) {
        Optional<WebSocketSession.CloseStatus> status = webSocket.closedWith();
        return new CallOutcome.Closed(id, action, status.map(WebSocketSession.CloseStatus::code).orElse(1006),
                status.map(WebSocketSession.CloseStatus::reason).orElse("the WebSocket is closing"));
    }

    private void onClosed(WebSocketSession.CloseStatus status) {
        for (Map.Entry<String, Pending> e : pending.entrySet()) {
            e.getValue().sink().tryEmitValue(new CallOutcome.Closed(e.getKey(), e.getValue().action(), status.code(),
                    status.reason()));
        }
        incomingCalls.tryEmitComplete();
        unexpected.tryEmitComplete();
    }

    private void onMessage(WebSocketSession.Message message) {
        log.received(message.text() ? message.content() : "(binary, hex) " + message.content());
        if (!message.text()) {
            onBad(message.content(), new OcppJFrame.Bad(Optional.empty(),
                    "a binary WebSocket message (hex shown); OCPP-J uses text messages"));
            return;
        }
        String raw = message.content();
        OcppJFrame frame = OcppJFrame.parse(mapper, raw);
        if (frame instanceof OcppJFrame.Call c) {
            IncomingCall call = new IncomingCall(c.uniqueId(), c.action(), c.payload());
            answer(raw, Optional.of(call), c.uniqueId(), respond(call));
            emit(incomingCalls, call);
        } else if (frame instanceof OcppJFrame.CallResult r) {
            Pending p = pending.get(r.uniqueId());
            if (p == null) {
                emit(unexpected, new UnexpectedFrame(raw, "CALLRESULT for unique id " + r.uniqueId()
                        + ", which no waiting call has"));
            } else {
                p.sink().tryEmitValue(new CallOutcome.Result(r.uniqueId(), p.action(), r.payload(), since(p)));
            }
        } else if (frame instanceof OcppJFrame.CallError e) {
            Pending p = pending.get(e.uniqueId());
            if (p == null) {
                emit(unexpected, new UnexpectedFrame(raw, "CALLERROR for unique id " + e.uniqueId()
                        + ", which no waiting call has"));
            } else {
                p.sink().tryEmitValue(new CallOutcome.Error(e.uniqueId(), p.action(), e.code(), e.description(),
                        e.details(), since(p)));
            }
        } else if (frame instanceof OcppJFrame.Bad b) {
            if (b.call()) {
                answer(raw, Optional.empty(), b.uniqueId().orElseThrow(),
                        CallAnswer.error("FormationViolation", b.reason()));
            }
            onBad(raw, b);
        }
    }

    /** The responder's answer; InternalError when it fails (it must not, but a report must say so). */
    private CallAnswer respond(IncomingCall call) {
        try {
            CallAnswer a = responder.answer(call);
            return a != null ? a : CallAnswer.error("InternalError", "the Charge Point has no answer to " + call.action());
        } catch (RuntimeException e) {
            return CallAnswer.error("InternalError", "the Charge Point failed to answer " + call.action() + ": "
                    + e.getClass().getSimpleName());
        }
    }

    /** Sends the answer without waiting (this runs on the event loop) and records it. */
    private void answer(String raw, Optional<IncomingCall> call, String uniqueId, CallAnswer answer) {
        String text = write(answer.frame(uniqueId));
        if (answered.size() < HISTORY) {
            answered.add(new AnsweredCall(raw, call, answer, text));
        }
        // the send only queues the frame; a closed WebSocket leaves nothing to answer to
        send(text).subscribe(null, e -> { });
    }

    private void onBad(String raw, OcppJFrame.Bad bad) {
        String id = bad.uniqueId().filter(pending::containsKey).orElse(null);
        if (id == null && bad.uniqueId().isEmpty() && pending.size() == 1) {
            id = pending.keySet().iterator().next();
        }
        Pending p = id != null ? pending.get(id) : null;
        if (p == null) {
            emit(unexpected, new UnexpectedFrame(raw, bad.reason()));
        } else {
            p.sink().tryEmitValue(new CallOutcome.Malformed(id, p.action(), raw, bad.reason()));
        }
    }

    private <T> void emit(Sinks.Many<T> sink, T value) {
        synchronized (lock) {
            sink.tryEmitNext(value);
        }
    }

    private static Duration since(Pending p) {
        return Duration.ofNanos(System.nanoTime() - p.startNanos());
    }
}
