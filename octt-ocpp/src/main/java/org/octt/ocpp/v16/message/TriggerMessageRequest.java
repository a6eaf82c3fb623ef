package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;
import java.util.OptionalInt;

/** OCPP 1.6 {@code TriggerMessage.req}: the payload of the request, schema {@code TriggerMessage.json}. */
public record TriggerMessageRequest(MessageTrigger requestedMessage, OptionalInt connectorId) implements Ocpp16Message {

    public TriggerMessageRequest {
        Objects.requireNonNull(requestedMessage, "requestedMessage");
        Objects.requireNonNull(connectorId, "connectorId");
    }

    /** With the required fields only. */
    public TriggerMessageRequest(MessageTrigger requestedMessage) {
        this(requestedMessage, OptionalInt.empty());
    }

    @Override
    public String action() {
        return "TriggerMessage";
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
    public static TriggerMessageRequest fromJson(JsonNode json) {
        return read(Fields.of(json, "TriggerMessage.req"));
    }

    static TriggerMessageRequest read(Fields in) {
        return new TriggerMessageRequest(in.enumValue("requestedMessage", MessageTrigger.class),
                in.optInteger("connectorId"));
    }
}
