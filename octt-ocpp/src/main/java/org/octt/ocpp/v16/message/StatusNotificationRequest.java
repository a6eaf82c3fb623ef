package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

/** OCPP 1.6 {@code StatusNotification.req}: the payload of the request, schema {@code StatusNotification.json}. */
public record StatusNotificationRequest(int connectorId, ChargePointErrorCode errorCode, ChargePointStatus status, Optional<String> info, Optional<OffsetDateTime> timestamp, Optional<String> vendorId, Optional<String> vendorErrorCode) implements Ocpp16Message {

    public StatusNotificationRequest {
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(vendorId, "vendorId");
        Objects.requireNonNull(vendorErrorCode, "vendorErrorCode");
    }

    /** With the required fields only. */
    public StatusNotificationRequest(int connectorId, ChargePointErrorCode errorCode, ChargePointStatus status) {
        this(connectorId, errorCode, status, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Override
    public String action() {
        return "StatusNotification";
    }

    @Override
    public Kind kind() {
        return Kind.REQUEST;
    }

    @Override
    public ObjectNode toJson() {
        return new JsonOut()
                .integer("connectorId", connectorId)
                .enumValue("errorCode", errorCode)
                .enumValue("status", status)
                .text("info", info)
                .dateTime("timestamp", timestamp)
                .text("vendorId", vendorId)
                .text("vendorErrorCode", vendorErrorCode)
                .node();
    }

    /** Reads the payload; see {@link Ocpp16Message} for what is checked. */
    public static StatusNotificationRequest fromJson(JsonNode json) {
        return read(Fields.of(json, "StatusNotification.req"));
    }

    static StatusNotificationRequest read(Fields in) {
        return new StatusNotificationRequest(in.integer("connectorId"),
                in.enumValue("errorCode", ChargePointErrorCode.class),
                in.enumValue("status", ChargePointStatus.class),
                in.optText("info"),
                in.optDateTime("timestamp"),
                in.optText("vendorId"),
                in.optText("vendorErrorCode"));
    }
}
