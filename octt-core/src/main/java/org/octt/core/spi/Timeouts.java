package org.octt.core.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts of network steps. Immutable; each {@code with...} returns a copy and rejects a
 * non-positive value, or one above its bound ({@link #MAX_NETWORK}, {@link #MAX_STEP}), with a
 * message naming it. A final class rather than a record, so that a new timeout can be added (with a
 * default) without breaking plugins: start from {@link #DEFAULTS} or {@link #of} and change it
 * with the {@code with...} methods.
 */
public final class Timeouts {

    /** The longest network timeout: a Central System that has not answered in an hour will not. */
    public static final Duration MAX_NETWORK = Duration.ofHours(1);

    /** The longest step timeout: four times {@link #MAX_NETWORK}, as {@link #withNetwork} may set. */
    public static final Duration MAX_STEP = MAX_NETWORK.multipliedBy(4);

    /** 5 s per network exchange, 60 s per step. */
    public static final Timeouts DEFAULTS = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(60));

    private final Duration network;
    private final Duration step;

    private Timeouts(Duration network, Duration step) {
        requireWithin(network, "network timeout", MAX_NETWORK);
        requireWithin(step, "step timeout", MAX_STEP);
        this.network = network;
        this.step = step;
    }

    /**
     * Timeouts of these values.
     *
     * @param network one network exchange: a TCP connect, a TLS handshake, a WebSocket upgrade,
     *                an OCPP call
     * @param step    one whole step, as a safety net above the network timeouts
     */
    public static Timeouts of(Duration network, Duration step) {
        return new Timeouts(network, step);
    }

    /** One network exchange: a TCP connect, a TLS handshake, a WebSocket upgrade, an OCPP call. */
    public Duration network() {
        return network;
    }

    /** One whole step, as a safety net above the network timeouts. */
    public Duration step() {
        return step;
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
    public boolean equals(Object o) {
        return o instanceof Timeouts t && network.equals(t.network) && step.equals(t.step);
    }

    @Override
    public int hashCode() {
        return Objects.hash(network, step);
    }

    @Override
    public String toString() {
        return "Timeouts[network=" + HumanDuration.format(network) + ", step=" + HumanDuration.format(step) + "]";
    }
}
