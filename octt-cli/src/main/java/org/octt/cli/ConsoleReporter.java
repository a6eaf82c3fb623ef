package org.octt.cli;

import org.octt.core.engine.NotRun;
import org.octt.core.engine.RunEvent;
import org.octt.core.engine.RunResult;
import org.octt.core.engine.StepResult;
import org.octt.core.engine.TestCaseResult;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.OperatorAction;
import org.octt.core.spi.Verdict;
import org.octt.core.text.Printable;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Prints a run on the console as it happens: a line per step (its verdict and duration when it
 * finishes; on a terminal a "running" line first, replaced in place), then the table of checks of
 * each test case as it finishes (failed checks first, then inconclusive ones, then the others in the
 * order reported), then what to change (the failed checks, one line each) and a summary line.
 * Against several targets (a fleet run) it prints one line per finished test case run instead, and
 * on a terminal a progress line. ANSI colour only when asked (a terminal, no {@code NO_COLOR}, no
 * {@code --no-color}). Prints only what the engine reports: check messages, evidence and reports
 * never hold secrets, and this class never sees one. Not thread-safe: feed it from one thread.
 *
 * <p>It fits a console {@code width} characters wide: a message is wrapped under its check, in the
 * MESSAGE column, a step's reason under the step, and a line meant to be replaced in place is cut
 * to fit. The reports always hold the full text.
 *
 * <p>Every value it prints that came from outside (ids, titles, targets, step names, check messages,
 * warnings, reasons) goes through {@link Printable#escape}: a server's certificate name or error text
 * cannot move the cursor, clear the screen, retitle the window or reorder the line, and a line break
 * in it is shown as {@code \n}.
 */
final class ConsoleReporter {

    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String DIM = "\u001b[2m";
    private static final String CLEAR_LINE = "\r\u001b[2K";

    /** Where a message goes, under its row, when the MESSAGE column would be too narrow. */
    private static final int NARROW_INDENT = 6;

    /** Most failed checks listed under "What to change". */
    static final int MAX_TO_CHANGE = 10;

    private final PrintWriter out;
    private final boolean colour;
    private final boolean live;
    private final boolean verbose;
    private final int width;
    private boolean prefixWithTestCase;
    private boolean prefixWithTarget;
    private String pendingStep;
    private boolean progressShown;
    private boolean fleet;
    private int planned;
    private int done;
    private int passed;
    private int failed;
    private int inconclusive;
    private java.time.Instant startedAt;
    /** The operator action being waited for, whose countdown line is shown (on a terminal), if any. */
    private RunEvent.ActionRequested waiting;
    private boolean countdownShown;

    /**
     * @param out     where to print
     * @param colour  whether to use ANSI colour
     * @param live    whether stdout is a terminal (a "running" line is replaced in place)
     * @param verbose whether to print every check as it is reported
     * @param width   the console's width in characters (at least {@value ConsoleText#MIN_WIDTH} is used)
     */
    ConsoleReporter(PrintWriter out, boolean colour, boolean live, boolean verbose, int width) {
        this.out = Objects.requireNonNull(out, "out");
        this.colour = colour;
        this.live = live;
        this.verbose = verbose;
        this.width = Math.max(ConsoleText.MIN_WIDTH, width);
    }

    void onEvent(RunEvent event) {
        if (event instanceof RunEvent.RunStarted e) {
            prefixWithTestCase = e.testCases() > 1 || e.targets() > 1;
            prefixWithTarget = e.targets() > 1;
            fleet = e.targets() > 1;
            planned = e.testCases() * e.targets();
            startedAt = e.at();
            if (fleet) {
                out.println("running " + e.testCases() + " test case" + (e.testCases() == 1 ? "" : "s") + " against "
                        + e.targets() + " targets");
            }
        } else if (event instanceof RunEvent.ActionRequested e) {
            printAction(e);
        } else if (fleet && !(event instanceof RunEvent.TestCaseFinished || event instanceof RunEvent.RunFinished)) {
            if (verbose && event instanceof RunEvent.CheckReported e) {
                endPending();
                String head = prefix(e.testCaseId(), e.target().toString()) + "  ";
                hanging(head + verdict(e.check().verdict()) + p(e.check().id()) + ": ",
                        head.length() + 14 + p(e.check().id()).length() + 2, e.check().message(), head.length() + 14);
            }
        } else if (event instanceof RunEvent.TestCaseFinished e && fleet) {
            endPending();
            printFleetLine(e.result());
            showProgress(e.at());
        } else if (event instanceof RunEvent.TestCaseStarted e) {
            endPending();
            out.println(style(BOLD, p(e.testCaseId())) + "  " + p(e.title()));
            out.println("  target: " + p(e.target().toString()));
        } else if (event instanceof RunEvent.StepStarted e) {
            endPending();
            if (live) {
                // one line that fits: a line the terminal wrapped could not be replaced in place
                String head = prefix(e.testCaseId(), e.target().toString()) + "  " + pad("running", 12);
                String step = ConsoleText.cut(e.step(), Math.max(10, width - 1 - head.length()));
                int room = width - 1 - head.length() - step.length() - 2;
                out.print(prefix(e.testCaseId(), e.target().toString()) + "  " + style(DIM, pad("running", 12))
                        + step + (room < 10 ? "" : "  " + style(DIM, ConsoleText.cut(e.description(), room))));
                pendingStep = e.testCaseId() + "\u0000" + e.target() + "\u0000" + e.step();
            }
        } else if (event instanceof RunEvent.CheckReported e) {
            if (verbose) {
                endPending();
                CheckResult c = e.check();
                String head = prefix(e.testCaseId(), e.target().toString()) + "      ";
                hanging(head + verdict(c.verdict()) + " " + p(c.id()) + ": ",
                        head.length() + 15 + p(c.id()).length() + 2, c.message(), head.length() + 15);
            }
        } else if (event instanceof RunEvent.StepFinished e) {
            StepResult s = e.result();
            String key = e.testCaseId() + "\u0000" + e.target() + "\u0000" + s.name();
            if (key.equals(pendingStep)) {
                out.print(CLEAR_LINE);
                pendingStep = null;
            } else {
                endPending();
            }
            String head = prefix(e.testCaseId(), e.target().toString()) + "  ";
            String duration = "(" + Durations.format(s.duration()) + ")";
            String line = head + verdict(s.verdict()) + p(s.name()) + "  " + style(DIM, duration);
            if (s.reason().isEmpty()) {
                out.println(line);
            } else {
                hanging(line + "  ", head.length() + 14 + p(s.name()).length() + 2 + duration.length() + 2, s.reason(),
                        head.length() + 14);
            }
        } else if (event instanceof RunEvent.TestCaseFinished e) {
            endPending();
            printTable(e.result());
        } else if (event instanceof RunEvent.RunFinished e) {
            endPending();
            printSummary(e.result());
        }
        out.flush();
    }

    /**
     * An operator action was asked for: its id, the Charge Point and the text, so that a person can make the Central
     * System act. On a terminal (not a fleet run) a countdown line follows, updated in place by {@link #tick} until
     * the next event; elsewhere the same line ends with the deadline.
     */
    /** The narrowest column an action's text is wrapped into beside its prefix. */
    private static final int ACTION_COLUMN = 40;

    private void printAction(RunEvent.ActionRequested e) {
        endPending();
        OperatorAction a = e.action();
        String chargePoint = a.chargePointId().or(() -> e.target().chargePointId()).orElse("?");
        String head = prefix(e.testCaseId(), e.target().toString()) + "  ";
        String label = "ACTION";
        boolean countdown = live && !fleet && a.deadline().isPresent();
        String text = a.id() + " for " + chargePoint + ": " + a.text()
                + (countdown ? "" : " (waiting for " + a.awaitedCall() + ".req"
                + a.deadline().map(d -> " until " + seconds(d)).orElse("") + ")");
        int column = head.length() + 14;
        if (width - column < ACTION_COLUMN) { // a long fleet prefix: the text below it, not in a narrow column
            out.println(head + style("\u001b[1;36m", label));
            hanging("    ", 4, text, 4);
        } else {
            hanging(head + style("\u001b[1;36m", label) + " ".repeat(14 - label.length()), column, text, column);
        }
        if (countdown) {
            waiting = e;
            tick(e.at());
        }
    }

    /**
     * On a terminal, while an operator action is awaited: the countdown line, replaced in place ({@code waiting for
     * ChangeConfiguration.req: 57 s left, until 2026-...Z}). Called about once a second; does nothing otherwise.
     */
    void tick(java.time.Instant now) {
        if (waiting == null) {
            return;
        }
        OperatorAction a = waiting.action();
        java.time.Instant deadline = a.deadline().orElseThrow();
        long left = Math.max(0, java.time.Duration.between(now, deadline).plusMillis(999).getSeconds());
        String head = prefix(waiting.testCaseId(), waiting.target().toString()) + "  " + " ".repeat(14);
        String line = "waiting for " + p(a.awaitedCall()) + ".req: " + left + " s left (until " + seconds(deadline) + ")";
        out.print(CLEAR_LINE + head + style(DIM, ConsoleText.cut(line, Math.max(10, width - 1 - head.length()))));
        countdownShown = true;
        out.flush();
    }

    /** An instant as ISO-8601 UTC to the second. */
    private static String seconds(java.time.Instant at) {
        return at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    private void endPending() {
        if (countdownShown) {
            out.print(CLEAR_LINE);
            countdownShown = false;
        }
        waiting = null;
        if (pendingStep != null) {
            out.println();
            pendingStep = null;
        }
        if (progressShown) {
            out.print(CLEAR_LINE);
            progressShown = false;
        }
    }

    /** Fleet runs: one line per finished test case run, with its reasons when it did not pass. */
    private void printFleetLine(TestCaseResult result) {
        done++;
        switch (result.verdict()) {
            case PASSED -> passed++;
            case FAILED -> failed++;
            default -> inconclusive++;
        }
        out.println(verdict(result.verdict()) + p(result.id()) + " @ " + p(result.target().toString()) + "  "
                + style(DIM, "(" + Durations.format(result.duration()) + ")"));
        for (String reason : result.reasons()) {
            hanging("      ", 6, reason, 8);
        }
    }

    /** Fleet runs on a terminal: a progress line, replaced by the next output. */
    private void showProgress(java.time.Instant now) {
        if (!live) {
            return;
        }
        double seconds = Math.max(0.001, java.time.Duration.between(startedAt, now).toMillis() / 1000.0);
        out.print(style(DIM, String.format(java.util.Locale.ROOT,
                "%d/%d done: %d passed, %d failed, %d inconclusive, %.1f/s", done, planned, passed, failed,
                inconclusive, done / seconds)));
        progressShown = true;
    }

    private String prefix(String testCaseId, String target) {
        if (!prefixWithTestCase) {
            return "";
        }
        return "[" + p(testCaseId) + (prefixWithTarget ? " @ " + p(target) : "") + "]";
    }

    /**
     * The checks of a finished test case, one row each, failed ones first, then inconclusive ones, then
     * the others in the order reported; a step without checks but with a reason as {@code step:<name>}.
     * A message is wrapped at the console's width in the MESSAGE column, a warning under it.
     */
    void printTable(TestCaseResult result) {
        List<Row> rows = new ArrayList<>();
        for (StepResult step : result.steps()) {
            if (step.checks().isEmpty() && !step.reason().isEmpty()) {
                // a step that declares no check ids: its own row, marked as a step, not a check
                rows.add(new Row("step:" + p(step.name()), step.verdict(), step.reason(), List.of()));
            }
            for (CheckResult c : step.checks()) {
                rows.add(new Row(p(c.id()), c.verdict(), c.message(), c.warnings()));
            }
        }
        rows.sort(Comparator.comparingInt(r -> rank(r.verdict()))); // stable: reported order within a rank
        int idWidth = "CHECK".length();
        for (Row row : rows) {
            idWidth = Math.max(idWidth, row.id().length());
        }
        out.println();
        out.println(style(BOLD, p(result.id())) + "  " + verdict(result.verdict()).trim() + "  "
                + style(DIM, "(" + Durations.format(result.duration()) + ", " + p(result.target().toString()) + ")"));
        out.println("  " + style(BOLD, pad("CHECK", idWidth + 2) + pad("VERDICT", 14) + "MESSAGE"));
        String indent = " ".repeat(2 + idWidth + 2 + 14);
        int column = width - indent.length();
        String warningLabel = "warning: ";
        boolean narrow = column < ConsoleText.MIN_COLUMN;
        if (narrow) { // long check ids on a narrow console: messages under their rows
            indent = " ".repeat(NARROW_INDENT);
            column = width - NARROW_INDENT;
        }
        for (Row row : rows) {
            // a line break in a message (perhaps a server's text) is shown as \n, never followed
            List<String> lines = ConsoleText.wrap(row.message(), column);
            String head = "  " + pad(row.id(), idWidth + 2) + verdict(row.verdict());
            if (narrow) {
                out.println(head.stripTrailing());
                lines.forEach(line -> out.println(" ".repeat(NARROW_INDENT) + line));
            } else {
                out.println(head + lines.get(0));
                for (String more : lines.subList(1, lines.size())) {
                    out.println(indent + more);
                }
            }
            for (String warning : row.warnings()) {
                List<String> w = ConsoleText.wrap(warning, column - warningLabel.length());
                out.println(indent + style("\u001b[33m", warningLabel) + w.get(0));
                for (String more : w.subList(1, w.size())) {
                    out.println(indent + " ".repeat(warningLabel.length()) + more);
                }
            }
        }
        if (rows.isEmpty()) {
            out.println("  (no checks reported)");
        }
        if (result.insecure()) {
            out.println("  " + style("\u001b[33m", "note:") + " ran with --insecure: credentials were sent even if"
                    + " the server certificate failed validation");
        }
        out.println();
    }

    /** A row of the table: the check id (escaped), its verdict, its message and warnings (raw). */
    private record Row(String id, Verdict verdict, String message, List<String> warnings) {
    }

    /** Where a verdict goes in a table: failed first, then inconclusive, then the others. */
    private static int rank(Verdict v) {
        return switch (v) {
            case FAILED -> 0;
            case INCONCLUSIVE -> 1;
            default -> 2;
        };
    }

    /**
     * What to change: each failed check of the run on one line cut to the width ({@code <id>  <check>:
     * <message>}, the target too when the run had several), at most {@value #MAX_TO_CHANGE}; nothing
     * when none failed.
     */
    private void printWhatToChange(RunResult result) {
        boolean withTarget = result.testCases().stream().map(t -> t.target().url()).distinct().count() > 1;
        List<String> lines = new ArrayList<>();
        int failedChecks = 0;
        for (TestCaseResult tc : result.testCases()) {
            for (CheckResult c : tc.checks()) {
                if (c.verdict() != Verdict.FAILED) {
                    continue;
                }
                failedChecks++;
                if (lines.size() < MAX_TO_CHANGE) {
                    String head = "  " + p(tc.id()) + (withTarget ? " @ " + p(tc.target().toString()) : "") + "  "
                            + p(c.id()) + ": ";
                    lines.add(head + ConsoleText.cut(c.message(), Math.max(ConsoleText.MIN_COLUMN, width - head.length())));
                }
            }
        }
        if (failedChecks == 0) {
            return;
        }
        String rest = " (" + failedChecks + " failed check" + (failedChecks == 1 ? "" : "s")
                + "; full text above and in the reports):";
        List<String> heading = ConsoleText.wrap(rest.substring(1), width - "What to change ".length(), width - 2);
        out.println(style(BOLD, "What to change") + " " + heading.get(0));
        heading.subList(1, heading.size()).forEach(line -> out.println("  " + line));
        lines.forEach(out::println);
        if (failedChecks > lines.size()) {
            out.println("  ... and " + (failedChecks - lines.size()) + " more");
        }
    }

    /**
     * Prints {@code head} (already escaped and styled, {@code headLength} characters as shown) and
     * {@code raw} wrapped after it, further lines indented {@code indent} characters.
     */
    private void hanging(String head, int headLength, String raw, int indent) {
        List<String> lines = ConsoleText.wrap(raw, width - headLength, width - indent);
        if (width - headLength < ConsoleText.MIN_COLUMN) { // no room after the head: all of it below
            out.println(head.stripTrailing());
            lines = ConsoleText.wrap(raw, width - indent);
            for (String line : lines) {
                out.println(" ".repeat(indent) + line);
            }
            return;
        }
        out.println(head + lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            out.println(" ".repeat(indent) + line);
        }
    }

    /**
     * The summary line of the run, after a line per test case that was not applicable (with the
     * reason) and, when it was cancelled, what did not run.
     */
    void printSummary(RunResult result) {
        printWhatToChange(result);
        long passed = count(result, Verdict.PASSED);
        long failed = count(result, Verdict.FAILED);
        long inconclusive = count(result, Verdict.INCONCLUSIVE);
        int total = result.testCases().size();
        List<NotRun> notApplicable = result.notRun().stream()
                .filter(n -> n.kind() == NotRun.Kind.NOT_APPLICABLE).toList();
        for (NotRun n : notApplicable) {
            String head = "not applicable  " + p(n.label()) + ": ";
            hanging(style(DIM, "not applicable") + "  " + p(n.label()) + ": ", head.length(), n.reason(), 4);
        }
        List<String> notRun = result.notRun().stream().filter(n -> n.kind() == NotRun.Kind.CANCELLED)
                .map(NotRun::label).toList();
        if (result.cancelled() || !notRun.isEmpty()) {
            out.println("cancelled: " + (notRun.isEmpty() ? "the run was stopped before every test case finished"
                    : notRun.size() + " test case run" + (notRun.size() == 1 ? "" : "s")
                    + " did not run: " + String.join(", ", notRun.subList(0, Math.min(5, notRun.size()))
                    .stream().map(ConsoleReporter::p).toList())
                    + (notRun.size() > 5 ? " and " + (notRun.size() - 5) + " more" : "")));
        }
        String counts = total + " test case run" + (total == 1 ? "" : "s") + ": " + passed + " passed, " + failed
                + " failed, " + inconclusive + " inconclusive"
                + (notApplicable.isEmpty() ? "" : ", " + notApplicable.size() + " not applicable")
                + " in " + Durations.format(result.duration());
        hanging(style(BOLD, "Result: ") + verdict(result.verdict()).trim() + "  ",
                "Result: ".length() + result.verdict().name().length() + 2, counts, 2);
    }

    /**
     * A value from outside (a check message, a server's certificate name, a URL...) made safe to print:
     * its control characters in visible form ({@link Printable#escape}).
     */
    private static String p(String value) {
        return Printable.escape(value);
    }

    private static long count(RunResult result, Verdict verdict) {
        return result.testCases().stream().filter(t -> t.verdict() == verdict).count();
    }

    /** The verdict padded to a column, coloured when colour is on. */
    private String verdict(Verdict v) {
        String code = switch (v) {
            case PASSED -> "\u001b[32m";
            case FAILED -> "\u001b[1;31m";
            case INCONCLUSIVE -> "\u001b[33m";
            case SKIPPED -> DIM;
        };
        return style(code, v.name()) + " ".repeat(14 - v.name().length());
    }

    private String style(String code, String text) {
        return colour ? code + text + RESET : text;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }
}
