package org.octt.core.report;

import org.octt.core.engine.StepResult;
import org.octt.core.engine.TestCaseResult;
import org.octt.core.spi.CheckResult;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The exchange of a test case with the Central System as the reports show it: the HTTP upgrade
 * request and answer and every OCPP-J frame, each with its direction and time, in time order.
 *
 * <p>Test cases record it as check evidence under {@value #EVIDENCE_KEY}: a list of
 * {@code {"dir": "SENT"|"RECEIVED", "time": "<ISO-8601 instant>", "frame": "<text>"}} maps, as the
 * OCPP toolkit's {@code MessageLog} writes them (already redacted: no password, no Authorization
 * value). The reports take it out of the check's evidence and show it once per test case, each entry
 * naming the step and check that recorded it. Evidence under that key that does not have this shape
 * is left in the evidence as it is.
 *
 * <p>Stateless and thread-safe; the entries are immutable.
 */
public final class ExchangeLog {

    /** The evidence key a check's part of the exchange is recorded under. */
    public static final String EVIDENCE_KEY = "messageLog";

    /** Marks a frame octt sent in the readable form of an entry. */
    public static final String SENT_MARK = ">>";

    /** Marks a frame octt received in the readable form of an entry. */
    public static final String RECEIVED_MARK = "<<";

    /**
     * One entry of the exchange. A final class rather than a record, so that it can grow (see
     * {@link CheckResult}). Immutable; two entries are equal when all their attributes are.
     */
    public static final class Entry {
        private final String step;
        private final String check;
        private final String direction;
        private final String time;
        private final String frame;

        private Entry(String step, String check, String direction, String time, String frame) {
            this.step = Objects.requireNonNull(step, "step");
            this.check = Objects.requireNonNull(check, "check");
            this.direction = Objects.requireNonNull(direction, "direction");
            this.time = Objects.requireNonNull(time, "time");
            this.frame = Objects.requireNonNull(frame, "frame");
        }

        /**
         * An entry.
         *
         * @param step      the step whose check recorded it
         * @param check     the id of the check that recorded it
         * @param direction {@code SENT} by octt or {@code RECEIVED} from the Central System
         * @param time      when, as an ISO-8601 instant ({@code Instant.toString()})
         * @param frame     the frame as on the wire, redacted; an HTTP message as its start line and the
         *                  headers that matter, one per line
         */
        public static Entry of(String step, String check, String direction, String time, String frame) {
            return new Entry(step, check, direction, time, frame);
        }

        /** The step whose check recorded it. */
        public String step() {
            return step;
        }

        /** The id of the check that recorded it. */
        public String check() {
            return check;
        }

        /** {@code SENT} by octt or {@code RECEIVED} from the Central System. */
        public String direction() {
            return direction;
        }

        /** When, as an ISO-8601 instant. */
        public String time() {
            return time;
        }

        /** The frame as on the wire, redacted. */
        public String frame() {
            return frame;
        }

        /** Whether octt sent it. */
        public boolean sent() {
            return direction.equals("SENT");
        }

        /**
         * The entry as readable text: {@code <time>  >>  <frame>} for a frame sent, {@code <<} for one
         * received; each further line of the frame indented under the first.
         */
        public String line() {
            String head = time + "  " + (sent() ? SENT_MARK : RECEIVED_MARK) + "  ";
            return head + frame.replace("\r\n", "\n").replace("\n", "\n" + " ".repeat(head.length()));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && step.equals(e.step) && check.equals(e.check)
                    && direction.equals(e.direction) && time.equals(e.time) && frame.equals(e.frame);
        }

        @Override
        public int hashCode() {
            return Objects.hash(step, check, direction, time, frame);
        }

        @Override
        public String toString() {
            return "Entry[" + step + "/" + check + " " + direction + " " + time + " " + frame + "]";
        }
    }

    private ExchangeLog() {
    }

    /**
     * The exchange of {@code testCase}: the entries of every check's {@value #EVIDENCE_KEY} evidence,
     * each once (an entry recorded by two checks is kept with the first), sorted by time (stable:
     * entries of the same time stay in the order the checks reported them).
     */
    public static List<Entry> of(TestCaseResult testCase) {
        List<Entry> all = new ArrayList<>();
        Set<List<String>> seen = new HashSet<>();
        for (StepResult step : testCase.steps()) {
            for (CheckResult check : step.checks()) {
                for (Entry e : of(step, check).orElse(List.of())) {
                    if (seen.add(List.of(e.direction(), e.time(), e.frame()))) {
                        all.add(e);
                    }
                }
            }
        }
        all.sort(Comparator.comparing(e -> Instant.parse(e.time())));
        return List.copyOf(all);
    }

    /**
     * The entries {@code check} recorded, in its order; empty when it recorded none or its
     * {@value #EVIDENCE_KEY} evidence does not have the documented shape.
     */
    public static Optional<List<Entry>> of(StepResult step, CheckResult check) {
        Object value = check.evidence().get(EVIDENCE_KEY);
        if (!(value instanceof Collection<?> items)) {
            return Optional.empty();
        }
        List<Entry> entries = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof Map<?, ?> m) || !(m.get("dir") instanceof String dir)
                    || !(dir.equals("SENT") || dir.equals("RECEIVED"))
                    || !(m.get("time") instanceof String time) || !isInstant(time)
                    || !(m.get("frame") instanceof String frame)) {
                return Optional.empty();
            }
            entries.add(new Entry(step.name(), check.id(), dir, time, frame));
        }
        return Optional.of(List.copyOf(entries));
    }

    /** The check's evidence without its part of the exchange, when {@link #of(StepResult, CheckResult)} took it. */
    public static Map<String, Object> evidenceWithoutLog(StepResult step, CheckResult check) {
        if (of(step, check).isEmpty()) {
            return check.evidence();
        }
        Map<String, Object> rest = new LinkedHashMap<>(check.evidence());
        rest.remove(EVIDENCE_KEY);
        return rest;
    }

    /** The check's part of the exchange as readable lines ({@link Entry#line()}), one entry a line; empty when none. */
    public static String text(StepResult step, CheckResult check) {
        StringBuilder sb = new StringBuilder();
        for (Entry e : of(step, check).orElse(List.of())) {
            sb.append(e.line()).append('\n');
        }
        return sb.toString();
    }

    private static boolean isInstant(String time) {
        try {
            Instant.parse(time);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
