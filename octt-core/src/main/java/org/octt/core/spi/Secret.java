package org.octt.core.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * A secret value (the Basic auth password). Its {@link #toString()} never shows the value, so it
 * cannot leak through logs, reports or exception messages; read it only with {@link #reveal()}
 * where it is sent.
 */
public final class Secret {

    private final char[] value;

    private Secret(char[] value) {
        this.value = value.clone();
    }

    public static Secret of(String value) {
        Objects.requireNonNull(value, "value");
        return new Secret(value.toCharArray());
    }

    public static Secret of(char[] value) {
        Objects.requireNonNull(value, "value");
        return new Secret(value);
    }

    /** The value, for the one place that sends it. */
    public String reveal() {
        return new String(value);
    }

    /** Its length in characters (safe to report). */
    public int length() {
        return value.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && java.security.MessageDigest.isEqual(
                new String(value).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                new String(s.value).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Secret[****]";
    }
}
