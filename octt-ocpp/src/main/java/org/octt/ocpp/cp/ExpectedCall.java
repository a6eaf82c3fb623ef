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

    /**
     * An operator action was asked for ({@link ChargePointSession#expectCall(org.octt.core.spi.TestContext,
     * org.octt.core.spi.OperatorAction, org.octt.ocpp.j.CallResponder)}) and no such CALL came within its
     * timeout: nobody made the Central System send it (or it did not).
     *
     * @param action   the OCPP action waited for
     * @param actionId the operator action's id, e.g. {@code TC_073_CSMS.change-authorization-key}
     * @param timeout  how long octt waited
     */
    record NotActed(String action, String actionId, Duration timeout) implements ExpectedCall {
        public NotActed {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(actionId, "actionId");
            Objects.requireNonNull(timeout, "timeout");
        }

        @Override
        public String message() {
            return "no " + action + ".req within " + HumanDuration.format(timeout)
                    + "; nobody made the Central System send it (action " + actionId + ")";
        }
    }

    /**
     * The action handler (e.g. {@code --action-hook}) reported that it could not trigger the action,
     * and the CALL had not come.
     *
     * @param action   the OCPP action waited for
     * @param actionId the operator action's id
     * @param reason   how triggering failed (e.g. the hook's exit code and output)
     */
    record NotTriggered(String action, String actionId, String reason) implements ExpectedCall {
        public NotTriggered {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(actionId, "actionId");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String message() {
            return "no " + action + ".req: the action " + actionId + " could not be triggered: " + reason;
        }
    }
}
