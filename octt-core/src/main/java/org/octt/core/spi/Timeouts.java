package org.octt.core.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts of network steps. Immutable; each {@code with...} returns a copy and rejects a
 * non-positive value, or one above its bound ({@link #MAX_NETWORK}, {@link #MAX_STEP}), with a
 * message naming it.
 *
 * @param network one network exchange: a TCP connect, a TLS handshake, a WebSocket upgrade, an
 *                OCPP call
 * @param step    one whole step, as a safety net above the network timeouts
 */
public record Timeouts(Duration network, Duration step) {

    /** The longest network timeout: a Central System that has not answered in an hour will not. */
    public static final Duration MAX_NETWORK = Duration.ofHours(1);

    /** The longest step timeout: four times {@link #MAX_NETWORK}, as {@link #withNetwork} may set. */
    public static final Duration MAX_STEP = MAX_NETWORK.multipliedBy(4);

    /** 5 s per network exchange, 60 s per step. */
    public static final Timeouts DEFAULTS = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(60));

    public Timeouts {
        requireWithin(network, "network timeout", MAX_NETWORK);
        requireWithin(step, "step timeout", MAX_STEP);
    }

    public Timeouts withNetwork(Duration network) {
        requireWithin(network, "network timeout", MAX_NETWORK);
        return new Timeouts(network, step.compareTo(network) < 0 ? network.multipliedBy(4) : step);
    }

    public Timeouts withStep(Duration step) {
        return new Timeouts(network, step);
    }

    private static void requireWithin(Duration d, String what, Duration max) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was: " + HumanDuration.format(d));
        }
        if (d.compareTo(max) > 0) {
            throw new IllegalArgumentException(what + " must be at most " + HumanDuration.format(max) + ", was: "
                    + HumanDuration.format(d));
        }
    }

    @Override
    public String toString() {
        return "Timeouts[network=" + HumanDuration.format(network) + ", step=" + HumanDuration.format(step) + "]";
    }
}
