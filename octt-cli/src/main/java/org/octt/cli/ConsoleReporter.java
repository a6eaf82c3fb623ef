package org.octt.cli;

import org.octt.core.engine.NotRun;
import org.octt.core.engine.RunEvent;
import org.octt.core.engine.RunResult;
import org.octt.core.engine.StepResult;
import org.octt.core.engine.TestCaseResult;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.Verdict;
import org.octt.core.text.Printable;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Prints a run on the console as it happens: a line per step (its verdict and duration when it
 * finishes; on a terminal a "running" line first, replaced in place), then the table of checks of
 * each test case as it finishes, then a summary line. Against several targets (a fleet run) it
 * prints one line per finished test case run instead, and on a terminal a progress line. ANSI colour only when asked (a terminal,
 * no {@code NO_COLOR}). Prints only what the engine reports: check messages, evidence and
 * reports never hold secrets, and this class never sees one. Not thread-safe: feed it from one
 * thread.
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

    private final PrintWriter out;
    private final boolean colour;
    private final boolean live;
    private final boolean verbose;
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

    /**
     * @param out     where to print
     * @param colour  whether to use ANSI colour
     * @param live    whether stdout is a terminal (a "running" line is replaced in place)
     * @param verbose whether to print every check as it is reported
     */
    ConsoleReporter(PrintWriter out, boolean colour, boolean live, boolean verbose) {
        this.out = Objects.requireNonNull(out, "out");
        this.colour = colour;
        this.live = live;
        this.verbose = verbose;
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
        } else if (fleet && !(event instanceof RunEvent.TestCaseFinished || event instanceof RunEvent.RunFinished)) {
            if (verbose && event instanceof RunEvent.CheckReported e) {
                endPending();
                out.println(prefix(e.testCaseId(), e.target().toString()) + "  " + verdict(e.check().verdict())
                        + p(e.check().id()) + ": " + p(e.check().message()));
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
                out.print(prefix(e.testCaseId(), e.target().toString()) + "  " + style(DIM, pad("running", 12))
                        + p(e.step()) + "  " + style(DIM, p(e.description())));
                pendingStep = e.testCaseId() + "\u0000" + e.target() + "\u0000" + e.step();
            }
        } else if (event instanceof RunEvent.CheckReported e) {
            if (verbose) {
                endPending();
                CheckResult c = e.check();
                out.println(prefix(e.testCaseId(), e.target().toString()) + "      " + verdict(c.verdict()) + " "
                        + p(c.id()) + ": " + p(c.message()));
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
            out.println(prefix(e.testCaseId(), e.target().toString()) + "  " + verdict(s.verdict()) + p(s.name())
                    + "  " + style(DIM, "(" + Durations.format(s.duration()) + ")")
                    + (s.reason().isEmpty() ? "" : "  " + p(s.reason())));
        } else if (event instanceof RunEvent.TestCaseFinished e) {
            endPending();
            printTable(e.result());
        } else if (event instanceof RunEvent.RunFinished e) {
            endPending();
            printSummary(e.result());
        }
        out.flush();
    }

    private void endPending() {
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
            out.println("      " + p(reason));
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

    /** The checks of a finished test case, one row each; a step without checks but with a reason as {@code step:<name>}. */
    void printTable(TestCaseResult result) {
        List<String[]> rows = new ArrayList<>();
        for (StepResult step : result.steps()) {
            if (step.checks().isEmpty() && !step.reason().isEmpty()) {
                // a step that declares no check ids: its own row, marked as a step, not a check
                rows.add(new String[] {"step:" + p(step.name()), step.verdict().name(), step.reason(), ""});
            }
            for (CheckResult c : step.checks()) {
                rows.add(new String[] {p(c.id()), c.verdict().name(), c.message(),
                    String.join("\n", c.warnings().stream().map(ConsoleReporter::p).toList())});
            }
        }
        int idWidth = "CHECK".length();
        for (String[] row : rows) {
            idWidth = Math.max(idWidth, row[0].length());
        }
        out.println();
        out.println(style(BOLD, p(result.id())) + "  " + verdict(result.verdict()).trim() + "  "
                + style(DIM, "(" + Durations.format(result.duration()) + ", " + p(result.target().toString()) + ")"));
        out.println("  " + style(BOLD, pad("CHECK", idWidth + 2) + pad("VERDICT", 14) + "MESSAGE"));
        String indent = " ".repeat(2 + idWidth + 2 + 14);
        for (String[] row : rows) {
            // one line: a line break in a message (perhaps a server's text) is shown as \n, never followed
            out.println("  " + pad(row[0], idWidth + 2) + verdict(Verdict.valueOf(row[1])) + p(row[2]));
            if (!row[3].isEmpty()) {
                for (String warning : row[3].split("\n")) {
                    out.println(indent + style("\u001b[33m", "warning: ") + warning);
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

    /**
     * The summary line of the run, after a line per test case that was not applicable (with the
     * reason) and, when it was cancelled, what did not run.
     */
    void printSummary(RunResult result) {
        long passed = count(result, Verdict.PASSED);
        long failed = count(result, Verdict.FAILED);
        long inconclusive = count(result, Verdict.INCONCLUSIVE);
        int total = result.testCases().size();
        List<NotRun> notApplicable = result.notRun().stream()
                .filter(n -> n.kind() == NotRun.Kind.NOT_APPLICABLE).toList();
        for (NotRun n : notApplicable) {
            out.println(style(DIM, "not applicable") + "  " + p(n.label()) + ": " + p(n.reason()));
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
        out.println(style(BOLD, "Result: ") + verdict(result.verdict()).trim() + "  " + total + " test case run"
                + (total == 1 ? "" : "s") + ": " + passed + " passed, " + failed + " failed, " + inconclusive
                + " inconclusive" + (notApplicable.isEmpty() ? "" : ", " + notApplicable.size() + " not applicable")
                + " in " + Durations.format(result.duration()));
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
