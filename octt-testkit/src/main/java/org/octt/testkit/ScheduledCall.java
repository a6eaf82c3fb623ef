package org.octt.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.util.Objects;

/**
 * A CALL the {@link ReferenceCentralSystem} sends to the Charge Point on its own, once per WebSocket
 * session, at a moment of the conversation (see {@link ReferenceCentralSystem.Builder#call(ScheduledCall)}).
 * For a CALL at a moment the test chooses, use {@link RunningCentralSystem#send(String, String, String)}.
 * Immutable.
 *
 * <pre>{@code
 * ScheduledCall.of("GetConfiguration", "{}").at(ScheduledCall.When.BEFORE_BOOT_NOTIFICATION_ANSWER)
 * ScheduledCall.of("TriggerMessage", "{\"requestedMessage\":\"StatusNotification\"}").after(Duration.ofSeconds(1))
 * }</pre>
 *
 * Each CALL gets the UniqueId {@code octt-cs-<n>}, n counting the CALLs sent on the session from 1;
 * the Charge Point's answers are in {@link ReceivedTraffic#answersToCentralSystemCalls()}.
 */
public final class ScheduledCall {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The moment of the conversation a scheduled CALL is sent at (then {@link #delay()} later). */
    public enum When {
        /** As soon as the WebSocket is open. */
        AFTER_UPGRADE,
        /**
         * When the session's first BootNotification arrives, before it is answered: its answer is
         * held back until the Charge Point has answered every such CALL, as OCPP-J allows (what
         * {@link Fault#SENDS_CALL_FIRST} does).
         */
        BEFORE_BOOT_NOTIFICATION_ANSWER,
        /** Once the session's first BootNotification has been answered (the default). */
        AFTER_BOOT_NOTIFICATION_ANSWER
    }

    private final String action;
    private final JsonNode payload;
    private final When when;
    private final Duration delay;

    private ScheduledCall(String action, JsonNode payload, When when, Duration delay) {
        this.action = action;
        this.payload = payload;
        this.when = when;
        this.delay = delay;
    }

    /**
     * A CALL of this action with this JSON payload (an object, not checked against the action's
     * schema), sent after the BootNotification answer, without delay.
     *
     * @throws IllegalArgumentException if the action is empty or the payload is not a JSON object
     */
    public static ScheduledCall of(String action, String payloadJson) {
        Objects.requireNonNull(payloadJson, "payloadJson");
        try {
            return of(action, JSON.readTree(payloadJson));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a CALL payload must be a JSON object: " + e.getOriginalMessage(), e);
        }
    }

    /** As {@link #of(String, String)}, with a payload that is copied. */
    public static ScheduledCall of(String action, JsonNode payload) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(payload, "payload");
        if (action.isBlank()) {
            throw new IllegalArgumentException("a CALL's action must not be blank");
        }
        if (!payload.isObject()) {
            throw new IllegalArgumentException("a CALL payload must be a JSON object, was: " + payload.getNodeType());
        }
        return new ScheduledCall(action, payload.deepCopy(), When.AFTER_BOOT_NOTIFICATION_ANSWER, Duration.ZERO);
    }

    /** This CALL, sent at {@code when}. */
    public ScheduledCall at(When when) {
        return new ScheduledCall(action, payload, Objects.requireNonNull(when, "when"), delay);
    }

    /**
     * This CALL, sent {@code delay} after its moment.
     *
     * @throws IllegalArgumentException if the delay is negative
     */
    public ScheduledCall after(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("a CALL's delay must not be negative, was: " + delay);
        }
        return new ScheduledCall(action, payload, when, delay);
    }

    /** The Action. */
    public String action() {
        return action;
    }

    /** A copy of the payload. */
    public JsonNode payload() {
        return payload.deepCopy();
    }

    /** The moment of the conversation. */
    public When when() {
        return when;
    }

    /** How long after {@link #when()}; zero by default. */
    public Duration delay() {
        return delay;
    }

    @Override
    public String toString() {
        return "ScheduledCall[" + action + " " + payload + ", " + when + (delay.isZero() ? "" : " + " + delay) + "]";
    }
}
