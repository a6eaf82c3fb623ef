package org.octt.core.spi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A secret value (the Basic auth password): a plain immutable value whose one promise is that it is
 * never shown. {@link #toString()} prints {@code Secret[****]}, so it cannot leak through logs,
 * reports or exception messages; read it only with {@link #reveal()} where it is sent.
 *
 * <p>It does not pretend to protect memory: it holds a {@link String}, is never wiped, and
 * {@link #reveal()} returns a {@code String}. A wiped {@code char[]} would protect nothing here: one
 * Secret serves every test case run against a target (so no user of it can wipe it), and the
 * password is sent in an HTTP header built from strings. Keep it out of heap dumps by keeping heap
 * dumps of the process private.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** A secret of this value. */
    public static Secret of(String value) {
        return new Secret(Objects.requireNonNull(value, "value"));
    }

    /** A secret of these characters, copied: the caller may clear its array afterwards. */
    public static Secret of(char[] value) {
        return new Secret(new String(Objects.requireNonNull(value, "value")));
    }

    /** The value, for the one place that sends it. */
    public String reveal() {
        return value;
    }

    /** Its length in characters (safe to report). */
    public int length() {
        return value.length();
    }

    /** Equal when the values are, compared in time independent of where they differ. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                s.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** {@code Secret[****]}, whatever the value. */
    @Override
    public String toString() {
        return "Secret[****]";
    }
}
