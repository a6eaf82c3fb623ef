package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** OCPP 1.6 {@code StatusNotification.conf}: the payload of the response, schema {@code StatusNotificationResponse.json}. */
public record StatusNotificationResponse() implements Ocpp16Message {

    @Override
    public String action() {
        return "StatusNotification";
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
    public static StatusNotificationResponse fromJson(JsonNode json) {
        return read(Fields.of(json, "StatusNotification.conf"));
    }

    static StatusNotificationResponse read(Fields in) {
        return new StatusNotificationResponse();
    }
}
