package org.octt.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the {@link ReferenceCentralSystem} answers one CALL: what a {@link CallHandler} returns.
 * Immutable.
 *
 * <ul>
 *   <li>{@link #standard()}: the reference Central System's own answer (BootNotification Accepted
 *       with currentTime and interval 300, StatusNotification and Heartbeat answered, a
 *       ProtocolError CALLERROR for a CALL with {@link ReceivedCall#problem() a problem},
 *       NotImplemented for other actions);</li>
 *   <li>{@link #result(String)}: a CALLRESULT with this payload, valid or not;</li>
 *   <li>{@link #error(String, String)}: a CALLERROR;</li>
 *   <li>{@link #frame(String)}: any text frame at all, e.g. not JSON;</li>
 *   <li>{@link #none()}: no answer.</li>
 * </ul>
 *
 * {@link #after(Duration)} delays any of them (later answers may overtake a delayed one);
 * {@link #followedBy(ScheduledCall)} sends a CALL of the Central System's own once the answer is out
 * (e.g. CertificateSigned.req after SignCertificate.conf).
 */
public final class Reply {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What kind of answer. */
    public enum Kind {
        /** The reference Central System's own answer. */
        STANDARD,
        /** A CALLRESULT. */
        RESULT,
        /** A CALLERROR. */
        ERROR,
        /** A text frame as given. */
        FRAME,
        /** Nothing. */
        NONE
    }

    private static final Reply STANDARD = new Reply(Kind.STANDARD, null, null, null, Duration.ZERO, null);
    private static final Reply NONE = new Reply(Kind.NONE, null, null, null, Duration.ZERO, null);

    private final Kind kind;
    private final JsonNode payload;
    private final String text;
    private final String description;
    private final Duration delay;
    private final ScheduledCall then;

    private Reply(Kind kind, JsonNode payload, String text, String description, Duration delay, ScheduledCall then) {
        this.kind = kind;
        this.payload = payload;
        this.text = text;
        this.description = description;
        this.delay = delay;
        this.then = then;
    }

    /** The reference Central System's own answer. */
    public static Reply standard() {
        return STANDARD;
    }

    /** No answer at all. */
    public static Reply none() {
        return NONE;
    }

    /**
     * A CALLRESULT carrying this JSON payload as given (it need not be valid for the action).
     *
     * @throws IllegalArgumentException if it is not JSON
     */
    public static Reply result(String payloadJson) {
        Objects.requireNonNull(payloadJson, "payloadJson");
        try {
            return result(JSON.readTree(payloadJson));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a CALLRESULT payload must be JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A CALLRESULT carrying this payload (copied). */
    public static Reply result(JsonNode payload) {
        Objects.requireNonNull(payload, "payload");
        return new Reply(Kind.RESULT, payload.deepCopy(), null, null, Duration.ZERO, null);
    }

    /** A CALLERROR with this ErrorCode (e.g. {@code InternalError}), description and empty details. */
    public static Reply error(String errorCode, String description) {
        return new Reply(Kind.ERROR, null, Objects.requireNonNull(errorCode, "errorCode"),
                Objects.requireNonNull(description, "description"), Duration.ZERO, null);
    }

    /** This text frame, sent as it is. */
    public static Reply frame(String text) {
        return new Reply(Kind.FRAME, null, Objects.requireNonNull(text, "text"), null, Duration.ZERO, null);
    }

    /**
     * This answer, sent {@code delay} after the CALL arrived.
     *
     * @throws IllegalArgumentException if the delay is negative
     */
    public Reply after(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a reply's delay must not be negative, was: " + delay);
        }
        return new Reply(kind, payload, text, description, delay, then);
    }

    /**
     * This answer, then (once it is sent, and {@link ScheduledCall#delay()} later) the Central
     * System's own CALL {@code call} on the same session; its {@link ScheduledCall#when()} is
     * ignored. The Charge Point's answer is in {@link ReceivedTraffic#answersToCentralSystemCalls()}.
     */
    public Reply followedBy(ScheduledCall call) {
        return new Reply(kind, payload, text, description, delay, Objects.requireNonNull(call, "call"));
    }

    /** The CALL sent after this answer, if any. */
    public Optional<ScheduledCall> followUp() {
        return Optional.ofNullable(then);
    }

    /** What kind of answer. */
    public Kind kind() {
        return kind;
    }

    /** The CALLRESULT payload (a copy); empty unless {@link Kind#RESULT}. */
    public Optional<JsonNode> payload() {
        return Optional.ofNullable(payload).map(JsonNode::deepCopy);
    }

    /** The CALLERROR ErrorCode; empty unless {@link Kind#ERROR}. */
    public Optional<String> errorCode() {
        return kind == Kind.ERROR ? Optional.of(text) : Optional.empty();
    }

    /** The CALLERROR ErrorDescription; empty unless {@link Kind#ERROR}. */
    public Optional<String> errorDescription() {
        return Optional.ofNullable(description);
    }

    /** The frame; empty unless {@link Kind#FRAME}. */
    public Optional<String> frame() {
        return kind == Kind.FRAME ? Optional.of(text) : Optional.empty();
    }

    /** How long after the CALL it is sent; zero by default. */
    public Duration delay() {
        return delay;
    }

    @Override
    public String toString() {
        String what = switch (kind) {
            case STANDARD, NONE -> kind.name().toLowerCase(java.util.Locale.ROOT);
            case RESULT -> "result " + payload;
            case ERROR -> "error " + text + " '" + description + "'";
            case FRAME -> "frame " + text;
        };
        return "Reply[" + what + (delay.isZero() ? "" : ", after " + delay)
                + (then == null ? "" : ", then " + then.action()) + "]";
    }
}
