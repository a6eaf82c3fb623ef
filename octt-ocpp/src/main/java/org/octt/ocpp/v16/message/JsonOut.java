package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/** Builds the JSON object of a payload for {@code toJson}; empty optional fields are left out. */
final class JsonOut {

    private final ObjectNode node = JsonNodeFactory.instance.objectNode();

    JsonOut text(String name, String value) {
        node.put(name, value);
        return this;
    }

    JsonOut text(String name, Optional<String> value) {
        value.ifPresent(v -> node.put(name, v));
        return this;
    }

    JsonOut integer(String name, int value) {
        node.put(name, value);
        return this;
    }

    JsonOut integer(String name, OptionalInt value) {
        value.ifPresent(v -> node.put(name, v));
        return this;
    }

    JsonOut bool(String name, boolean value) {
        node.put(name, value);
        return this;
    }

    /** ISO 8601 / RFC 3339 with seconds always written (unlike {@link OffsetDateTime#toString()}). */
    JsonOut dateTime(String name, OffsetDateTime value) {
        node.put(name, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
        return this;
    }

    JsonOut dateTime(String name, Optional<OffsetDateTime> value) {
        value.ifPresent(v -> dateTime(name, v));
        return this;
    }

    JsonOut enumValue(String name, Enum<?> value) {
        node.put(name, value.name());
        return this;
    }

    JsonOut enumValue(String name, Optional<? extends Enum<?>> value) {
        value.ifPresent(v -> node.put(name, v.name()));
        return this;
    }

    JsonOut object(String name, ObjectNode value) {
        node.set(name, value);
        return this;
    }

    <T> JsonOut object(String name, Optional<T> value, Function<T, ObjectNode> toJson) {
        value.ifPresent(v -> node.set(name, toJson.apply(v)));
        return this;
    }

    JsonOut texts(String name, List<String> values) {
        ArrayNode array = node.putArray(name);
        values.forEach(array::add);
        return this;
    }

    JsonOut texts(String name, Optional<List<String>> values) {
        values.ifPresent(v -> texts(name, v));
        return this;
    }

    <T> JsonOut objects(String name, List<T> values, Function<T, ObjectNode> toJson) {
        ArrayNode array = node.putArray(name);
        values.forEach(v -> array.add(toJson.apply(v)));
        return this;
    }

    <T> JsonOut objects(String name, Optional<List<T>> values, Function<T, ObjectNode> toJson) {
        values.ifPresent(v -> objects(name, v, toJson));
        return this;
    }

    ObjectNode node() {
        return node;
    }
}
