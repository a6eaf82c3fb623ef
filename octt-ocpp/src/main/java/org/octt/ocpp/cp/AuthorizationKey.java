package org.octt.ocpp.cp;

import org.octt.core.spi.Secret;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A value of the Charge Point's configuration key {@code AuthorizationKey} (security profiles 1 and
 * 2: the HTTP Basic auth password) and the password it stands for, by the rule of the OCPP 1.6
 * security test cards:
 * <ul>
 *   <li>32 to 40 characters: hexadecimal digits, an even number of them; the password is the decoded
 *       bytes (16 to 20 bytes);</li>
 *   <li>16 to 20 characters: text; the password is its UTF-8 bytes;</li>
 *   <li>anything else is refused ({@link #problem(String)} says why).</li>
 * </ul>
 * The value is a secret: {@link #toString()} and every message name its form and length only.
 * Immutable.
 */
public final class AuthorizationKey {

    /** How a value is read. */
    public enum Form {
        /** 32 to 40 hex digits: the password is the decoded bytes. */
        HEX,
        /** 16 to 20 characters: the password is the UTF-8 text. */
        TEXT
    }

    /** The fewest characters of a text value. */
    public static final int MIN_TEXT = 16;
    /** The most characters of a text value. */
    public static final int MAX_TEXT = 20;
    /** The fewest hex digits of a hex value (16 bytes). */
    public static final int MIN_HEX = 32;
    /** The most hex digits of a hex value (20 bytes). */
    public static final int MAX_HEX = 40;

    /** The rule in one phrase, for messages. */
    public static final String RULE = MIN_TEXT + " to " + MAX_TEXT + " characters (the password as text) or "
            + MIN_HEX + " to " + MAX_HEX + " hex digits (the password as " + MIN_HEX / 2 + " to " + MAX_HEX / 2
            + " bytes)";

    private final Secret value;
    private final Form form;
    private final byte[] password;

    private AuthorizationKey(Secret value, Form form, byte[] password) {
        this.value = value;
        this.form = form;
        this.password = password;
    }

    /**
     * Why {@code value} is not a valid AuthorizationKey, without showing it (only its length and the
     * position of a bad character); empty when it is valid.
     */
    public static Optional<String> problem(String value) {
        Objects.requireNonNull(value, "value");
        int length = value.codePointCount(0, value.length());
        if (length >= MIN_HEX && length <= MAX_HEX) {
            for (int i = 0; i < value.length(); i++) {
                if (Character.digit(value.charAt(i), 16) < 0) {
                    return Optional.of("a value of " + length + " characters is read as hex, and character "
                            + (i + 1) + " is not a hex digit; expected " + RULE);
                }
            }
            if (length % 2 != 0) {
                return Optional.of("an odd number of hex digits (" + length + ") does not decode to whole bytes;"
                        + " expected " + RULE);
            }
            return Optional.empty();
        }
        if (length >= MIN_TEXT && length <= MAX_TEXT) {
            return Optional.empty();
        }
        return Optional.of("a value of " + length + " characters; expected " + RULE);
    }

    /**
     * The key of this configured value.
     *
     * @throws IllegalArgumentException with {@link #problem(String)} when it is not valid (the value
     *                                  is not in the message)
     */
    public static AuthorizationKey of(String value) {
        Optional<String> problem = problem(value);
        if (problem.isPresent()) {
            throw new IllegalArgumentException("not a valid AuthorizationKey: " + problem.get());
        }
        int length = value.codePointCount(0, value.length());
        if (length >= MIN_HEX) {
            byte[] bytes = new byte[value.length() / 2];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (Character.digit(value.charAt(2 * i), 16) << 4 | Character.digit(value.charAt(2 * i + 1), 16));
            }
            return new AuthorizationKey(Secret.of(value), Form.HEX, bytes);
        }
        return new AuthorizationKey(Secret.of(value), Form.TEXT, value.getBytes(StandardCharsets.UTF_8));
    }

    /** As {@link #of(String)}, for a configured secret. */
    public static AuthorizationKey of(Secret value) {
        return of(Objects.requireNonNull(value, "value").reveal());
    }

    /** How the value is read. */
    public Form form() {
        return form;
    }

    /** The value as configured (hex digits or text); never print it. */
    public Secret value() {
        return value;
    }

    /** The Basic auth password it stands for, a fresh copy: the decoded bytes or the UTF-8 text. */
    public byte[] password() {
        return password.clone();
    }

    /** The password's length in bytes (safe to report). */
    public int passwordLength() {
        return password.length;
    }

    /** Equal when the passwords are, compared in time independent of where they differ. */
    @Override
    public boolean equals(Object o) {
        return o instanceof AuthorizationKey k && java.security.MessageDigest.isEqual(password, k.password);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(password);
    }

    /** Form and lengths, never the value: e.g. {@code AuthorizationKey[40 hex digits (a 20-byte password)]}. */
    @Override
    public String toString() {
        return "AuthorizationKey[" + describe() + "]";
    }

    /** e.g. {@code 40 hex digits (a 20-byte password)} or {@code 16 characters of text}: safe to report. */
    public String describe() {
        return form == Form.HEX ? value.length() + " hex digits (a " + password.length + "-byte password)"
                : value.reveal().codePointCount(0, value.length()) + " characters of text";
    }
}
