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

    /** The default wait for the Central System to act on its own ({@link #action()}). */
    public static final Duration DEFAULT_ACTION = Duration.ofSeconds(60);

    /** 5 s per network exchange, 60 s per step, 60 s per operator action. */
    public static final Timeouts DEFAULTS = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(60), DEFAULT_ACTION);

    private final Duration network;
    private final Duration step;
    private final Duration action;

    private Timeouts(Duration network, Duration step, Duration action) {
        requireWithin(network, "network timeout", MAX_NETWORK);
        requireWithin(step, "step timeout", MAX_STEP);
        requireWithin(action, "action timeout", MAX_NETWORK);
        this.network = network;
        this.step = step;
        this.action = action;
    }

    /**
     * Timeouts of these values.
     *
     * @param network one network exchange: a TCP connect, a TLS handshake, a WebSocket upgrade,
     *                an OCPP call
     * @param step    one whole step, as a safety net above the network timeouts
     */
    public static Timeouts of(Duration network, Duration step) {
        return new Timeouts(network, step, DEFAULT_ACTION);
    }

    /** One network exchange: a TCP connect, a TLS handshake, a WebSocket upgrade, an OCPP call. */
    public Duration network() {
        return network;
    }

    /** One whole step, as a safety net above the network timeouts. */
    public Duration step() {
        return step;
    }

    /**
     * How long a test case waits for the Central System to send a request on its own after asking
     * for an {@link OperatorAction} (an operator clicks, a hook calls the Central System's API). The
     * step's own timeout is extended by it while the action is awaited.
     */
    public Duration action() {
        return action;
    }

    public Timeouts withNetwork(Duration network) {
        requireWithin(network, "network timeout", MAX_NETWORK);
        return new Timeouts(network, step.compareTo(network) < 0 ? network.multipliedBy(4) : step, action);
    }

    public Timeouts withStep(Duration step) {
        return new Timeouts(network, step, action);
    }

    /** A copy waiting {@code action} for each operator action; positive, at most {@link #MAX_NETWORK}. */
    public Timeouts withAction(Duration action) {
        return new Timeouts(network, step, action);
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
        return o instanceof Timeouts t && network.equals(t.network) && step.equals(t.step) && action.equals(t.action);
    }

    @Override
    public int hashCode() {
        return Objects.hash(network, step, action);
    }

    @Override
    public String toString() {
        return "Timeouts[network=" + HumanDuration.format(network) + ", step=" + HumanDuration.format(step)
                + ", action=" + HumanDuration.format(action) + "]";
    }
}
