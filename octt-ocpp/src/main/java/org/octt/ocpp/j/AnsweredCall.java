package org.octt.ocpp.j;

import java.util.Objects;
import java.util.Optional;

/**
 * One CALL the Central System sent and the answer the Charge Point gave: evidence that the Charge
 * Point answered (OCPP-J requires it) and with what.
 *
 * @param received the CALL as received (abbreviated past {@value #MAX_TEXT} characters)
 * @param call     the CALL as parsed; empty when it was malformed (then the answer is a CALLERROR)
 * @param answer   the answer given
 * @param answered the answer's frame as sent
 */
public record AnsweredCall(String received, Optional<IncomingCall> call, CallAnswer answer, String answered) {

    /** Longest text kept of a received CALL. */
    public static final int MAX_TEXT = 1000;

    public AnsweredCall {
        Objects.requireNonNull(received, "received");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(answered, "answered");
        if (received.length() > MAX_TEXT) {
            received = received.substring(0, MAX_TEXT) + "... (" + received.length() + " characters)";
        }
    }

    /** The action of the CALL, or {@code ?} when it could not be read. */
    public String action() {
        return call.map(IncomingCall::action).orElse("?");
    }

    /** E.g. {@code GetConfiguration answered with CALLRESULT {"configurationKey":[]}}. */
    public String summary() {
        String how = answer instanceof CallAnswer.Result r ? "CALLRESULT " + r.payload()
                : "CALLERROR " + ((CallAnswer.Error) answer).code();
        return call.map(c -> c.action() + " answered with ").orElse("malformed CALL answered with ") + how;
    }
}
