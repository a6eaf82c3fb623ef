package org.octt.ocpp.schema;

import java.util.Objects;

/**
 * One way in which a JSON value breaks its schema.
 *
 * @param path    JSON Pointer (RFC 6901) to the offending value; {@code ""} is the whole payload.
 *                For {@code required} and {@code additionalProperties} it points at the object
 *                and the message names the property.
 * @param keyword the schema keyword that failed, e.g. {@code enum}, {@code maxLength}
 * @param message what was expected and what was seen, e.g.
 *                {@code "Acepted" is not one of Accepted, Pending, Rejected}; values from the
 *                payload are quoted, shortened and have control characters escaped
 *                ({@link SafeText})
 */
public record SchemaViolation(String path, String keyword, String message) {

    public SchemaViolation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(message, "message");
    }

    /** {@code /status: "Acepted" is not one of Accepted, Pending, Rejected}; the root is {@code (root)}. */
    @Override
    public String toString() {
        return (path.isEmpty() ? "(root)" : path) + ": " + message;
    }
}
