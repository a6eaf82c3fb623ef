package org.octt.core.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts of network steps. Immutable; each {@code with...} returns a copy and rejects a
 * non-positive value with a message naming it.
 *
 * @param network one network exchange: a TCP connect, a TLS handshake, a WebSocket upgrade, an
 *                OCPP call
 * @param step    one whole step, as a safety net above the network timeouts
 */
public record Timeouts(Duration network, Duration step) {

    /** 5 s per network exchange, 60 s per step. */
    public static final Timeouts DEFAULTS = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(60));

    public Timeouts {
        requirePositive(network, "network timeout");
        requirePositive(step, "step timeout");
    }

    public Timeouts withNetwork(Duration network) {
        return new Timeouts(network, step.compareTo(network) < 0 ? network.multipliedBy(4) : step);
    }

    public Timeouts withStep(Duration step) {
        return new Timeouts(network, step);
    }

    private static void requirePositive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was: " + d);
        }
    }
}
