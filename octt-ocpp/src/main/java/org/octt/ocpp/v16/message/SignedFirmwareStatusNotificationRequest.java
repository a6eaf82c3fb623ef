package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;
import java.util.OptionalInt;

/** OCPP 1.6 {@code SignedFirmwareStatusNotification.req}: the payload of the request, schema {@code SignedFirmwareStatusNotification.json}. */
public record SignedFirmwareStatusNotificationRequest(FirmwareStatus status, OptionalInt requestId) implements Ocpp16Message {

    public SignedFirmwareStatusNotificationRequest {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(requestId, "requestId");
    }

    /** With the required fields only. */
    public SignedFirmwareStatusNotificationRequest(FirmwareStatus status) {
        this(status, OptionalInt.empty());
    }

    @Override
    public String action() {
        return "SignedFirmwareStatusNotification";
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
    public static SignedFirmwareStatusNotificationRequest fromJson(JsonNode json) {
        return read(Fields.of(json, "SignedFirmwareStatusNotification.req"));
    }

    static SignedFirmwareStatusNotificationRequest read(Fields in) {
        return new SignedFirmwareStatusNotificationRequest(in.enumValue("status", FirmwareStatus.class),
                in.optInteger("requestId"));
    }
}
