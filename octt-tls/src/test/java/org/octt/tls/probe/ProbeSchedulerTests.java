package org.octt.tls.probe;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.octt.tls.probe.ProbeOutcome.TransportFailure;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@Timeout(30)
class ProbeSchedulerTests {

    private static final TlsProbe PROBE = TlsProbe.create().withHandshakeTimeout(Duration.ofSeconds(5));
    private static final List<String> SUITES = List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_RSA_WITH_AES_256_GCM_SHA384");

    /**
     * A listener that holds connections in rounds of {@code bound}: the connections of a round are
     * closed once the whole round has been accepted (or after 2 s). A scheduler that opens more than
     * {@code bound} at once shows in {@link RawServer#maxOpen()}; one that opens fewer leaves a round
     * incomplete until the deadline, and {@code maxOpen()} stays below the bound.
     */
    private static RawServer gate(int bound, int total) throws IOException {
        AtomicReference<RawServer> self = new AtomicReference<>();
        AtomicInteger started = new AtomicInteger();
        RawServer server = RawServer.start(socket -> {
            int index = started.getAndIncrement();
            int roundEnd = Math.min(total, (index / bound + 1) * bound);
            RawServer.readSome(socket);
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (self.get().accepted() < roundEnd && System.nanoTime() < deadline) {
                LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
            }
        });
        self.set(server);
        return server;
    }

    private static List<ProbeRequest> requests(RawServer server) {
        return SUITES.stream().map(s -> ProbeRequest.of("localhost", server.port(), TlsVersion.TLS1_2, s)
                .withConnectAddress(server.address())).toList();
    }

    @Test
    void opensAtMostTwoConnectionsPerTargetByDefault() throws IOException {
        try (RawServer server = gate(2, SUITES.size())) {
            List<ProbeRequest> requests = requests(server);

            List<ProbeResult> results = ProbeScheduler.of(PROBE).probeAll(requests).collectList()
                    .block(Duration.ofSeconds(20));

            assertThat(server.maxOpen()).isEqualTo(2);
            assertThat(server.accepted()).isEqualTo(6);
            assertThat(results).extracting(ProbeResult::request).containsExactlyInAnyOrderElementsOf(requests);
            assertThat(results).allSatisfy(r -> {
                assertThat(r.outcome()).isInstanceOf(TransportFailure.class);
                assertThat(((TransportFailure) r.outcome()).kind())
                        .isEqualTo(TransportFailure.Kind.CLOSED_BEFORE_HANDSHAKE);
            });
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void opensAtMostTheConfiguredNumberOfConnectionsPerTarget(int bound) throws IOException {
        try (RawServer server = gate(bound, SUITES.size())) {
            List<ProbeResult> results = ProbeScheduler.of(PROBE).withMaxConcurrentPerTarget(bound)
                    .probeAll(requests(server)).collectList().block(Duration.ofSeconds(20));

            assertThat(server.maxOpen()).isEqualTo(bound);
            assertThat(results).hasSize(6);
        }
    }

    @Test
    void rejectsBoundBelowOneNamingTheValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> ProbeScheduler.of(PROBE).withMaxConcurrentPerTarget(0))
                .withMessage("max concurrent connections per target must be at least 1, was: 0");
    }
}
