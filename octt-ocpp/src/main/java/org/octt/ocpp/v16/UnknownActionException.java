package org.octt.ocpp.v16;

import org.octt.ocpp.schema.SafeText;

import java.util.Objects;

/** An action that OCPP 1.6 (with its Security Whitepaper, edition 2) does not define. */
public final class UnknownActionException extends IllegalArgumentException {

    private final String action;

    public UnknownActionException(String action) {
        super("unknown OCPP 1.6 action " + SafeText.quote(Objects.requireNonNull(action, "action"))
                + " (not one of the " + Ocpp16Schemas.ACTIONS.size() + " actions of OCPP 1.6 and its Security Whitepaper)");
        this.action = action;
    }

    /** The action as given (unsanitised; the message holds a safe rendering). */
    public String action() {
        return action;
    }
}
