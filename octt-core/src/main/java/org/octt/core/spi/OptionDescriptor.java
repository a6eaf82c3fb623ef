package org.octt.core.spi;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An option a test case accepts: its key, type, default and description. The CLI shows them
 * ({@code octt describe ID}), sets them from {@code --option key=value} and the config file, and
 * refuses an unknown key or a value of the wrong type before anything runs; the test case reads
 * them with {@link TestContext#option(String)}.
 *
 * <p>Immutable. Made with the static factories, so that it can grow (a final class, not a record:
 * new properties do not break plugins built against an older version).
 */
public final class OptionDescriptor {

    /** The kinds of value an option takes. */
    public enum Type {
        /** Any text of at most 256 characters, no control characters. */
        STRING,
        /** A whole number within the descriptor's bounds. */
        INTEGER,
        /** {@code true} or {@code false}. */
        BOOLEAN
    }

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*");
    private static final int MAX_STRING = 256;

    private final String key;
    private final Type type;
    private final Optional<String> defaultValue;
    private final String description;
    private final long min;
    private final long max;

    private OptionDescriptor(String key, Type type, Optional<String> defaultValue, String description,
                             long min, long max) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(description, "description");
        if (!KEY.matcher(key).matches() || key.length() > 64) {
            throw new IllegalArgumentException("option key must be lower case words joined by '.' or '-'"
                    + " (e.g. ocpp.vendor), at most 64 characters, was: " + key);
        }
        if (min > max) {
            throw new IllegalArgumentException("option " + key + ": min " + min + " is greater than max " + max);
        }
        this.key = key;
        this.type = Objects.requireNonNull(type, "type");
        this.description = description;
        this.min = min;
        this.max = max;
        this.defaultValue = Objects.requireNonNull(defaultValue, "defaultValue");
        defaultValue.flatMap(this::problem).ifPresent(p -> {
            throw new IllegalArgumentException("option " + key + ": its default is invalid: " + p);
        });
    }

    /** A text option. */
    public static OptionDescriptor string(String key, String defaultValue, String description) {
        return new OptionDescriptor(key, Type.STRING, Optional.ofNullable(defaultValue), description, 0, 0);
    }

    /** A whole-number option within {@code [min, max]}. */
    public static OptionDescriptor integer(String key, Integer defaultValue, long min, long max, String description) {
        return new OptionDescriptor(key, Type.INTEGER, Optional.ofNullable(defaultValue).map(String::valueOf),
                description, min, max);
    }

    /** A boolean option. */
    public static OptionDescriptor bool(String key, Boolean defaultValue, String description) {
        return new OptionDescriptor(key, Type.BOOLEAN, Optional.ofNullable(defaultValue).map(String::valueOf),
                description, 0, 0);
    }

    public String key() {
        return key;
    }

    public Type type() {
        return type;
    }

    /** The value used when none is given, if there is one. */
    public Optional<String> defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** The smallest value of an {@link Type#INTEGER} option. */
    public long min() {
        return min;
    }

    /** The largest value of an {@link Type#INTEGER} option. */
    public long max() {
        return max;
    }

    /** The type as shown to a user: {@code text}, {@code 1..16}, {@code true|false}. */
    public String typeLabel() {
        return switch (type) {
            case STRING -> "text";
            case INTEGER -> min + ".." + max;
            case BOOLEAN -> "true|false";
        };
    }

    /**
     * Why {@code value} is not valid for this option (a sentence that does not repeat the value),
     * or empty when it is.
     */
    public Optional<String> problem(String value) {
        Objects.requireNonNull(value, "value");
        switch (type) {
            case STRING -> {
                if (value.length() > MAX_STRING) {
                    return Optional.of("is longer than " + MAX_STRING + " characters");
                }
                if (value.chars().anyMatch(c -> Character.isISOControl(c))) {
                    return Optional.of("contains control characters");
                }
                return Optional.empty();
            }
            case INTEGER -> {
                long n;
                try {
                    n = Long.parseLong(value.trim());
                } catch (NumberFormatException e) {
                    return Optional.of("is not a whole number (expected " + typeLabel() + ")");
                }
                return n < min || n > max ? Optional.of("is out of range (expected " + typeLabel() + ")") : Optional.empty();
            }
            case BOOLEAN -> {
                String v = value.trim().toLowerCase(Locale.ROOT);
                return v.equals("true") || v.equals("false") ? Optional.empty()
                        : Optional.of("is not true or false");
            }
            default -> throw new AssertionError(type);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OptionDescriptor d && key.equals(d.key) && type == d.type
                && defaultValue.equals(d.defaultValue) && description.equals(d.description) && min == d.min && max == d.max;
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, type, defaultValue, description, min, max);
    }

    @Override
    public String toString() {
        return "OptionDescriptor[" + key + " " + typeLabel() + defaultValue.map(d -> " = " + d).orElse("") + "]";
    }
}
