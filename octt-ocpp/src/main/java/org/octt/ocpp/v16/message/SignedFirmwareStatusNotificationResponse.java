package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** OCPP 1.6 {@code SignedFirmwareStatusNotification.conf}: the payload of the response, schema {@code SignedFirmwareStatusNotificationResponse.json}. */
public record SignedFirmwareStatusNotificationResponse() implements Ocpp16Message {

    @Override
    public String action() {
        return "SignedFirmwareStatusNotification";
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
    public static SignedFirmwareStatusNotificationResponse fromJson(JsonNode json) {
        return read(Fields.of(json, "SignedFirmwareStatusNotification.conf"));
    }

    static SignedFirmwareStatusNotificationResponse read(Fields in) {
        return new SignedFirmwareStatusNotificationResponse();
    }
}
