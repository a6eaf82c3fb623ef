package org.octt.ocpp.j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * How the Charge Point answers a CALL from the Central System: a CALLRESULT with a payload, or a
 * CALLERROR with an OCPP-J error code (OCPP-J 1.6 section 4.2.3). Immutable.
 */
public sealed interface CallAnswer {

    /** CALLRESULT {@code [3, id, payload]}; the payload is a JSON object (copied). */
    record Result(ObjectNode payload) implements CallAnswer {
        public Result {
            payload = Objects.requireNonNull(payload, "payload").deepCopy();
        }

        @Override
        public ObjectNode payload() {
            return payload.deepCopy();
        }
    }

    /**
     * CALLERROR {@code [4, id, code, description, details]}.
     *
     * @param code        an OCPP-J error code, e.g. {@code NotImplemented}, {@code NotSupported},
     *                    {@code FormationViolation}, {@code ProtocolError}
     * @param description a short text for the Central System's operator
     * @param details     a JSON object (copied), usually empty
     */
    record Error(String code, String description, ObjectNode details) implements CallAnswer {
        public Error {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(description, "description");
            details = Objects.requireNonNull(details, "details").deepCopy();
            if (code.isBlank()) {
                throw new IllegalArgumentException("a CALLERROR needs an error code, was blank");
            }
        }

        @Override
        public ObjectNode details() {
            return details.deepCopy();
        }
    }

    /** A CALLRESULT with this payload. */
    static CallAnswer result(ObjectNode payload) {
        return new Result(payload);
    }

    /** A CALLRESULT {@code {"status": status}}, the answer of most OCPP 1.6 requests. */
    static CallAnswer status(String status) {
        return new Result(JsonNodeFactory.instance.objectNode().put("status", status));
    }

    /** A CALLERROR with this code and description and empty details. */
    static CallAnswer error(String code, String description) {
        return new Error(code, description, JsonNodeFactory.instance.objectNode());
    }

    /** The frame that answers the CALL with unique id {@code uniqueId}, as a JSON array. */
    default JsonNode frame(String uniqueId) {
        var a = JsonNodeFactory.instance.arrayNode();
        if (this instanceof Result r) {
            a.add(OcppJFrame.CALLRESULT).add(uniqueId).add(r.payload);
        } else {
            Error e = (Error) this;
            a.add(OcppJFrame.CALLERROR).add(uniqueId).add(e.code).add(e.description).add(e.details);
        }
        return a;
    }
}
