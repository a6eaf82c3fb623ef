package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/** OCPP 1.6 {@code TriggerMessage.conf}: the payload of the response, schema {@code TriggerMessageResponse.json}. */
public record TriggerMessageResponse(TriggerMessageStatus status) implements Ocpp16Message {

    public TriggerMessageResponse {
        Objects.requireNonNull(status, "status");
    }

    @Override
    public String action() {
        return "TriggerMessage";
    }

    @Override
    public Kind kind() {
        return Kind.RESPONSE;
    }

    @Override
    public ObjectNode toJson() {
        return new JsonOut()
                .enumValue("status", status)
                .node();
    }

    /** Reads the payload; see {@link Ocpp16Message} for what is checked. */
    public static TriggerMessageResponse fromJson(JsonNode json) {
        return read(Fields.of(json, "TriggerMessage.conf"));
    }

    static TriggerMessageResponse read(Fields in) {
        return new TriggerMessageResponse(in.enumValue("status", TriggerMessageStatus.class));
    }
}
