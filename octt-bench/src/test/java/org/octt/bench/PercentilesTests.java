package org.octt.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PercentilesTests {

    @Test
    void takesNearestRankMedianAndP99OfHundredSamples() {
        List<Long> nanos = new ArrayList<>();
        for (long i = 100; i >= 1; i--) {
            nanos.add(i * 1_000_000);
        }
        Percentiles p = Percentiles.ofNanos(nanos);
        assertThat(p.median()).isEqualTo(Duration.ofMillis(50));
        assertThat(p.p99()).isEqualTo(Duration.ofMillis(99));
        assertThat(p.min()).isEqualTo(Duration.ofMillis(1));
        assertThat(p.max()).isEqualTo(Duration.ofMillis(100));
        assertThat(p.describe()).startsWith("median 50.0 ms, p99 99.0 ms");
    }

    @Test
    void refusesAnEmptySample() {
        assertThatThrownBy(() -> Percentiles.ofNanos(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no sample");
    }
}
