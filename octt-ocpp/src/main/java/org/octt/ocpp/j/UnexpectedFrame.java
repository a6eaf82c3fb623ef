package org.octt.ocpp.j;

import java.util.Objects;

/**
 * A message from the server that answers no waiting call: malformed and not attributable, or a
 * CALLRESULT/CALLERROR for an unknown or expired unique id.
 *
 * @param raw    the message as received
 * @param reason why it is unexpected
 */
public record UnexpectedFrame(String raw, String reason) {
    public UnexpectedFrame {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(reason, "reason");
    }
}
