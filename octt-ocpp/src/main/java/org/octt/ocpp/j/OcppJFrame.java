package org.octt.ocpp.j;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Objects;
import java.util.Optional;

/** A parsed OCPP-J message (RPC framework of OCPP-J 1.6, section 4). */
sealed interface OcppJFrame {

    int CALL = 2;
    int CALLRESULT = 3;
    int CALLERROR = 4;

    record Call(String uniqueId, String action, JsonNode payload) implements OcppJFrame {
    }

    record CallResult(String uniqueId, JsonNode payload) implements OcppJFrame {
    }

    record CallError(String uniqueId, String code, String description, JsonNode details) implements OcppJFrame {
    }

    /**
     * Not a valid OCPP-J message; {@code uniqueId} is empty when none could be read. {@code call} is
     * true when the message type was CALL (2) and the unique id could be read: the receiver must
     * then answer it with a CALLERROR.
     */
    record Bad(Optional<String> uniqueId, String reason, boolean call) implements OcppJFrame {
        public Bad {
            Objects.requireNonNull(uniqueId, "uniqueId");
            Objects.requireNonNull(reason, "reason");
            if (call && uniqueId.isEmpty()) {
                throw new IllegalArgumentException("a malformed CALL to answer needs its unique id");
            }
        }

        Bad(Optional<String> uniqueId, String reason) {
            this(uniqueId, reason, false);
        }
    }

    /** A malformed CALL whose unique id could be read. */
    private static Bad badCall(Optional<String> id, String reason) {
        return new Bad(id, reason, true);
    }

    /** Parses one text message; never throws for bad input. */
    static OcppJFrame parse(ObjectMapper mapper, String text) {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return new Bad(Optional.empty(), "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray()) {
            return new Bad(Optional.empty(), "not a JSON array: an OCPP-J message is [type, id, ...]");
        }
        if (root.isEmpty() || !root.get(0).isInt()) {
            return new Bad(Optional.empty(), "the first element must be the message type 2, 3 or 4, was: "
                    + (root.isEmpty() ? "nothing" : root.get(0)));
        }
        int type = root.get(0).intValue();
        if (root.size() < 2 || !root.get(1).isTextual()) {
            return new Bad(Optional.empty(), "the second element must be the unique id as a string, was: "
                    + (root.size() < 2 ? "nothing" : root.get(1)));
        }
        String id = root.get(1).textValue();
        Optional<String> known = Optional.of(id);
        switch (type) {
            case CALL -> {
                if (root.size() != 4) {
                    return badCall(known, "a CALL has 4 elements [2, id, action, payload], this has " + root.size());
                }
                if (!root.get(2).isTextual()) {
                    return badCall(known, "the action of a CALL must be a string, was: " + root.get(2));
                }
                if (!root.get(3).isObject()) {
                    return badCall(known, "the payload of a CALL must be a JSON object, was: " + root.get(3));
                }
                return new Call(id, root.get(2).textValue(), root.get(3));
            }
            case CALLRESULT -> {
                if (root.size() != 3) {
                    return new Bad(known, "a CALLRESULT has 3 elements [3, id, payload], this has " + root.size());
                }
                if (!root.get(2).isObject()) {
                    return new Bad(known, "the payload of a CALLRESULT must be a JSON object, was: " + root.get(2));
                }
                return new CallResult(id, root.get(2));
            }
            case CALLERROR -> {
                if (root.size() != 5) {
                    return new Bad(known, "a CALLERROR has 5 elements [4, id, code, description, details], this has "
                            + root.size());
                }
                if (!root.get(2).isTextual() || !root.get(3).isTextual()) {
                    return new Bad(known, "the error code and description of a CALLERROR must be strings, were: "
                            + root.get(2) + ", " + root.get(3));
                }
                if (!root.get(4).isObject()) {
                    return new Bad(known, "the details of a CALLERROR must be a JSON object, was: " + root.get(4));
                }
                return new CallError(id, root.get(2).textValue(), root.get(3).textValue(), root.get(4));
            }
            default -> {
                return new Bad(known, "unknown message type " + type + " (expected 2, 3 or 4)");
            }
        }
    }
}
