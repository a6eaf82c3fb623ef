package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import org.octt.ocpp.schema.SafeText;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads the fields of one JSON object of a payload for {@code fromJson}; failures name message and path. */
final class Fields {

    private final JsonNode object;
    private final String message;
    private final String path;

    private Fields(JsonNode object, String message, String path) {
        this.object = object;
        this.message = message;
        this.path = path;
    }

    /** The payload {@code json} of {@code message} (e.g. {@code BootNotification.req}). */
    static Fields of(JsonNode json, String message) {
        return at(json, message, "");
    }

    private static Fields at(JsonNode json, String message, String path) {
        if (json == null || !json.isObject()) {
            throw new MessageFormatException(message + " " + (path.isEmpty() ? "(root)" : path)
                    + ": expected an object, got " + (json == null ? "nothing" : SafeText.show(json)));
        }
        return new Fields(json, message, path);
    }

    String text(String name) {
        return require(name, optText(name));
    }

    Optional<String> optText(String name) {
        return get(name, "a string", JsonNode::isTextual).map(JsonNode::textValue);
    }

    int integer(String name) {
        OptionalInt value = optInteger(name);
        if (value.isEmpty()) {
            throw missing(name);
        }
        return value.getAsInt();
    }

    OptionalInt optInteger(String name) {
        Optional<JsonNode> value = get(name, "an integer (32 bits)", n -> n.isIntegralNumber() && n.canConvertToInt());
        return value.isPresent() ? OptionalInt.of(value.get().intValue()) : OptionalInt.empty();
    }

    boolean bool(String name) {
        return require(name, get(name, "true or false", JsonNode::isBoolean).map(JsonNode::booleanValue));
    }

    OffsetDateTime dateTime(String name) {
        return require(name, optDateTime(name));
    }

    Optional<OffsetDateTime> optDateTime(String name) {
        return optText(name).map(text -> {
            try {
                return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            } catch (DateTimeParseException e) {
                throw wrong(name, "a date-time with offset (e.g. 2024-01-31T13:45:00Z)", object.get(name));
            }
        });
    }

    <E extends Enum<E>> E enumValue(String name, Class<E> type) {
        return require(name, optEnum(name, type));
    }

    <E extends Enum<E>> Optional<E> optEnum(String name, Class<E> type) {
        return optText(name).map(text -> {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(text)) {
                    return constant;
                }
            }
            throw wrong(name, "one of " + Arrays.stream(type.getEnumConstants()).map(Enum::name)
                    .collect(Collectors.joining(", ")), object.get(name));
        });
    }

    <T> T object(String name, Function<Fields, T> reader) {
        return require(name, optObject(name, reader));
    }

    <T> Optional<T> optObject(String name, Function<Fields, T> reader) {
        return get(name, "an object", JsonNode::isObject).map(n -> reader.apply(at(n, message, child(name))));
    }

    List<String> texts(String name) {
        return require(name, optTexts(name));
    }

    Optional<List<String>> optTexts(String name) {
        return optArray(name, (item, itemPath) -> {
            if (!item.isTextual()) {
                throw new MessageFormatException(message + " " + itemPath + ": expected a string, got " + seen(item));
            }
            return item.textValue();
        });
    }

    <T> List<T> objects(String name, Function<Fields, T> reader) {
        return require(name, optObjects(name, reader));
    }

    <T> Optional<List<T>> optObjects(String name, Function<Fields, T> reader) {
        return optArray(name, (item, itemPath) -> reader.apply(at(item, message, itemPath)));
    }

    private interface ItemReader<T> {
        T read(JsonNode item, String itemPath);
    }

    private <T> Optional<List<T>> optArray(String name, ItemReader<T> reader) {
        return get(name, "an array", JsonNode::isArray).map(array -> {
            List<T> items = new ArrayList<>(array.size());
            for (int i = 0; i < array.size(); i++) {
                items.add(reader.read(array.get(i), child(name) + "/" + i));
            }
            return List.copyOf(items);
        });
    }

    private Optional<JsonNode> get(String name, String expected, java.util.function.Predicate<JsonNode> test) {
        JsonNode value = object.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!test.test(value)) {
            throw wrong(name, expected, value);
        }
        return Optional.of(value);
    }

    private <T> T require(String name, Optional<T> value) {
        return value.orElseThrow(() -> missing(name));
    }

    private MessageFormatException missing(String name) {
        return new MessageFormatException(message + " " + (path.isEmpty() ? "(root)" : path)
                + ": required property \"" + name + "\" is missing");
    }

    private MessageFormatException wrong(String name, String expected, JsonNode value) {
        return new MessageFormatException(message + " " + child(name) + ": expected " + expected + ", got " + seen(value));
    }

    private static String seen(JsonNode value) {
        return value.isNull() || value.isContainerNode() ? SafeText.show(value)
                : SafeText.typeOf(value) + " " + SafeText.show(value);
    }

    private String child(String name) {
        return path + "/" + name.replace("~", "~0").replace("/", "~1");
    }
}
