package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** OCPP 1.6 {@code GetConfiguration.conf}: the payload of the response, schema {@code GetConfigurationResponse.json}. */
public record GetConfigurationResponse(Optional<List<KeyValue>> configurationKey, Optional<List<String>> unknownKey) implements Ocpp16Message {

    public GetConfigurationResponse {
        Objects.requireNonNull(configurationKey, "configurationKey");
        configurationKey = configurationKey.map(List::copyOf);
        Objects.requireNonNull(unknownKey, "unknownKey");
        unknownKey = unknownKey.map(List::copyOf);
    }

    @Override
    public String action() {
        return "GetConfiguration";
    }

    @Override
    public Kind kind() {
        return Kind.RESPONSE;
    }

    @Override
    public ObjectNode toJson() {
        return new JsonOut()
                .objects("configurationKey", configurationKey, KeyValue::toJson)
                .texts("unknownKey", unknownKey)
                .node();
    }

    /** Reads the payload; see {@link Ocpp16Message} for what is checked. */
    public static GetConfigurationResponse fromJson(JsonNode json) {
        return read(Fields.of(json, "GetConfiguration.conf"));
    }

    static GetConfigurationResponse read(Fields in) {
        return new GetConfigurationResponse(in.optObjects("configurationKey", KeyValue::read),
                in.optTexts("unknownKey"));
    }
}
