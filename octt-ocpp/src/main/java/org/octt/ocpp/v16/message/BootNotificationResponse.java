package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.OffsetDateTime;
import java.util.Objects;

/** OCPP 1.6 {@code BootNotification.conf}: the payload of the response, schema {@code BootNotificationResponse.json}. */
public record BootNotificationResponse(RegistrationStatus status, OffsetDateTime currentTime, int interval) implements Ocpp16Message {

    public BootNotificationResponse {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(currentTime, "currentTime");
    }

    @Override
    public String action() {
        return "BootNotification";
    }

    @Override
    public Kind kind() {
        return Kind.RESPONSE;
    }

    @Override
    public ObjectNode toJson() {
        return new JsonOut()
                .enumValue("status", status)
                .dateTime("currentTime", currentTime)
                .integer("interval", interval)
                .node();
    }

    /** Reads the payload; see {@link Ocpp16Message} for what is checked. */
    public static BootNotificationResponse fromJson(JsonNode json) {
        return read(Fields.of(json, "BootNotification.conf"));
    }

    static BootNotificationResponse read(Fields in) {
        return new BootNotificationResponse(in.enumValue("status", RegistrationStatus.class),
                in.dateTime("currentTime"),
                in.integer("interval"));
    }
}
