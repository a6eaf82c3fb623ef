package org.octt.ocpp.schema;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Renders values taken from a peer's payload for messages: quoted, shortened to
 * {@value #MAX_CODE_POINTS} code points (with {@code …} and the full length), and with control,
 * format and separator characters and lone surrogates escaped as {@code \\uXXXX}, so a hostile
 * value can neither flood a report nor rewrite a terminal line.
 */
public final class SafeText {

    /** Longest part of a string value shown in a message, in Unicode code points. */
    public static final int MAX_CODE_POINTS = 40;

    private SafeText() {
    }

    /** {@code "abc"}; longer strings as {@code "first 40 code points…" (57 characters)}. */
    public static String quote(String value) {
        int length = value.codePointCount(0, value.length());
        return length > MAX_CODE_POINTS ? excerpt(value) + " (" + length + " characters)" : excerpt(value);
    }

    /** Like {@link #quote} without the length of a shortened string: for messages that state it. */
    static String excerpt(String value) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_CODE_POINTS * 2) + 4).append('"');
        int shown = 0;
        int i = 0;
        for (; i < value.length() && shown < MAX_CODE_POINTS; shown++) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            appendEscaped(out, cp);
        }
        return out.append(i < value.length() ? "…\"" : "\"").toString();
    }

    /**
     * A JSON value as a message shows it: strings quoted (see {@link #quote}), numbers and
     * booleans as written, objects and arrays by kind and size only.
     */
    public static String show(JsonNode value) {
        if (value.isTextual()) {
            return quote(value.textValue());
        }
        if (value.isObject()) {
            return "an object with " + value.size() + (value.size() == 1 ? " property" : " properties");
        }
        if (value.isArray()) {
            return "an array of " + value.size() + (value.size() == 1 ? " item" : " items");
        }
        String text = value.toString();
        return text.length() <= MAX_CODE_POINTS ? text : text.substring(0, MAX_CODE_POINTS) + "…";
    }

    /** The JSON type of a value as draft-04 names it: integer for integral numbers, else number. */
    public static String typeOf(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "string";
            case NUMBER -> value.isIntegralNumber() ? "integer" : "number";
            case BOOLEAN -> "boolean";
            case OBJECT -> "object";
            case ARRAY -> "array";
            case NULL -> "null";
            default -> value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static void appendEscaped(StringBuilder out, int cp) {
        switch (cp) {
            case '"' -> out.append("\\\"");
            case '\\' -> out.append("\\\\");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> {
                int type = Character.getType(cp);
                if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                        || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                    if (cp > 0xFFFF) {
                        for (char c : Character.toChars(cp)) {
                            out.append(String.format("\\u%04X", (int) c));
                        }
                    } else {
                        out.append(String.format("\\u%04X", cp));
                    }
                } else {
                    out.appendCodePoint(cp);
                }
            }
        }
    }
}
