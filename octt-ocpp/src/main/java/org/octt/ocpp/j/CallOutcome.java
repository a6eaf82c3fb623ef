package org.octt.ocpp.j;

import com.fasterxml.jackson.databind.JsonNode;
import org.octt.core.spi.HumanDuration;
import org.octt.ocpp.schema.SchemaViolation;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** How one OCPP-J CALL ended. Every outcome is data with a message; none is an exception. */
public sealed interface CallOutcome {

    /** The unique id of the CALL. */
    String uniqueId();

    /** A sentence saying what happened, with the values seen. */
    String message();

    /**
     * The server answered with a CALLRESULT {@code [3, id, payload]}.
     *
     * @param payload    the payload object (a copy)
     * @param elapsed    time from sending the CALL to receiving the answer
     * @param violations how the payload breaks the OCPP 1.6 response schema of {@code action}, empty
     *                   when it is valid or was not checked (a bare {@link OcppJSession} checks nothing;
     *                   a {@code ChargePointSession} checks every answer)
     */
    record Result(String uniqueId, String action, JsonNode payload, Duration elapsed, List<SchemaViolation> violations)
            implements CallOutcome {
        public Result {
            Objects.requireNonNull(uniqueId, "uniqueId");
            Objects.requireNonNull(action, "action");
            payload = payload.deepCopy();
            Objects.requireNonNull(elapsed, "elapsed");
            violations = List.copyOf(violations);
        }

        /** A result not (yet) checked against a schema. */
        public Result(String uniqueId, String action, JsonNode payload, Duration elapsed) {
            this(uniqueId, action, payload, elapsed, List.of());
        }

        /** A copy with these schema violations. */
        public Result withViolations(List<SchemaViolation> violations) {
            return new Result(uniqueId, action, payload, elapsed, violations);
        }

        /** True when the payload broke its schema. */
        public boolean invalid() {
            return !violations.isEmpty();
        }

        /**
         * The payload read as a typed message, e.g. {@code result.payloadAs(BootNotificationResponse::fromJson)};
         * throws what {@code fromJson} throws ({@code MessageFormatException}) for a payload it cannot read.
         */
        public <T> T payloadAs(Function<JsonNode, T> fromJson) {
            return fromJson.apply(payload.deepCopy());
        }

        @Override
        public String message() {
            return action + " answered with CALLRESULT " + payload + " in " + elapsed.toMillis() + " ms"
                    + (violations.isEmpty() ? "" : "; it breaks the OCPP 1.6 schema of " + action + ".conf: "
                    + violations.stream().map(SchemaViolation::toString).collect(Collectors.joining("; ")));
        }
    }

    /**
     * The server answered with a CALLERROR {@code [4, id, code, description, details]}.
     *
     * @param code        the error code as sent, e.g. {@code NotImplemented}
     * @param description the description as sent
     * @param details     the details object (a copy)
     */
    record Error(String uniqueId, String action, String code, String description, JsonNode details, Duration elapsed)
            implements CallOutcome {
        public Error {
            Objects.requireNonNull(uniqueId, "uniqueId");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(description, "description");
            details = details.deepCopy();
            Objects.requireNonNull(elapsed, "elapsed");
        }

        @Override
        public String message() {
            return action + " answered with CALLERROR " + code + " '" + description + "' " + details;
        }
    }

    /** No answer within the call's timeout. */
    record TimedOut(String uniqueId, String action, Duration timeout) implements CallOutcome {
        public TimedOut {
            Objects.requireNonNull(uniqueId, "uniqueId");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(timeout, "timeout");
        }

        @Override
        public String message() {
            return "no answer to " + action + " (unique id " + uniqueId + ") within " + HumanDuration.format(timeout);
        }
    }

    /**
     * The answer was not a valid OCPP-J frame. Attributed to this call when it carried this call's
     * unique id, or when it carried none and this was the only call waiting for an answer (OCPP-J
     * allows one outstanding CALL per side).
     *
     * @param raw    the message as received
     * @param reason what is wrong with it
     */
    record Malformed(String uniqueId, String action, String raw, String reason) implements CallOutcome {
        public Malformed {
            Objects.requireNonNull(uniqueId, "uniqueId");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(raw, "raw");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String message() {
            return "malformed answer to " + action + ": " + reason + "; received: " + abbreviate(raw);
        }
    }

    /** The WebSocket closed before the answer came. */
    record Closed(String uniqueId, String action, int code, String reason) implements CallOutcome {
        public Closed {
            Objects.requireNonNull(uniqueId, "uniqueId");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String message() {
            return "the WebSocket closed before " + action + " was answered: " + code + " " + reason;
        }
    }

    private static String abbreviate(String raw) {
        return raw.length() <= 200 ? raw : raw.substring(0, 200) + "... (" + raw.length() + " characters)";
    }
}
