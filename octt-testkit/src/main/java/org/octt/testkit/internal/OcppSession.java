package org.octt.testkit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.octt.testkit.ChargePointAnswer;
import org.octt.testkit.Reply;
import org.octt.testkit.ReceivedCall;
import org.octt.testkit.ScheduledCall;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * One WebSocket's OCPP-J conversation on the reference Central System: answers each CALL as its
 * {@link OcppBehaviour} says, sends the scheduled CALLs and those of {@link #send}, and matches the
 * Charge Point's answers to them. Every method but {@link #send} and {@link #close} runs on the
 * connection's event loop ({@code loop}); those two hop onto it. Frames go out through {@code out},
 * called on the loop only.
 */
public final class OcppSession {

    /** The prefix of the UniqueIds of the Central System's own CALLs: {@code octt-cs-1}, {@code octt-cs-2}, ... */
    public static final String CALL_ID_PREFIX = "octt-cs-";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int number;
    private final String chargePointId;
    private final OcppBehaviour behaviour;
    private final StandardAnswers standard;
    private final TrafficRecorder traffic;
    private final Consumer<String> out;
    private final Executor loop;

    // loop only
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final Set<String> holdingBootAnswer = new HashSet<>();
    private Runnable heldBootAnswer;
    private int sentCalls;
    private boolean bootSeen;
    private boolean closed;
    private final Disposable.Composite timers = Disposables.composite();

    private record Pending(String action, Consumer<ChargePointAnswer> answered, Consumer<Throwable> failed) {
    }

    public OcppSession(int number, String chargePointId, OcppBehaviour behaviour, StandardAnswers standard,
            TrafficRecorder traffic, Consumer<String> out, Executor loop) {
        this.number = number;
        this.chargePointId = chargePointId;
        this.behaviour = behaviour;
        this.standard = standard;
        this.traffic = traffic;
        this.out = out;
        this.loop = loop;
    }

    /** The session's number on its server, from 1. */
    public int number() {
        return number;
    }

    /** The Charge Point id of the request path. */
    public String chargePointId() {
        return chargePointId;
    }

    /** The WebSocket is open: sends the {@link ScheduledCall.When#AFTER_UPGRADE} CALLs. */
    public void opened() {
        scheduled(ScheduledCall.When.AFTER_UPGRADE, Duration.ZERO);
    }

    /** Handles one text frame from the Charge Point. */
    public void receive(String text) {
        if (closed) {
            return;
        }
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            malformed("-1", "message is not JSON");
            return;
        }
        if (message == null || !message.isArray() || message.size() < 3 || !message.get(0).isInt()) {
            malformed(idOf(message), "message is not an OCPP-J array [MessageTypeId, UniqueId, ...]");
            return;
        }
        int type = message.get(0).intValue();
        if (type == StandardAnswers.CALLRESULT || type == StandardAnswers.CALLERROR) {
            answered(message, text);
            return;
        }
        String id = idOf(message);
        if (type != StandardAnswers.CALL || message.size() != 4 || !message.get(1).isTextual()
                || !message.get(2).isTextual()) {
            malformed(id, "expected a CALL [2, \"<UniqueId>\", \"<Action>\", {<payload>}]");
            return;
        }
        JsonNode payload = message.get(3);
        if (!payload.isObject()) {
            malformed(id, "payload is not a JSON object");
            return;
        }
        call(id, message.get(2).textValue(), payload);
    }

    private void call(String id, String action, JsonNode payload) {
        Optional<StandardAnswers.Refusal> refusal = standard.check(action, payload);
        record(action, payload, refusal.isPresent());
        ReceivedCall call = new ReceivedCall(number, chargePointId, id, action, payload,
                refusal.map(StandardAnswers.Refusal::description));
        Reply reply;
        try {
            reply = behaviour.handler(action).answer(call);
            if (reply == null) {
                reply = Reply.error("InternalError", "the answer to " + action + " is null");
            }
        } catch (RuntimeException e) {
            reply = Reply.error("InternalError", "the answer to " + action + " failed: " + e);
        }
        Optional<String> frame = render(reply, id, action, payload);
        Duration delay = reply.delay();
        Optional<ScheduledCall> followUp = reply.followUp();
        if (!"BootNotification".equals(action) || bootSeen) {
            emit(frame, delay, () -> followUp.ifPresent(this::sendFollowUp));
            return;
        }
        bootSeen = true;
        Runnable answer = () -> emit(frame, delay,
                () -> scheduled(ScheduledCall.When.AFTER_BOOT_NOTIFICATION_ANSWER, Duration.ZERO));
        holdingBootAnswer.addAll(scheduled(ScheduledCall.When.BEFORE_BOOT_NOTIFICATION_ANSWER, Duration.ZERO));
        if (holdingBootAnswer.isEmpty()) {
            answer.run();
        } else {
            heldBootAnswer = answer;
        }
    }

    private void record(String action, JsonNode payload, boolean refused) {
        switch (action) {
            case "BootNotification" -> {
                if (!refused) {
                    traffic.bootNotification();
                }
            }
            case "StatusNotification" -> {
                if (!refused) {
                    traffic.statusNotification(payload.get("connectorId").intValue());
                }
            }
            case "Heartbeat" -> traffic.heartbeat();
            default -> {
                // not counted
            }
        }
    }

    private Optional<String> render(Reply reply, String id, String action, JsonNode payload) {
        return switch (reply.kind()) {
            case STANDARD -> Optional.of(standard.answer(id, action, payload));
            case RESULT -> Optional.of(standard.result(id, reply.payload().orElseThrow()));
            case ERROR -> Optional.of(standard.error(id, reply.errorCode().orElseThrow(),
                    reply.errorDescription().orElseThrow()));
            case FRAME -> reply.frame();
            case NONE -> Optional.empty();
        };
    }

    private void malformed(String id, String description) {
        if (behaviour.answersMalformedFrames()) {
            out.accept(standard.error(id, "FormationViolation", description));
        }
    }

    /** Emits {@code frame} (if any) after {@code delay}, then runs {@code then}. */
    private void emit(Optional<String> frame, Duration delay, Runnable then) {
        later(delay, () -> {
            frame.ifPresent(out);
            then.run();
        });
    }

    /** Runs {@code action} on the loop after {@code delay} (at once when zero), unless closed. */
    private void later(Duration delay, Runnable action) {
        if (delay.isZero()) {
            action.run();
            return;
        }
        timers.add(Mono.delay(delay).subscribe(x -> onLoop(() -> {
            if (!closed) {
                action.run();
            }
        })));
    }

    /** Sends the scheduled CALLs of {@code when}; returns their UniqueIds. */
    private List<String> scheduled(ScheduledCall.When when, Duration extraDelay) {
        List<String> ids = new ArrayList<>();
        for (ScheduledCall c : behaviour.calls()) {
            if (c.when() == when) {
                String id = nextId();
                ids.add(id);
                pending.put(id, new Pending(c.action(), a -> { }, e -> { }));
                later(c.delay().plus(extraDelay), () -> out.accept(standard.call(id, c.action(), c.payload())));
            }
        }
        return ids;
    }

    /** Sends a {@link Reply#followedBy(ScheduledCall) follow-up} CALL, after its delay. */
    private void sendFollowUp(ScheduledCall c) {
        String id = nextId();
        pending.put(id, new Pending(c.action(), a -> { }, e -> { }));
        later(c.delay(), () -> out.accept(standard.call(id, c.action(), c.payload())));
    }

    private String nextId() {
        return CALL_ID_PREFIX + (++sentCalls);
    }

    private void answered(JsonNode message, String text) {
        String id = message.get(1).isTextual() ? message.get(1).textValue() : null;
        Pending p = id == null ? null : pending.remove(id);
        if (p == null) {
            return; // not an answer to one of ours: ignored
        }
        traffic.answerToCentralSystemCall(text);
        p.answered().accept(chargePointAnswer(message, text));
        if (holdingBootAnswer.remove(id) && holdingBootAnswer.isEmpty() && heldBootAnswer != null) {
            Runnable answer = heldBootAnswer;
            heldBootAnswer = null;
            answer.run();
        }
    }

    private static ChargePointAnswer chargePointAnswer(JsonNode message, String text) {
        if (message.get(0).intValue() == StandardAnswers.CALLRESULT) {
            return ChargePointAnswer.result(text, message.get(2));
        }
        JsonNode details = message.size() > 4 ? message.get(4) : JsonNodeFactory.instance.objectNode();
        return ChargePointAnswer.error(text, message.get(2).asText(),
                message.size() > 3 ? message.get(3).asText() : "", details);
    }

    /**
     * Sends a CALL now (on the loop) and completes with the Charge Point's answer; fails when the
     * session is closed or closes first. Cancelling forgets the CALL. Cold: sent on subscription.
     */
    public Mono<ChargePointAnswer> send(String action, JsonNode payload) {
        JsonNode copy = payload.deepCopy();
        return Mono.create((MonoSink<ChargePointAnswer> sink) -> onLoop(() -> {
            if (closed) {
                sink.error(closedBefore(action));
                return;
            }
            String id = nextId();
            pending.put(id, new Pending(action, sink::success, sink::error));
            sink.onCancel(() -> onLoop(() -> pending.remove(id)));
            out.accept(standard.call(id, action, copy));
        }));
    }

    private IllegalStateException closedBefore(String action) {
        return new IllegalStateException("the WebSocket of Charge Point " + chargePointId + " (session " + number
                + ") closed before it answered " + action);
    }

    /** The WebSocket closed: stops the timers and fails the CALLs still unanswered. Any thread. */
    public void close() {
        onLoop(() -> {
            if (closed) {
                return;
            }
            closed = true;
            timers.dispose();
            List<Pending> unanswered = new ArrayList<>(pending.values());
            pending.clear();
            unanswered.forEach(p -> p.failed().accept(closedBefore(p.action())));
        });
    }

    /** Runs on the loop; directly when the loop no longer takes tasks (it is shutting down). */
    private void onLoop(Runnable action) {
        try {
            loop.execute(action);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            action.run();
        }
    }

    private static String idOf(JsonNode message) {
        if (message != null && message.isArray() && message.size() > 1 && message.get(1).isTextual()) {
            return message.get(1).textValue();
        }
        return "-1";
    }
}
