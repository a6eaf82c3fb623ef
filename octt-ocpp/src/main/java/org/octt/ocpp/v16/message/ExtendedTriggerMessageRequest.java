package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;
import java.util.OptionalInt;

/** OCPP 1.6 {@code ExtendedTriggerMessage.req}: the payload of the request, schema {@code ExtendedTriggerMessage.json}. */
public record ExtendedTriggerMessageRequest(ExtendedMessageTrigger requestedMessage, OptionalInt connectorId) implements Ocpp16Message {

    public ExtendedTriggerMessageRequest {
        Objects.requireNonNull(requestedMessage, "requestedMessage");
        Objects.requireNonNull(connectorId, "connectorId");
    }

    /** With the required fields only. */
    public ExtendedTriggerMessageRequest(ExtendedMessageTrigger requestedMessage) {
        this(requestedMessage, OptionalInt.empty());
    }

    @Override
    public String action() {
        return "ExtendedTriggerMessage";
    }

    @Override
    public Kind kind() {
        return Kind.REQUEST;
    }

    @Override
    public ObjectNode toJson() {
        return new JsonOut()
                .enumValue("requestedMessage", requestedMessage)
                .integer("connectorId", connectorId)
                .node();
    }

    /** Reads the payload; see {@link Ocpp16Message} for what is checked. */
    public static ExtendedTriggerMessageRequest fromJson(JsonNode json) {
        return read(Fields.of(json, "ExtendedTriggerMessage.req"));
    }

    static ExtendedTriggerMessageRequest read(Fields in) {
        return new ExtendedTriggerMessageRequest(in.enumValue("requestedMessage", ExtendedMessageTrigger.class),
                in.optInteger("connectorId"));
    }
}
