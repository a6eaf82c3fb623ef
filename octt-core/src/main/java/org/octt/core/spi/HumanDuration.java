package org.octt.core.spi;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them, for messages and reports: {@code 500ms}, {@code 3s},
 * {@code 1m30s}, {@code 2h} (never ISO 8601 {@code PT3S}). octt-tls has the same formatter
 * ({@code org.octt.tls.internal.HumanDuration}), as it does not depend on octt-core.
 */
public final class HumanDuration {

    /** How a person writes a duration: a whole number and a unit. */
    private static final Pattern SHORT = Pattern.compile("(-?\\d{1,9})\\s*(ms|s|m|h)");

    /** What {@link #parse} accepts, for messages: {@value}. */
    public static final String SYNTAX = "e.g. 500ms, 3s, 1m, PT3S";

    private HumanDuration() {
    }

    /**
     * A duration as a person writes it in a setting: {@code 500ms}, {@code 3s}, {@code 1m},
     * {@code 1h} (a whole number, a unit, case-insensitive, spaces around ignored) or ISO 8601
     * ({@code PT3S}); empty when {@code value} is none of these. Zero and negative values are
     * returned as written: the caller judges the bounds and words the message with its setting's
     * name ({@link #SYNTAX} says what is accepted).
     *
     * @param value not null
     */
    public static Optional<Duration> parse(String value) {
        String v = value.trim();
        Matcher m = SHORT.matcher(v.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return Optional.of(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
        }
        String upper = v.toUpperCase(Locale.ROOT);
        if (upper.startsWith("PT") || upper.startsWith("-PT")) {
            try {
                return Optional.of(Duration.parse(v));
            } catch (DateTimeParseException | ArithmeticException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
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
