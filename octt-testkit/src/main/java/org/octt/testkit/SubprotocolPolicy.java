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
 *       (the default is {@code select("ocpp1.6")}). When none is acceptable it does what OCPP-J
 *       prescribes: it completes the upgrade without a {@code Sec-WebSocket-Protocol} header and
 *       closes the WebSocket at once (close code {@value #UNACCEPTABLE_CLOSE_CODE});
 *       {@link #refusingUnacceptable()} answers 400 instead and does not upgrade;
 *       {@link #keepingUnacceptable()} keeps such a session open (what
 *       {@link Fault#UNKNOWN_SUBPROTOCOL_KEPT} does).</li>
 *   <li>{@link #selectNone()}: upgrades without selecting any subprotocol, whatever the client
 *       offers (what {@link Fault#NO_SUBPROTOCOL} does).</li>
 * </ul>
 */
public final class SubprotocolPolicy {

    /** The WebSocket subprotocol of OCPP 1.6J, as octt-core spells it ({@code OcppVersion.OCPP_16J}). */
    public static final String OCPP16 = OcppVersion.OCPP_16J.subprotocol();

    /** The close code of a WebSocket closed at once because the client offered no acceptable subprotocol (1002, protocol error). */
    public static final int UNACCEPTABLE_CLOSE_CODE = 1002;

    /** What happens to an upgrade that offers no acceptable subprotocol. */
    private enum Unacceptable { CLOSE, KEEP_OPEN, REFUSE }

    private static final SubprotocolPolicy DEFAULT = new SubprotocolPolicy(List.of(OCPP16), Unacceptable.CLOSE);
    private static final SubprotocolPolicy NONE = new SubprotocolPolicy(List.of(), Unacceptable.KEEP_OPEN);

    private final List<String> subprotocols;
    private final Unacceptable unacceptable;

    private SubprotocolPolicy(List<String> subprotocols, Unacceptable unacceptable) {
        this.subprotocols = List.copyOf(subprotocols);
        this.unacceptable = unacceptable;
    }

    /**
     * {@code select("ocpp1.6")}: when the client offers only others, upgrades without a subprotocol
     * and closes the WebSocket at once, as OCPP-J prescribes.
     */
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
        return new SubprotocolPolicy(Arrays.asList(subprotocols), Unacceptable.CLOSE);
    }

    /** Upgrades without ever selecting a subprotocol, and keeps the session open. */
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
        return new SubprotocolPolicy(subprotocols, Unacceptable.REFUSE);
    }

    /**
     * This policy, upgrading without a subprotocol when the client offers no acceptable one and
     * keeping that session open (a Central System that ignores the subprotocol negotiation).
     */
    public SubprotocolPolicy keepingUnacceptable() {
        return new SubprotocolPolicy(subprotocols, Unacceptable.KEEP_OPEN);
    }

    /**
     * Whether a WebSocket upgraded without an acceptable subprotocol is closed at once (close code
     * {@value #UNACCEPTABLE_CLOSE_CODE}), as OCPP-J prescribes: the default, false for
     * {@link #selectNone()}, {@link #refusingUnacceptable()} and {@link #keepingUnacceptable()}.
     */
    public boolean closesUnacceptable() {
        return unacceptable == Unacceptable.CLOSE && !subprotocols.isEmpty();
    }

    /** The subprotocols it may select, in the order given; empty for {@link #selectNone()}. */
    public List<String> subprotocols() {
        return subprotocols;
    }

    /** Whether an upgrade without an acceptable subprotocol is refused with 400. */
    public boolean refusesUnacceptable() {
        return unacceptable == Unacceptable.REFUSE;
    }

    @Override
    public String toString() {
        return "SubprotocolPolicy[" + (subprotocols.isEmpty() ? "none" : "select=" + subprotocols)
                + (unacceptable == Unacceptable.REFUSE ? ", refusing unacceptable"
                        : closesUnacceptable() ? ", closing unacceptable" : ", keeping unacceptable") + "]";
    }
}
