package org.octt.core.report;

import org.octt.core.engine.NotRun;
import org.octt.core.engine.RunResult;
import org.octt.core.engine.StepResult;
import org.octt.core.engine.TestCaseResult;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.Verdict;
import org.octt.core.text.Addresses;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.FilterWriter;
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
 * <p>Written with StAX ({@link XMLStreamWriter}), which escapes markup characters; characters XML
 * 1.0 cannot hold become U+FFFD, and line breaks in attributes are written as character
 * references so that they survive parsing. It sees only a {@link RunResult}, which holds no
 * secret. Stateless and thread-safe.
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
                            notRun.reason(), "", ""))));
        }
        long tests = suites.stream().mapToLong(s -> s.cases().size()).sum();
        AttributeWhitespace filtered = new AttributeWhitespace(out);
        try {
            XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(filtered);
            Xml w = new Xml(xml, filtered);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            w.attr("name", "octt");
            w.attr("tests", tests);
            w.attr("failures", count(suites, Verdict.FAILED));
            w.attr("errors", count(suites, Verdict.INCONCLUSIVE));
            w.attr("skipped", count(suites, Verdict.SKIPPED));
            w.attr("time", seconds(result.duration()));
            for (Suite s : suites) {
                writeSuite(s, w);
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.flush();
            xml.close();
        } catch (XMLStreamException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("cannot write the JUnit XML report", e);
        }
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
                    cases.add(new Case("step:" + step.name(), classname, time, step.verdict(), step.reason(), "", ""));
                }
                continue;
            }
            for (CheckResult c : step.checks()) {
                cases.add(new Case(c.id(), classname, time, c.verdict(), c.message(), details(step, c),
                        ExchangeLog.text(step, c)));
                time = Duration.ZERO; // the step's time goes on its first check, so times add up
            }
            if (step.verdict() == Verdict.INCONCLUSIVE && !step.reason().isEmpty()
                    && step.checks().stream().noneMatch(c -> c.verdict() == Verdict.INCONCLUSIVE)) {
                cases.add(new Case("step:" + step.name(), classname, Duration.ZERO, Verdict.INCONCLUSIVE,
                        step.reason(), "", ""));
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
        for (Map.Entry<String, Object> e : ExchangeLog.evidenceWithoutLog(step, c).entrySet()) {
            sb.append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        return sb.toString();
    }

    private static void writeSuite(Suite s, Xml w) throws XMLStreamException {
        XMLStreamWriter xml = w.xml();
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        w.attr("name", s.name());
        w.attr("tests", s.cases().size());
        w.attr("failures", s.count(Verdict.FAILED));
        w.attr("errors", s.count(Verdict.INCONCLUSIVE));
        w.attr("skipped", s.count(Verdict.SKIPPED));
        w.attr("time", seconds(s.time()));
        w.attr("timestamp", s.timestamp());
        if (!s.properties().isEmpty()) {
            xml.writeCharacters("\n    ");
            xml.writeStartElement("properties");
            for (String[] p : s.properties()) {
                xml.writeCharacters("\n      ");
                xml.writeEmptyElement("property");
                w.attr("name", p[0]);
                w.attr("value", p[1]);
            }
            xml.writeCharacters("\n    ");
            xml.writeEndElement();
        }
        for (Case c : s.cases()) {
            xml.writeCharacters("\n    ");
            if (c.verdict() == Verdict.PASSED && c.systemOut().isEmpty()) {
                xml.writeEmptyElement("testcase");
                testcaseAttributes(c, w);
                continue;
            }
            xml.writeStartElement("testcase");
            testcaseAttributes(c, w);
            xml.writeCharacters("\n      ");
            switch (c.verdict()) {
                case PASSED -> { }
                case FAILED, INCONCLUSIVE -> {
                    xml.writeStartElement(c.verdict() == Verdict.FAILED ? "failure" : "error");
                    w.attr("message", c.message());
                    w.attr("type", c.verdict().name());
                    xml.writeCharacters(legal(c.details()));
                    xml.writeEndElement();
                }
                default -> {
                    xml.writeEmptyElement("skipped");
                    w.attr("message", c.message());
                }
            }
            if (!c.systemOut().isEmpty()) {
                if (c.verdict() != Verdict.PASSED) {
                    xml.writeCharacters("\n      ");
                }
                xml.writeStartElement("system-out");
                xml.writeCharacters(legal(c.systemOut()));
                xml.writeEndElement();
            }
            xml.writeCharacters("\n    ");
            xml.writeEndElement();
        }
        if (!s.systemOut().isEmpty()) {
            xml.writeCharacters("\n    ");
            xml.writeStartElement("system-out");
            xml.writeCharacters(legal(s.systemOut()));
            xml.writeEndElement();
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    private static void testcaseAttributes(Case c, Xml w) throws XMLStreamException {
        w.attr("name", c.name());
        w.attr("classname", c.classname());
        w.attr("time", seconds(c.time()));
    }

    private static long count(List<Suite> suites, Verdict v) {
        return suites.stream().mapToLong(s -> s.count(v)).sum();
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f", d.toNanos() / 1e9);
    }

    /**
     * The text with every character XML 1.0 cannot hold (most C0 controls, lone surrogates,
     * U+FFFE/U+FFFF) replaced by U+FFFD; the StAX writer escapes the rest.
     */
    static String legal(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            boolean legal = cp == '\t' || cp == '\n' || cp == '\r' || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
            sb.appendCodePoint(legal ? cp : '\uFFFD');
        }
        return sb.toString();
    }

    /** The StAX writer and the filter under it, to write attributes whose line breaks survive parsing. */
    private record Xml(XMLStreamWriter xml, AttributeWhitespace filter) {
        void attr(String name, Object value) throws XMLStreamException {
            xml.flush();
            filter.inAttribute = true;
            try {
                xml.writeAttribute(name, legal(String.valueOf(value)));
                xml.flush();
            } finally {
                filter.inAttribute = false;
            }
        }
    }

    /**
     * Writes tab, line feed and carriage return as character references while an attribute is
     * written. A parser normalises those characters in an attribute value to spaces (XML 1.0,
     * section 3.3.3), and the StAX writer of the JDK writes them as they are; as references they
     * survive, so a multi-line check message reads back as it was.
     */
    private static final class AttributeWhitespace extends FilterWriter {
        boolean inAttribute;

        AttributeWhitespace(Writer out) {
            super(out);
        }

        @Override
        public void write(int c) throws IOException {
            if (inAttribute && (c == '\t' || c == '\n' || c == '\r')) {
                out.write("&#" + c + ";");
            } else {
                out.write(c);
            }
        }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            for (int i = off; i < off + len; i++) {
                write(buf[i]);
            }
        }

        @Override
        public void write(String str, int off, int len) throws IOException {
            for (int i = off; i < off + len; i++) {
                write(str.charAt(i));
            }
        }

        @Override
        public void close() throws IOException {
            flush(); // the caller closes its writer
        }
    }

    private record Suite(String name, String timestamp, Duration time, List<String[]> properties, String systemOut,
                         List<Case> cases) {
        long count(Verdict v) {
            return cases.stream().filter(c -> c.verdict() == v).count();
        }
    }

    /** A {@code <testcase>}; {@code systemOut} is the check's part of the message log as readable lines. */
    private record Case(String name, String classname, Duration time, Verdict verdict, String message,
                        String details, String systemOut) {
    }
}
