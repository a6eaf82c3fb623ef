package org.octt.core.spi;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionDescriptorTests {

    @Test
    void anIntegerOptionAcceptsValuesWithinItsBoundsOnly() {
        OptionDescriptor connectors = OptionDescriptor.integer("ocpp.connectors", 1, 1, 64, "connectors");
        assertThat(connectors.problem("1")).isEmpty();
        assertThat(connectors.problem("64")).isEmpty();
        assertThat(connectors.problem("0")).contains("is out of range (expected 1..64)");
        assertThat(connectors.problem("65")).contains("is out of range (expected 1..64)");
        assertThat(connectors.problem("99999999999999999999")).contains("is not a whole number (expected 1..64)");
        assertThat(connectors.problem("two")).contains("is not a whole number (expected 1..64)");
        assertThat(connectors.defaultValue()).contains("1");
        assertThat(connectors.typeLabel()).isEqualTo("1..64");
    }

    @Test
    void aStringOptionRefusesControlCharactersAndAbsurdLengths() {
        OptionDescriptor vendor = OptionDescriptor.string("ocpp.vendor", "octt", "vendor");
        assertThat(vendor.problem("ACME")).isEmpty();
        assertThat(vendor.problem("AC\u001b[2JME")).contains("contains control characters");
        assertThat(vendor.problem("x".repeat(257))).contains("is longer than 256 characters");
    }

    @Test
    void aBooleanOptionTakesTrueOrFalse() {
        OptionDescriptor flag = OptionDescriptor.bool("ocpp.flag", false, "flag");
        assertThat(flag.problem("TRUE")).isEmpty();
        assertThat(flag.problem("false")).isEmpty();
        assertThat(flag.problem("yes")).contains("is not true or false");
    }

    @Test
    void refusesAKeyThatIsNotLowerCaseWordsAndAnInvalidDefault() {
        assertThatThrownBy(() -> OptionDescriptor.string("Ocpp Vendor", null, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was: Ocpp Vendor");
        assertThatThrownBy(() -> OptionDescriptor.integer("ocpp.connectors", 0, 1, 64, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option ocpp.connectors: its default is invalid: is out of range (expected 1..64)");
    }
}
