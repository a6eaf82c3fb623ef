package org.octt.testkit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.octt.testkit.Fault;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * OCPP-J 1.6 message handling of the reference Central System: answers BootNotification,
 * StatusNotification and Heartbeat CALLs, NotImplemented for other actions, FormationViolation or
 * ProtocolError for malformed messages, and misbehaves as its faults ask. Stateless apart from the
 * traffic counters; thread-safe. A {@link Session} keeps the state of one WebSocket.
 */
public final class OcppMessageHandler {

    /** The heartbeat interval the Central System hands out, in seconds. */
    public static final int INTERVAL_SECONDS = 300;

    private static final int CALL = 2;
    private static final int CALLRESULT = 3;
    private static final int CALLERROR = 4;

    private final ObjectMapper json;
    private final Set<Fault> faults;
    private final TrafficRecorder traffic;
    private final Clock clock;

    public OcppMessageHandler(ObjectMapper json, Set<Fault> faults, TrafficRecorder traffic, Clock clock) {
        this.json = json;
        this.faults = Set.copyOf(faults);
        this.traffic = traffic;
        this.clock = clock;
    }

    /** The unique id of the CALL the Central System sends under {@link Fault#SENDS_CALL_FIRST}. */
    public static final String CENTRAL_SYSTEM_CALL_ID = "octt-cs-1";

    /** A fresh conversation for one WebSocket. */
    public Session session() {
        return new Session();
    }

    /**
     * One WebSocket's conversation: {@link #handle(String)} for each frame, except that under
     * {@link Fault#SENDS_CALL_FIRST} the first BootNotification is answered with the Central System's
     * own CALL (GetConfiguration) and its answer held back until the Charge Point has answered that
     * CALL. Called for one frame at a time (the frames of a WebSocket come in order).
     */
    public final class Session {
        private boolean callSent;
        private Optional<String> heldBootAnswer = Optional.empty();

        private Session() {
        }

        /** The frames to send back, in order; possibly none. */
        public List<String> handle(String text) {
            if (!faults.contains(Fault.SENDS_CALL_FIRST)) {
                return OcppMessageHandler.this.handle(text).stream().toList();
            }
            JsonNode message = parse(text);
            if (callSent && message != null && message.isArray() && message.size() > 1
                    && (message.get(0).asInt() == CALLRESULT || message.get(0).asInt() == CALLERROR)
                    && CENTRAL_SYSTEM_CALL_ID.equals(message.get(1).asText())) {
                traffic.answerToCentralSystemCall(text);
                List<String> held = heldBootAnswer.stream().toList();
                heldBootAnswer = Optional.empty();
                return held;
            }
            Optional<String> answer = OcppMessageHandler.this.handle(text);
            if (!callSent && message != null && message.isArray() && message.size() == 4
                    && message.get(0).asInt() == CALL && "BootNotification".equals(message.get(2).asText())) {
                callSent = true;
                heldBootAnswer = answer;
                ArrayNode call = json.createArrayNode();
                call.add(CALL).add(CENTRAL_SYSTEM_CALL_ID).add("GetConfiguration").add(json.createObjectNode());
                return List.of(call.toString());
            }
            return answer.stream().toList();
        }
    }

    private JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /**
     * Handles one text frame.
     *
     * @return the frame to send back, empty when nothing is to be sent (a CALLRESULT/CALLERROR
     *         from the Charge Point, or the {@link Fault#NO_ANSWER} fault)
     */
    public Optional<String> handle(String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (JsonProcessingException e) {
            return Optional.of(error("-1", "FormationViolation", "message is not JSON"));
        }
        if (message == null || !message.isArray() || message.size() < 3 || !message.get(0).isInt()) {
            return Optional.of(error(idOf(message), "FormationViolation",
                    "message is not an OCPP-J array [MessageTypeId, UniqueId, ...]"));
        }
        int type = message.get(0).intValue();
        if (type == CALLRESULT || type == CALLERROR) {
            return Optional.empty();
        }
        String id = idOf(message);
        if (type != CALL || message.size() != 4 || !message.get(1).isTextual() || !message.get(2).isTextual()) {
            return Optional.of(error(id, "FormationViolation",
                    "expected a CALL [2, \"<UniqueId>\", \"<Action>\", {<payload>}]"));
        }
        JsonNode payload = message.get(3);
        if (!payload.isObject()) {
            return Optional.of(error(id, "FormationViolation", "payload is not a JSON object"));
        }
        String action = message.get(2).textValue();
        Optional<String> answer = switch (action) {
            case "BootNotification" -> bootNotification(id, payload);
            case "StatusNotification" -> statusNotification(id, payload);
            case "Heartbeat" -> heartbeat(id);
            default -> Optional.of(error(id, "NotImplemented", "action " + action + " is not implemented"));
        };
        return faults.contains(Fault.NO_ANSWER) ? Optional.empty() : answer;
    }

    private Optional<String> bootNotification(String id, JsonNode payload) {
        Optional<String> missing = requireText(payload, "chargePointVendor", "chargePointModel");
        if (missing.isPresent()) {
            return Optional.of(error(id, "ProtocolError", "BootNotification.req lacks " + missing.get()));
        }
        traffic.bootNotification();
        ObjectNode conf = json.createObjectNode();
        if (faults.contains(Fault.BOOT_INVALID)) {
            conf.put("interval", INTERVAL_SECONDS + "s");
            conf.put("status", "Accepted");
        } else {
            conf.put("currentTime", now());
            conf.put("interval", INTERVAL_SECONDS);
            conf.put("status", faults.contains(Fault.BOOT_REJECTED) ? "Rejected" : "Accepted");
        }
        return Optional.of(result(id, conf));
    }

    private Optional<String> statusNotification(String id, JsonNode payload) {
        Optional<String> missing = requireText(payload, "errorCode", "status");
        JsonNode connectorId = payload.get("connectorId");
        if (connectorId == null) {
            return Optional.of(error(id, "ProtocolError", "StatusNotification.req lacks connectorId"));
        }
        if (missing.isPresent()) {
            return Optional.of(error(id, "ProtocolError", "StatusNotification.req lacks " + missing.get()));
        }
        if (!connectorId.isInt() || connectorId.intValue() < 0) {
            return Optional.of(error(id, "TypeConstraintViolation",
                    "StatusNotification.req connectorId must be a non-negative integer, was: " + connectorId));
        }
        traffic.statusNotification(connectorId.intValue());
        if (faults.contains(Fault.STATUS_NOTIFICATION_ERROR)) {
            return Optional.of(error(id, "InternalError", "StatusNotification could not be processed"));
        }
        return Optional.of(result(id, json.createObjectNode()));
    }

    private Optional<String> heartbeat(String id) {
        traffic.heartbeat();
        ObjectNode conf = json.createObjectNode();
        conf.put("currentTime", now());
        return Optional.of(result(id, conf));
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

    private static String idOf(JsonNode message) {
        if (message != null && message.isArray() && message.size() > 1 && message.get(1).isTextual()) {
            return message.get(1).textValue();
        }
        return "-1";
    }

    private String result(String id, ObjectNode payload) {
        ArrayNode a = json.createArrayNode();
        a.add(CALLRESULT).add(id).add(payload);
        return a.toString();
    }

    private String error(String id, String code, String description) {
        ArrayNode a = json.createArrayNode();
        a.add(CALLERROR).add(id).add(code).add(description).add(json.createObjectNode());
        return a.toString();
    }
}
