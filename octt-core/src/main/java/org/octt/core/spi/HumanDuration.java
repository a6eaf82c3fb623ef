package org.octt.core.spi;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Durations as people write them, for messages and reports: {@code 500ms}, {@code 3s},
 * {@code 1m30s}, {@code 2h} (never ISO 8601 {@code PT3S}). octt-tls has the same formatter
 * ({@code org.octt.tls.internal.HumanDuration}), as it does not depend on octt-core.
 */
public final class HumanDuration {

    private HumanDuration() {
    }

    /**
     * {@code 500ms}, {@code 3s}, {@code 1m30s}, {@code 2h}, {@code 1s500ms}, {@code 0.25ms};
     * {@code 0s} for zero; a negative duration with a leading {@code -}.
     */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.isNegative()) {
            return "-" + format(d.negated());
        }
        StringBuilder sb = new StringBuilder();
        long hours = d.toHours();
        int minutes = d.toMinutesPart();
        int seconds = d.toSecondsPart();
        int nanos = d.toNanosPart();
        if (hours > 0) {
            sb.append(hours).append('h');
        }
        if (minutes > 0) {
            sb.append(minutes).append('m');
        }
        if (seconds > 0) {
            sb.append(seconds).append('s');
        }
        if (nanos > 0) {
            sb.append(new BigDecimal(nanos).movePointLeft(6).stripTrailingZeros().toPlainString()).append("ms");
        }
        return sb.toString();
    }
}
