package org.octt.core.spi;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TimeoutsTests {

    @Test
    void refusesANetworkTimeoutAboveOneHourInPeoplesWords() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Timeouts.DEFAULTS.withNetwork(Duration.ofHours(640512)))
                .withMessage("network timeout must be at most 1h, was: 640512h");
    }

    @Test
    void refusesAStepTimeoutAboveFourHours() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Timeouts.DEFAULTS.withStep(Duration.ofMinutes(241)))
                .withMessage("step timeout must be at most 4h, was: 4h1m");
    }

    @Test
    void refusesANonPositiveTimeoutInPeoplesWords() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Timeouts.DEFAULTS.withNetwork(Duration.ofSeconds(-5)))
                .withMessage("network timeout must be positive, was: -5s");
    }

    @Test
    void acceptsTheBoundsThemselves() {
        Timeouts t = Timeouts.DEFAULTS.withNetwork(Timeouts.MAX_NETWORK);
        assertThat(t.network()).isEqualTo(Duration.ofHours(1));
        assertThat(t.step()).isEqualTo(Duration.ofHours(4));
        assertThat(t).hasToString("Timeouts[network=1h, step=4h, action=1m]");
    }

    @Test
    void boundsTheActionTimeoutAsANetworkOneAndKeepsItThroughOtherChanges() {
        Timeouts t = Timeouts.DEFAULTS.withAction(Duration.ofMinutes(10)).withNetwork(Duration.ofSeconds(3))
                .withStep(Duration.ofMinutes(2));
        assertThat(t.action()).isEqualTo(Duration.ofMinutes(10));
        assertThat(Timeouts.DEFAULTS.action()).isEqualTo(Duration.ofSeconds(60));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Timeouts.DEFAULTS.withAction(Duration.ofHours(2)))
                .hasMessage("action timeout must be at most 1h, was: 2h");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Timeouts.DEFAULTS.withAction(Duration.ZERO))
                .hasMessage("action timeout must be positive, was: 0s");
    }
}
