package org.octt.core.report;

import org.octt.core.engine.NotRun;
import org.octt.core.engine.RunResult;
import org.octt.core.engine.StepResult;
import org.octt.core.engine.TestCaseResult;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.Verdict;
import org.octt.core.text.Addresses;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a JUnit XML report that Jenkins, GitLab and GitHub Actions show natively.
 *
 * <p>Layout: one {@code <testsuites name="octt">} root; one {@code <testsuite>} per test case and
 * target, named {@code <id> @ <url>}, with the title, target and verdict as properties and the
 * reasons in {@code <system-out>}; one {@code <testcase>} per check, named by the check id, with
 * classname {@code <id>@<host>:<port>}. A check that is {@code FAILED} has a {@code <failure>},
 * {@code INCONCLUSIVE} an {@code <error>}, {@code SKIPPED} a {@code <skipped>}, each with the
 * check's message. A step that reported no check but was skipped or could not go on gets a
 * {@code <testcase>} of its own, named {@code step:<name>}. A test case that did not run because
 * the run was cancelled gets a suite with one skipped {@code <testcase name="not run">}; one whose
 * prerequisites do not apply to the target, one skipped {@code <testcase name="not applicable">};
 * both with the reason as the skipped message.
 *
 * <p>It sees only a {@link RunResult}, which holds no secret. Stateless and thread-safe.
 */
public final class JUnitXmlReport {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private JUnitXmlReport() {
    }

    /**
     * Writes the report of {@code result} to {@code out} (declared UTF-8). Flushes but does not
     * close {@code out}.
     *
     * @throws IOException when writing fails
     */
    public static void write(RunResult result, Writer out) throws IOException {
        List<Suite> suites = new ArrayList<>();
        for (TestCaseResult tc : result.testCases()) {
            suites.add(suite(tc));
        }
        for (NotRun notRun : result.notRun()) {
            String classname = notRun.testCaseId() + "@"
                    + Addresses.hostPort(notRun.target().host(), notRun.target().port());
            String name = notRun.kind() == NotRun.Kind.NOT_APPLICABLE ? "not applicable" : "not run";
            List<String[]> properties = List.of(new String[] {"title", notRun.title()},
                    new String[] {"target", notRun.target().url().toString()},
                    new String[] {"notRun", notRun.kind().name()});
            suites.add(new Suite(notRun.label(), TIMESTAMP.format(result.startedAt()), Duration.ZERO, properties,
                    notRun.reason(), List.of(new Case(name, classname, Duration.ZERO, Verdict.SKIPPED,
                            notRun.reason(), ""))));
        }
        long tests = suites.stream().mapToLong(s -> s.cases().size()).sum();
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.write("<testsuites name=\"octt\"" + attr("tests", tests) + attr("failures", count(suites, Verdict.FAILED))
                + attr("errors", count(suites, Verdict.INCONCLUSIVE)) + attr("skipped", count(suites, Verdict.SKIPPED))
                + attr("time", seconds(result.duration())) + ">\n");
        for (Suite s : suites) {
            writeSuite(s, out);
        }
        out.write("</testsuites>\n");
        out.flush();
    }

    /**
     * Writes the report of {@code result} to {@code file} (UTF-8), replacing it.
     *
     * @throws IOException when the file cannot be written
     */
    public static void write(RunResult result, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(result, out);
        }
    }

    private static Suite suite(TestCaseResult tc) {
        String classname = tc.id() + "@" + Addresses.hostPort(tc.target().host(), tc.target().port());
        List<Case> cases = new ArrayList<>();
        for (StepResult step : tc.steps()) {
            Duration time = step.duration();
            if (step.checks().isEmpty()) {
                if (step.verdict() != Verdict.PASSED) {
                    cases.add(new Case("step:" + step.name(), classname, time, step.verdict(), step.reason(), ""));
                }
                continue;
            }
            for (CheckResult c : step.checks()) {
                cases.add(new Case(c.id(), classname, time, c.verdict(), c.message(), details(step, c)));
                time = Duration.ZERO; // the step's time goes on its first check, so times add up
            }
            if (step.verdict() == Verdict.INCONCLUSIVE && !step.reason().isEmpty()
                    && step.checks().stream().noneMatch(c -> c.verdict() == Verdict.INCONCLUSIVE)) {
                cases.add(new Case("step:" + step.name(), classname, Duration.ZERO, Verdict.INCONCLUSIVE,
                        step.reason(), ""));
            }
        }
        List<String[]> properties = new ArrayList<>();
        properties.add(new String[] {"title", tc.title()});
        properties.add(new String[] {"target", tc.target().url().toString()});
        tc.target().connectAddress().ifPresent(a -> properties.add(new String[] {"connectTo", Reports.connectTo(a)}));
        properties.add(new String[] {"verdict", tc.verdict().name()});
        properties.add(new String[] {"insecure", Boolean.toString(tc.insecure())});
        return new Suite(tc.id() + " @ " + tc.target().url(), TIMESTAMP.format(tc.startedAt()), tc.duration(),
                properties, String.join("\n", tc.reasons()), cases);
    }

    private static String details(StepResult step, CheckResult c) {
        StringBuilder sb = new StringBuilder();
        sb.append("step: ").append(step.name()).append('\n');
        sb.append(c.message()).append('\n');
        for (String w : c.warnings()) {
            sb.append("warning: ").append(w).append('\n');
        }
        for (Map.Entry<String, Object> e : c.evidence().entrySet()) {
            sb.append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        return sb.toString();
    }

    private static void writeSuite(Suite s, Writer out) throws IOException {
        out.write("  <testsuite" + attr("name", s.name()) + attr("tests", s.cases().size())
                + attr("failures", s.count(Verdict.FAILED)) + attr("errors", s.count(Verdict.INCONCLUSIVE))
                + attr("skipped", s.count(Verdict.SKIPPED)) + attr("time", seconds(s.time()))
                + attr("timestamp", s.timestamp()) + ">\n");
        if (!s.properties().isEmpty()) {
            out.write("    <properties>\n");
            for (String[] p : s.properties()) {
                out.write("      <property" + attr("name", p[0]) + attr("value", p[1]) + "/>\n");
            }
            out.write("    </properties>\n");
        }
        for (Case c : s.cases()) {
            out.write("    <testcase" + attr("name", c.name()) + attr("classname", c.classname())
                    + attr("time", seconds(c.time())));
            switch (c.verdict()) {
                case PASSED -> out.write("/>\n");
                case FAILED -> out.write(">\n      <failure" + attr("message", c.message()) + attr("type", "FAILED") + ">"
                        + text(c.details()) + "</failure>\n    </testcase>\n");
                case INCONCLUSIVE -> out.write(">\n      <error" + attr("message", c.message()) + attr("type", "INCONCLUSIVE")
                        + ">" + text(c.details()) + "</error>\n    </testcase>\n");
                case SKIPPED -> out.write(">\n      <skipped" + attr("message", c.message()) + "/>\n    </testcase>\n");
            }
        }
        if (!s.systemOut().isEmpty()) {
            out.write("    <system-out>" + text(s.systemOut()) + "</system-out>\n");
        }
        out.write("  </testsuite>\n");
    }

    private static long count(List<Suite> suites, Verdict v) {
        return suites.stream().mapToLong(s -> s.count(v)).sum();
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f", d.toNanos() / 1e9);
    }

    private static String attr(String name, Object value) {
        return " " + name + "=\"" + escape(String.valueOf(value), true) + "\"";
    }

    private static String text(String value) {
        return escape(value, false);
    }

    /** XML escaping; characters XML 1.0 cannot hold become U+FFFD; in attributes, line breaks are kept as references. */
    static String escape(String s, boolean attribute) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append(attribute ? "&quot;" : "\"");
                case '\'' -> sb.append(attribute ? "&apos;" : "'");
                case '\n' -> sb.append(attribute ? "&#10;" : "\n");
                case '\r' -> sb.append(attribute ? "&#13;" : "\r");
                case '\t' -> sb.append(attribute ? "&#9;" : "\t");
                default -> {
                    boolean legal = (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD)
                            || (cp >= 0x10000 && cp <= 0x10FFFF);
                    if (legal) {
                        sb.appendCodePoint(cp);
                    } else {
                        sb.append('\uFFFD');
                    }
                }
            }
        }
        return sb.toString();
    }

    private record Suite(String name, String timestamp, Duration time, List<String[]> properties, String systemOut,
                         List<Case> cases) {
        long count(Verdict v) {
            return cases.stream().filter(c -> c.verdict() == v).count();
        }
    }

    private record Case(String name, String classname, Duration time, Verdict verdict, String message,
                        String details) {
    }
}
