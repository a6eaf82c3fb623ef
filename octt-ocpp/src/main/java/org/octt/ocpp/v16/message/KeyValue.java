package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;
import java.util.Optional;

/** The {@code configurationKey} object of {@code GetConfigurationResponse.json}. */
public record KeyValue(String key, boolean readonly, Optional<String> value) {

    public KeyValue {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    /** With the required fields only. */
    public KeyValue(String key, boolean readonly) {
        this(key, readonly, Optional.empty());
    }

    public ObjectNode toJson() {
        return new JsonOut()
                .text("key", key)
                .bool("readonly", readonly)
                .text("value", value)
                .node();
    }

    /** Reads the object; see {@link Ocpp16Message} for what is checked. */
    public static KeyValue fromJson(JsonNode json) {
        return read(Fields.of(json, "KeyValue"));
    }

    static KeyValue read(Fields in) {
        return new KeyValue(in.text("key"),
                in.bool("readonly"),
                in.optText("value"));
    }
}
