package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** OCPP 1.6 {@code LogStatusNotification.conf}: the payload of the response, schema {@code LogStatusNotificationResponse.json}. */
public record LogStatusNotificationResponse() implements Ocpp16Message {

    @Override
    public String action() {
        return "LogStatusNotification";
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
    public static LogStatusNotificationResponse fromJson(JsonNode json) {
        return read(Fields.of(json, "LogStatusNotification.conf"));
    }

    static LogStatusNotificationResponse read(Fields in) {
        return new LogStatusNotificationResponse();
    }
}
