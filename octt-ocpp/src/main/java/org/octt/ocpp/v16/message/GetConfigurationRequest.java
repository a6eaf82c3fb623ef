package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** OCPP 1.6 {@code GetConfiguration.req}: the payload of the request, schema {@code GetConfiguration.json}. */
public record GetConfigurationRequest(Optional<List<String>> key) implements Ocpp16Message {

    public GetConfigurationRequest {
        Objects.requireNonNull(key, "key");
        key = key.map(List::copyOf);
    }

    @Override
    public String action() {
        return "GetConfiguration";
    }

    @Override
    public Kind kind() {
        return Kind.REQUEST;
    }

    @Override
    public ObjectNode toJson() {
        return new JsonOut()
                .texts("key", key)
                .node();
    }

    /** Reads the payload; see {@link Ocpp16Message} for what is checked. */
    public static GetConfigurationRequest fromJson(JsonNode json) {
        return read(Fields.of(json, "GetConfiguration.req"));
    }

    static GetConfigurationRequest read(Fields in) {
        return new GetConfigurationRequest(in.optTexts("key"));
    }
}
