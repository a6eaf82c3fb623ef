package org.octt.ocpp.cp;

import org.junit.jupiter.api.Test;
import org.octt.core.spi.Secret;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The AuthorizationKey rule of the security cards: 16 to 20 characters of text, or 32 to 40 hex digits. */
class AuthorizationKeyTests {

    private static final String RULE = "expected 16 to 20 characters (the password as text) or 32 to 40 hex digits"
            + " (the password as 16 to 20 bytes)";

    @Test
    void readsThirtyTwoToFortyHexDigitsAsTheDecodedBytes() {
        AuthorizationKey key = AuthorizationKey.of("00FF10ab" + "0123456789abcdef0123456789ABCDEF");

        assertThat(key.form()).isEqualTo(AuthorizationKey.Form.HEX);
        assertThat(key.password()).hasSize(20).startsWith((byte) 0x00, (byte) 0xff, (byte) 0x10, (byte) 0xab,
                (byte) 0x01, (byte) 0x23).endsWith((byte) 0xcd, (byte) 0xef);
        assertThat(AuthorizationKey.of("0123456789abcdef0123456789abcdef").password()).hasSize(16);
        assertThat(key.describe()).isEqualTo("40 hex digits (a 20-byte password)");
    }

    @Test
    void readsSixteenToTwentyCharactersAsUtf8Text() {
        AuthorizationKey key = AuthorizationKey.of("passwörd-16-chars");

        assertThat(key.form()).isEqualTo(AuthorizationKey.Form.TEXT);
        assertThat(key.password()).isEqualTo("passwörd-16-chars".getBytes(StandardCharsets.UTF_8));
        assertThat(AuthorizationKey.of("0123456789abcdef0123").form()).isEqualTo(AuthorizationKey.Form.TEXT);
        assertThat(AuthorizationKey.of("abcdefghijklmnop").describe()).isEqualTo("16 characters of text");
    }

    @Test
    void refusesEveryOtherLengthNamingTheLengthNotTheValue() {
        assertThat(AuthorizationKey.problem("short-secret-15")).contains("a value of 15 characters; " + RULE);
        assertThat(AuthorizationKey.problem("twenty-one-characters")).contains("a value of 21 characters; " + RULE);
        assertThat(AuthorizationKey.problem("a".repeat(31))).contains("a value of 31 characters; " + RULE);
        assertThat(AuthorizationKey.problem("a".repeat(42))).contains("a value of 42 characters; " + RULE);
        assertThat(AuthorizationKey.problem("")).contains("a value of 0 characters; " + RULE);
    }

    @Test
    void refusesAHexLengthValueWithANonHexCharacterOrAnOddCount() {
        String secret = "0123456789abcdef0123456789abcdeg";
        assertThat(AuthorizationKey.problem(secret)).contains("a value of 32 characters is read as hex, and character 32"
                + " is not a hex digit; " + RULE);
        assertThat(AuthorizationKey.problem("a".repeat(33))).contains("an odd number of hex digits (33) does not decode"
                + " to whole bytes; " + RULE);
        assertThatThrownBy(() -> AuthorizationKey.of(secret)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a valid AuthorizationKey: a value of 32 characters is read as hex, and character 32 is"
                        + " not a hex digit; " + RULE)
                .message().doesNotContain(secret);
    }

    @Test
    void neverShowsTheValue() {
        AuthorizationKey key = AuthorizationKey.of(Secret.of("0123456789abcdef0123456789abcdef"));

        assertThat(key.toString()).isEqualTo("AuthorizationKey[32 hex digits (a 16-byte password)]");
        assertThat(key.value().toString()).isEqualTo("Secret[****]");
        assertThat(key).isEqualTo(AuthorizationKey.of("0123456789ABCDEF0123456789ABCDEF"));
    }
}
