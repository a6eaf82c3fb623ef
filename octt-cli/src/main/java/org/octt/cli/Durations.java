package org.octt.cli;

import org.octt.core.spi.HumanDuration;
import org.octt.core.spi.Timeouts;

import java.time.Duration;
import java.util.Locale;

/**
 * Parses durations as written on a command line ({@link HumanDuration#parse}): {@code 500ms}, {@code 3s},
 * {@code 1m}, {@code 1h}, {@code PT3S}; a network timeout is 1 ms to 1 h ({@link #MIN_TIMEOUT}, {@link Timeouts#MAX_NETWORK}).
 */
final class Durations {

    /** The shortest timeout: below a millisecond nothing on a network can answer. */
    static final Duration MIN_TIMEOUT = Duration.ofMillis(1);

    private Durations() {
    }

    /**
     * A network timeout: from {@link #MIN_TIMEOUT} to {@link Timeouts#MAX_NETWORK} (1 h);
     * {@link UsageException} naming {@code what} and the value as written when it is garbage, zero,
     * negative or out of these bounds.
     */
    static Duration parsePositive(String what, String value) {
        Duration d = parse(what, value);
        if (d.isZero() || d.isNegative()) {
            throw new UsageException(what + " must be positive, was: " + value);
        }
        if (d.compareTo(MIN_TIMEOUT) < 0 || d.compareTo(Timeouts.MAX_NETWORK) > 0) {
            throw new UsageException(what + " must be " + HumanDuration.format(MIN_TIMEOUT) + " to "
                    + HumanDuration.format(Timeouts.MAX_NETWORK) + ", was: " + value);
        }
        return d;
    }

    /**
     * A duration from {@code min} to {@code max}; {@link UsageException} naming {@code what} and the value as
     * written when it is garbage or out of these bounds.
     */
    static Duration parseBetween(String what, String value, Duration min, Duration max) {
        Duration d = parse(what, value);
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new UsageException(what + " must be " + HumanDuration.format(min) + " to " + HumanDuration.format(max)
                    + ", was: " + value);
        }
        return d;
    }

    private static Duration parse(String what, String value) {
        return HumanDuration.parse(value).orElseThrow(() ->
                new UsageException(what + " is not a duration (" + HumanDuration.SYNTAX + "), was: " + value));
    }

    /** As written for humans: {@code 850 ms}, {@code 1.2 s}, {@code 3 min 5 s}. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return (ms / 60_000) + " min " + (ms % 60_000) / 1000 + " s";
    }
}
