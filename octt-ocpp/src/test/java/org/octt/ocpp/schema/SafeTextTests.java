package org.octt.ocpp.schema;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SafeTextTests {

    @Test
    void shortensLongValuesToFortyCodePointsAndGivesTheLength() {
        assertThat(SafeText.quote("x".repeat(40))).isEqualTo("\"" + "x".repeat(40) + "\"");
        assertThat(SafeText.quote("x".repeat(5000))).isEqualTo("\"" + "x".repeat(40) + "…\" (5000 characters)");
        assertThat(SafeText.quote("\uD83D\uDD0C".repeat(41)))
                .isEqualTo("\"" + "\uD83D\uDD0C".repeat(40) + "…\" (41 characters)");
    }

    @Test
    void escapesControlFormatAndSeparatorCharactersAndQuotes() {
        assertThat(SafeText.quote("a\"b\\c\nd\re\tf\u001b[2Kg\u202eh\u2028i\u0000\uD800"))
                .isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\\u001B[2Kg\\u202Eh\\u2028i\\u0000\\uD800\"");
    }

    @Test
    void showsContainersBySizeAndLongNumbersShortened() throws Exception {
        ObjectMapper mapper = new ObjectMapper();

        assertThat(SafeText.show(mapper.readTree("{\"a\":1,\"b\":2}"))).isEqualTo("an object with 2 properties");
        assertThat(SafeText.show(mapper.readTree("[1]"))).isEqualTo("an array of 1 item");
        assertThat(SafeText.show(mapper.readTree("1" + "0".repeat(60)))).isEqualTo("1" + "0".repeat(39) + "…");
        assertThat(SafeText.show(mapper.readTree("true"))).isEqualTo("true");
    }
}
