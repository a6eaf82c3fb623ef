package org.octt.bench;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BenchMainTests {

    @Test
    void namesAThousandDistinctHostsForFourServersOf250() {
        List<String> names = BenchMain.fleetHostNames(4, 250);

        assertThat(names).hasSize(1000).startsWith("cs1.octt.test", "cs2.octt.test", "cs3.octt.test",
                "cs4.octt.test", "t0005.octt.test").endsWith("t1000.octt.test").contains("t0517.octt.test");
        assertThat(new HashSet<>(names)).hasSize(1000);
    }

    @Test
    void keepsTheServersOwnNamesWithOneHostPerServer() {
        assertThat(BenchMain.fleetHostNames(4, 1))
                .containsExactly("cs1.octt.test", "cs2.octt.test", "cs3.octt.test", "cs4.octt.test");
    }

    @Test
    void widensTheNumberPastFourDigits() {
        assertThat(BenchMain.fleetHostNames(2, 6000)).endsWith("t11999.octt.test", "t12000.octt.test");
    }
}
