package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/** OCPP 1.6 {@code ExtendedTriggerMessage.conf}: the payload of the response, schema {@code ExtendedTriggerMessageResponse.json}. */
public record ExtendedTriggerMessageResponse(TriggerMessageStatus status) implements Ocpp16Message {

    public ExtendedTriggerMessageResponse {
        Objects.requireNonNull(status, "status");
    }

    @Override
    public String action() {
        return "ExtendedTriggerMessage";
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
    public static ExtendedTriggerMessageResponse fromJson(JsonNode json) {
        return read(Fields.of(json, "ExtendedTriggerMessage.conf"));
    }

    static ExtendedTriggerMessageResponse read(Fields in) {
        return new ExtendedTriggerMessageResponse(in.enumValue("status", TriggerMessageStatus.class));
    }
}
