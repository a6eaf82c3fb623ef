package org.octt.ocpp.j;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;

/**
 * A CALL {@code [2, id, action, payload]} the server sent to the Charge Point. {@link OcppJSession}
 * answers it at once with its {@link CallResponder}.
 */
public record IncomingCall(String uniqueId, String action, JsonNode payload) {
    public IncomingCall {
        Objects.requireNonNull(uniqueId, "uniqueId");
        Objects.requireNonNull(action, "action");
        payload = payload.deepCopy();
    }
}
