package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/** OCPP 1.6 {@code ChangeConfiguration.conf}: the payload of the response, schema {@code ChangeConfigurationResponse.json}. */
public record ChangeConfigurationResponse(ConfigurationStatus status) implements Ocpp16Message {

    public ChangeConfigurationResponse {
        Objects.requireNonNull(status, "status");
    }

    @Override
    public String action() {
        return "ChangeConfiguration";
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
    public static ChangeConfigurationResponse fromJson(JsonNode json) {
        return read(Fields.of(json, "ChangeConfiguration.conf"));
    }

    static ChangeConfigurationResponse read(Fields in) {
        return new ChangeConfigurationResponse(in.enumValue("status", ConfigurationStatus.class));
    }
}
