package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/** OCPP 1.6 {@code ChangeConfiguration.req}: the payload of the request, schema {@code ChangeConfiguration.json}. */
public record ChangeConfigurationRequest(String key, String value) implements Ocpp16Message {

    public ChangeConfigurationRequest {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String action() {
        return "ChangeConfiguration";
    }

    @Override
    public Kind kind() {
        return Kind.REQUEST;
    }

    @Override
    public ObjectNode toJson() {
        return new JsonOut()
                .text("key", key)
                .text("value", value)
                .node();
    }

    /** Reads the payload; see {@link Ocpp16Message} for what is checked. */
    public static ChangeConfigurationRequest fromJson(JsonNode json) {
        return read(Fields.of(json, "ChangeConfiguration.req"));
    }

    static ChangeConfigurationRequest read(Fields in) {
        return new ChangeConfigurationRequest(in.text("key"),
                in.text("value"));
    }
}
