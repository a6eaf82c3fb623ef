package org.octt.testkit.actions;

import com.fasterxml.jackson.databind.JsonNode;
import org.octt.testkit.ChargePointAnswer;

/** What the built-in actions share: reading the Charge Point's answers. */
final class Actions {

    private Actions() {
    }

    /** The {@code status} of a CALLRESULT; "" for a CALLERROR or a payload without one. */
    static String status(ChargePointAnswer answer) {
        JsonNode status = answer.isError() ? null : answer.payload().get("status");
        return status != null && status.isTextual() ? status.textValue() : "";
    }

    /** The answer in a few words: its status, or the CALLERROR's code. */
    static String describe(ChargePointAnswer answer) {
        if (answer.isError()) {
            return "CALLERROR " + answer.errorCode().orElse("") + " " + answer.errorDescription().orElse("");
        }
        String status = status(answer);
        return status.isEmpty() ? "answer " + answer.payload() : status;
    }
}
