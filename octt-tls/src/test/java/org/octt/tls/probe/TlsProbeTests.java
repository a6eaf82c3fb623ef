package org.octt.tls.probe;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TlsProbeTests {

    @Test
    void rejectsNonPositiveTimeoutsNamingTheValue() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> TlsProbe.create().withHandshakeTimeout(Duration.ofSeconds(-5)))
                .withMessage("handshake timeout must be positive, was: PT-5S");
        assertThatIllegalArgumentException().isThrownBy(() -> TlsProbe.create().withConnectTimeout(Duration.ZERO))
                .withMessage("connect timeout must be positive, was: PT0S");
    }

    @Test
    void returnsConfiguredCopiesAndLeavesTheOriginalAlone() {
        TlsProbe base = TlsProbe.create();
        TlsProbe configured = base.withConnectTimeout(Duration.ofSeconds(2)).withHandshakeTimeout(Duration.ofSeconds(3))
                .withMeterRegistry(new SimpleMeterRegistry());

        assertThat(configured.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(configured.handshakeTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(configured.meterRegistry()).isPresent();
        assertThat(base.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(base.meterRegistry()).isEmpty();
    }
}
