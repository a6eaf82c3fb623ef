package org.octt.core.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class PrintableTests {

    @Test
    void writesEscapeAndBellVisiblySoATerminalNeitherClearsNorRetitles() {
        assertThat(Printable.escape("CN=evil\u001b[2J\u001b]0;owned\u0007"))
                .isEqualTo("CN=evil\\x1b[2J\\x1b]0;owned\\x07");
    }

    @Test
    void writesLineBreaksAndTabsOfAOneLineValueAsBackslashSequences() {
        assertThat(Printable.escape("a\nb\r\nc\td")).isEqualTo("a\\nb\\r\\nc\\td");
    }

    @ParameterizedTest
    @CsvSource({
        "0,     \\x00",
        "31,    \\x1f",
        "127,   \\x7f",
        "128,   \\x80",
        "155,   \\x9b",
        "159,   \\x9f",
        "1564,  \\u061c",
        "8206,  \\u200e",
        "8207,  \\u200f",
        "8232,  \\u2028",
        "8233,  \\u2029",
        "8234,  \\u202a",
        "8238,  \\u202e",
        "8294,  \\u2066",
        "8297,  \\u2069",
    })
    void escapesEveryC0AndC1ControlDelBidiControlAndLineSeparator(int codePoint, String expected) {
        assertThat(Printable.escape("a" + Character.toString(codePoint) + "b")).isEqualTo("a" + expected + "b");
    }

    @Test
    void escapesARightToLeftOverrideThatWouldShowTextReversed() {
        assertThat(Printable.escape("invoice\u202Etxt.exe")).isEqualTo("invoice\\u202etxt.exe");
    }

    @Test
    void escapesALoneSurrogateButKeepsAPairedOne() {
        assertThat(Printable.escape("x\uD800y")).isEqualTo("x\\ud800y");
        assertThat(Printable.escape("x\uDC00")).isEqualTo("x\\udc00");
        assertThat(Printable.escape("plug \uD83D\uDD0C")).isEqualTo("plug \uD83D\uDD0C");
    }

    @Test
    void keepsOrdinaryLettersOfAnyScriptPunctuationAndBackslashes() {
        String text = "Zürich Ελλάδα 東京 مرحبا bücher.example C:\\pki\\root.pem \"q\" <a&b> ~ \u00a0";
        assertThat(Printable.escape(text)).isSameAs(text);
    }

    @Test
    void keepingLinesLeavesNewlinesAndTabsButEscapesTheRest() {
        assertThat(Printable.escapeKeepingLines("line 1\r\n\tat x\u001b[31m\nline\r3\u0085"))
                .isEqualTo("line 1\n\tat x\\x1b[31m\nline\\r3\\x85");
    }

    @Test
    void refusesNull() {
        assertThatNullPointerException().isThrownBy(() -> Printable.escape(null)).withMessage("text");
    }
}
