package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;
import java.util.OptionalInt;

/** OCPP 1.6 {@code LogStatusNotification.req}: the payload of the request, schema {@code LogStatusNotification.json}. */
public record LogStatusNotificationRequest(UploadLogStatus status, OptionalInt requestId) implements Ocpp16Message {

    public LogStatusNotificationRequest {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(requestId, "requestId");
    }

    /** With the required fields only. */
    public LogStatusNotificationRequest(UploadLogStatus status) {
        this(status, OptionalInt.empty());
    }

    @Override
    public String action() {
        return "LogStatusNotification";
    }

    @Override
    public Kind kind() {
        return Kind.REQUEST;
    }

    @Override
    public ObjectNode toJson() {
        return new JsonOut()
                .enumValue("status", status)
                .integer("requestId", requestId)
                .node();
    }

    /** Reads the payload; see {@link Ocpp16Message} for what is checked. */
    public static LogStatusNotificationRequest fromJson(JsonNode json) {
        return read(Fields.of(json, "LogStatusNotification.req"));
    }

    static LogStatusNotificationRequest read(Fields in) {
        return new LogStatusNotificationRequest(in.enumValue("status", UploadLogStatus.class),
                in.optInteger("requestId"));
    }
}
