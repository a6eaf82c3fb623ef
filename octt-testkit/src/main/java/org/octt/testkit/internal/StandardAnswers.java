package org.octt.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The reference Central System's own answers ({@link org.octt.testkit.Reply#standard()}):
 * BootNotification Accepted with currentTime and interval, StatusNotification and Heartbeat answered,
 * LogStatusNotification, SignedFirmwareStatusNotification and SecurityEventNotification answered {},
 * a CALLERROR for a malformed CALL of these actions, NotImplemented for other actions. Stateless;
 * thread-safe.
 */
public final class StandardAnswers {

    /** The heartbeat interval handed out, in seconds. */
    public static final int INTERVAL_SECONDS = 300;

    static final int CALL = 2;
    static final int CALLRESULT = 3;
    static final int CALLERROR = 4;

    /** Why a CALL is refused: a CALLERROR's code and description. */
    public record Refusal(String errorCode, String description) {
    }

    private final ObjectMapper json;
    private final Clock clock;

    public StandardAnswers(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    /** What the standard answer objects to in a CALL of an action it knows; empty when well-formed. */
    public Optional<Refusal> check(String action, JsonNode payload) {
        switch (action) {
            case "BootNotification" -> {
                return requireText(payload, "chargePointVendor", "chargePointModel")
                        .map(f -> new Refusal("ProtocolError", "BootNotification.req lacks " + f));
            }
            case "StatusNotification" -> {
                JsonNode connectorId = payload.get("connectorId");
                if (connectorId == null) {
                    return Optional.of(new Refusal("ProtocolError", "StatusNotification.req lacks connectorId"));
                }
                Optional<String> missing = requireText(payload, "errorCode", "status");
                if (missing.isPresent()) {
                    return Optional.of(new Refusal("ProtocolError", "StatusNotification.req lacks " + missing.get()));
                }
                if (!connectorId.isInt() || connectorId.intValue() < 0) {
                    return Optional.of(new Refusal("TypeConstraintViolation",
                            "StatusNotification.req connectorId must be a non-negative integer, was: " + connectorId));
                }
                return Optional.empty();
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /** The standard answer frame to a CALL. */
    public String answer(String uniqueId, String action, JsonNode payload) {
        Optional<Refusal> refusal = check(action, payload);
        if (refusal.isPresent()) {
            return error(uniqueId, refusal.get().errorCode(), refusal.get().description());
        }
        return switch (action) {
            case "BootNotification" -> {
                ObjectNode conf = json.createObjectNode();
                conf.put("currentTime", now());
                conf.put("interval", INTERVAL_SECONDS);
                conf.put("status", "Accepted");
                yield result(uniqueId, conf);
            }
            case "StatusNotification" -> result(uniqueId, json.createObjectNode());
            case "LogStatusNotification", "SignedFirmwareStatusNotification", "SecurityEventNotification" ->
                    result(uniqueId, json.createObjectNode());
            case "Heartbeat" -> {
                ObjectNode conf = json.createObjectNode();
                conf.put("currentTime", now());
                yield result(uniqueId, conf);
            }
            default -> error(uniqueId, "NotImplemented", "action " + action + " is not implemented");
        };
    }

    private static Optional<String> requireText(JsonNode payload, String... fields) {
        for (String f : fields) {
            JsonNode v = payload.get(f);
            if (v == null || !v.isTextual()) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    private String now() {
        return DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    /** {@code [3, id, payload]}. */
    public String result(String id, JsonNode payload) {
        ArrayNode a = json.createArrayNode();
        a.add(CALLRESULT).add(id).add(payload);
        return a.toString();
    }

    /** {@code [4, id, code, description, {}]}. */
    public String error(String id, String code, String description) {
        ArrayNode a = json.createArrayNode();
        a.add(CALLERROR).add(id).add(code).add(description).add(json.createObjectNode());
        return a.toString();
    }

    /** {@code [2, id, action, payload]}. */
    public String call(String id, String action, JsonNode payload) {
        ArrayNode a = json.createArrayNode();
        a.add(CALL).add(id).add(action).add(payload);
        return a.toString();
    }
}
