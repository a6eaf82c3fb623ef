package org.octt.tls.ocppj;

import com.fasterxml.jackson.databind.JsonNode;
import org.octt.tls.internal.HumanDuration;

import java.time.Duration;
import java.util.Objects;

/** How one OCPP-J CALL ended. Every outcome is data with a message; none is an exception. */
public sealed interface CallOutcome {

    /** The unique id of the CALL. */
    String uniqueId();

    /** A sentence saying what happened, with the values seen. */
    String message();

    /**
     * The server answered with a CALLRESULT {@code [3, id, payload]}.
     *
     * @param payload the payload object (a copy)
     * @param elapsed time from sending the CALL to receiving the answer
     */
    record Result(String uniqueId, String action, JsonNode payload, Duration elapsed) implements CallOutcome {
        public Result {
            Objects.requireNonNull(uniqueId, "uniqueId");
            Objects.requireNonNull(action, "action");
            payload = payload.deepCopy();
            Objects.requireNonNull(elapsed, "elapsed");
        }

        @Override
        public String message() {
            return action + " answered with CALLRESULT " + payload + " in " + elapsed.toMillis() + " ms";
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
