package org.octt.core.engine;

import java.time.Duration;

/** Human durations for reasons: {@code 5s}, {@code 500ms}, {@code 1m30s}. */
final class Durations {

    private Durations() {
    }

    static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long hours = d.toHours();
        int minutes = d.toMinutesPart();
        int seconds = d.toSecondsPart();
        int millis = d.toMillisPart();
        if (hours > 0) {
            sb.append(hours).append('h');
        }
        if (minutes > 0) {
            sb.append(minutes).append('m');
        }
        if (seconds > 0) {
            sb.append(seconds).append('s');
        }
        if (millis > 0) {
            sb.append(millis).append("ms");
        }
        return sb.length() == 0 ? d.toString() : sb.toString();
    }
}
