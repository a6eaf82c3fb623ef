package org.octt.ocpp.cp;

import org.octt.core.spi.HumanDuration;
import org.octt.ocpp.j.CallAnswer;
import org.octt.ocpp.j.IncomingCall;
import org.octt.ocpp.schema.SchemaViolation;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * How waiting for a CALL from the Central System ended ({@link ChargePointSession#expectCall}).
 * Every outcome is data with a message; none is an exception.
 */
public sealed interface ExpectedCall {

    /** The action waited for. */
    String action();

    /** A sentence saying what happened. */
    String message();

    /**
     * The CALL came and was answered.
     *
     * @param call       the CALL as received
     * @param answer     the answer octt gave (the test case's for this call, or the responder's)
     * @param violations how the payload breaks the OCPP 1.6 request schema of the action; empty when valid
     */
    record Received(IncomingCall call, CallAnswer answer, List<SchemaViolation> violations) implements ExpectedCall {
        public Received {
            Objects.requireNonNull(call, "call");
            Objects.requireNonNull(answer, "answer");
            violations = List.copyOf(violations);
        }

        @Override
        public String action() {
            return call.action();
        }

        @Override
        public String message() {
            return call.action() + ".req received: " + call.payload()
                    + (violations.isEmpty() ? "" : "; it breaks the OCPP 1.6 schema of " + call.action() + ".req: "
                    + violations.stream().map(SchemaViolation::toString).collect(Collectors.joining("; ")));
        }
    }

    /** No such CALL within the timeout. */
    record TimedOut(String action, Duration timeout) implements ExpectedCall {
        public TimedOut {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(timeout, "timeout");
        }

        @Override
        public String message() {
            return "the Central System sent no " + action + ".req within " + HumanDuration.format(timeout);
        }
    }

    /** The WebSocket closed before such a CALL came. */
    record Closed(String action, int code, String reason) implements ExpectedCall {
        public Closed {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String message() {
            return "the WebSocket closed (" + code + " " + reason + ") before the Central System sent " + action + ".req";
        }
    }
}
