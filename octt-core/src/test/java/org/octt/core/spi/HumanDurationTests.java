package org.octt.core.spi;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class HumanDurationTests {

    @ParameterizedTest
    @CsvSource({"PT0S, 0s", "PT0.5S, 500ms", "PT3S, 3s", "PT1M30S, 1m30s", "PT2H, 2h", "PT1.5S, 1s500ms",
        "PT0.00025S, 0.25ms", "PT25H1S, 25h1s", "PT-5S, -5s", "PT1H0.001S, 1h1ms"})
    void writesDurationsAsPeopleTypeThem(String iso, String human) {
        assertThat(HumanDuration.format(Duration.parse(iso))).isEqualTo(human);
    }

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "3s, PT3S", "' 3 S ', PT3S", "1m, PT1M", "2h, PT2H", "PT3S, PT3S", "pt1m30s, PT1M30S",
        "-5s, PT-5S", "0s, PT0S"})
    void readsDurationsAsPeopleWriteThem(String written, String iso) {
        assertThat(HumanDuration.parse(written)).contains(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "3", "three seconds", "3 days", "PT", "PTxS", "1234567890s", "3s5"})
    void readsNothingFromWhatIsNoDuration(String written) {
        assertThat(HumanDuration.parse(written)).isEmpty();
    }
}
