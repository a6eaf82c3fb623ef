package org.octt.testkit;

import org.octt.core.spi.OcppVersion;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Which WebSocket subprotocol the {@link ReferenceCentralSystem} selects on the upgrade, and what it
 * does when the client offers none it accepts. Immutable.
 *
 * <ul>
 *   <li>{@link #select(String...)}: selects the first of the client's offers that is in this list
 *       (the default is {@code select("ocpp1.6")}). When none is acceptable it upgrades without a
 *       {@code Sec-WebSocket-Protocol} header, as OCPP-J describes; {@link #refusingUnacceptable()}
 *       answers 400 instead and does not upgrade.</li>
 *   <li>{@link #selectNone()}: upgrades without selecting any subprotocol, whatever the client
 *       offers (what {@link Fault#NO_SUBPROTOCOL} does).</li>
 * </ul>
 */
public final class SubprotocolPolicy {

    /** The WebSocket subprotocol of OCPP 1.6J, as octt-core spells it ({@code OcppVersion.OCPP_16J}). */
    public static final String OCPP16 = OcppVersion.OCPP_16J.subprotocol();

    private static final SubprotocolPolicy DEFAULT = new SubprotocolPolicy(List.of(OCPP16), false);
    private static final SubprotocolPolicy NONE = new SubprotocolPolicy(List.of(), false);

    private final List<String> subprotocols;
    private final boolean refuses;

    private SubprotocolPolicy(List<String> subprotocols, boolean refuses) {
        this.subprotocols = List.copyOf(subprotocols);
        this.refuses = refuses;
    }

    /** {@code select("ocpp1.6")}, upgrading without a subprotocol when the client offers another. */
    public static SubprotocolPolicy ocpp16() {
        return DEFAULT;
    }

    /**
     * Selects the first subprotocol the client offers that is one of these.
     *
     * @throws IllegalArgumentException if none is given, or one is empty or contains a comma or space
     */
    public static SubprotocolPolicy select(String... subprotocols) {
        if (subprotocols.length == 0) {
            throw new IllegalArgumentException("name at least one subprotocol, or use selectNone()");
        }
        for (String s : subprotocols) {
            Objects.requireNonNull(s, "subprotocol");
            if (s.isEmpty() || s.chars().anyMatch(c -> c <= ' ' || c == ',' || c > '~')) {
                throw new IllegalArgumentException("a subprotocol is a non-empty token, was: '" + s + "'");
            }
        }
        return new SubprotocolPolicy(Arrays.asList(subprotocols), false);
    }

    /** Upgrades without ever selecting a subprotocol. */
    public static SubprotocolPolicy selectNone() {
        return NONE;
    }

    /**
     * This policy, answering 400 (and not upgrading) when the client offers no acceptable
     * subprotocol, or none at all.
     *
     * @throws IllegalStateException on {@link #selectNone()}, which would refuse every upgrade
     */
    public SubprotocolPolicy refusingUnacceptable() {
        if (subprotocols.isEmpty()) {
            throw new IllegalStateException("selectNone() would refuse every upgrade");
        }
        return new SubprotocolPolicy(subprotocols, true);
    }

    /** The subprotocols it may select, in the order given; empty for {@link #selectNone()}. */
    public List<String> subprotocols() {
        return subprotocols;
    }

    /** Whether an upgrade without an acceptable subprotocol is refused with 400. */
    public boolean refusesUnacceptable() {
        return refuses;
    }

    @Override
    public String toString() {
        return "SubprotocolPolicy[" + (subprotocols.isEmpty() ? "none" : "select=" + subprotocols)
                + (refuses ? ", refusing unacceptable" : "") + "]";
    }
}
