package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

/** OCPP 1.6 {@code SecurityEventNotification.req}: the payload of the request, schema {@code SecurityEventNotification.json}. */
public record SecurityEventNotificationRequest(String type, OffsetDateTime timestamp, Optional<String> techInfo) implements Ocpp16Message {

    public SecurityEventNotificationRequest {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(techInfo, "techInfo");
    }

    /** With the required fields only. */
    public SecurityEventNotificationRequest(String type, OffsetDateTime timestamp) {
        this(type, timestamp, Optional.empty());
    }

    @Override
    public String action() {
        return "SecurityEventNotification";
    }

    @Override
    public Kind kind() {
        return Kind.REQUEST;
    }

    @Override
    public ObjectNode toJson() {
        return new JsonOut()
                .text("type", type)
                .dateTime("timestamp", timestamp)
                .text("techInfo", techInfo)
                .node();
    }

    /** Reads the payload; see {@link Ocpp16Message} for what is checked. */
    public static SecurityEventNotificationRequest fromJson(JsonNode json) {
        return read(Fields.of(json, "SecurityEventNotification.req"));
    }

    static SecurityEventNotificationRequest read(Fields in) {
        return new SecurityEventNotificationRequest(in.text("type"),
                in.dateTime("timestamp"),
                in.optText("techInfo"));
    }
}
