package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** OCPP 1.6 {@code SecurityEventNotification.conf}: the payload of the response, schema {@code SecurityEventNotificationResponse.json}. */
public record SecurityEventNotificationResponse() implements Ocpp16Message {

    @Override
    public String action() {
        return "SecurityEventNotification";
    }

    @Override
    public Kind kind() {
        return Kind.RESPONSE;
    }

    @Override
    public ObjectNode toJson() {
        return new JsonOut().node();
    }

    /** Reads the payload; see {@link Ocpp16Message} for what is checked. */
    public static SecurityEventNotificationResponse fromJson(JsonNode json) {
        return read(Fields.of(json, "SecurityEventNotification.conf"));
    }

    static SecurityEventNotificationResponse read(Fields in) {
        return new SecurityEventNotificationResponse();
    }
}
