package org.octt.core.spi;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class SecretTests {

    @Test
    void neverShowsTheValue() {
        Secret s = Secret.of("hunter2-password");

        assertThat(s.toString()).isEqualTo("Secret[****]");
        assertThat(String.valueOf(s)).doesNotContain("hunter2");
        assertThat(s.length()).isEqualTo(16);
    }

    @Test
    void revealsTheValueForTheOnePlaceThatSendsIt() {
        assertThat(Secret.of("pw").reveal()).isEqualTo("pw");
    }

    @Test
    void copiesCharactersSoThatTheCallerMayClearItsArray() {
        char[] chars = "from-a-file".toCharArray();
        Secret s = Secret.of(chars);
        Arrays.fill(chars, '\0');

        assertThat(s.reveal()).isEqualTo("from-a-file");
        assertThat(s).isEqualTo(Secret.of("from-a-file")).hasSameHashCodeAs(Secret.of("from-a-file"));
    }

    @Test
    void stillRevealsTheValueAfterUseSoThatOneSecretServesEveryTestCaseOfATarget() {
        Secret s = Secret.of("pw");
        s.reveal();

        assertThat(s.reveal()).isEqualTo("pw");
        assertThat(s).isNotEqualTo(Secret.of("pW"));
    }
}
