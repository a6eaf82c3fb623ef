package org.octt.core.report;

import org.junit.jupiter.api.Test;
import org.octt.core.engine.NotRun;
import org.octt.core.engine.RunResult;
import org.octt.core.engine.StepResult;
import org.octt.core.engine.TestCaseResult;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.Target;
import org.octt.core.spi.Verdict;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JUnitXmlReportTests {

    private static Document write(RunResult result) throws Exception {
        StringWriter out = new StringWriter();
        JUnitXmlReport.write(result, out);
        assertThat(out.toString()).doesNotContain(ReportFixtures.PASSWORD);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(out.toString())));
    }

    @Test
    void writesOneTestcasePerCheckWithFailuresErrorsAndSkipsThatADomParserReads() throws Exception {
        Document doc = write(ReportFixtures.run());

        Element root = doc.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(root.getAttribute("tests")).isEqualTo("5");
        assertThat(root.getAttribute("failures")).isEqualTo("1");
        assertThat(root.getAttribute("errors")).isEqualTo("1");
        assertThat(root.getAttribute("skipped")).isEqualTo("2");

        Element suite = (Element) root.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("TC_086_CSMS @ wss://csms.example.com:8443/ocpp/CP001");
        assertThat(properties(suite)).containsExactly(
                "title=TLS - server-side certificate - Valid certificate",
                "target=wss://csms.example.com:8443/ocpp/CP001",
                "connectTo=127.0.0.1:9443",
                "verdict=FAILED",
                "insecure=false");

        List<Element> cases = elements(suite.getElementsByTagName("testcase"));
        assertThat(cases).extracting(c -> c.getAttribute("name"))
                .containsExactly("tls.version", "tls.cipher", "cert.fqdn", "step:ocpp-connect", "step:boot");
        assertThat(cases).extracting(c -> c.getAttribute("classname")).containsOnly("TC_086_CSMS@csms.example.com:8443");

        assertThat(cases.get(0).getChildNodes().getLength()).isZero();
        Element failure = child(cases.get(1), "failure");
        assertThat(failure.getAttribute("message")).isEqualTo(ReportFixtures.NASTY.replace('\u0001', '\uFFFD'));
        assertThat(failure.getTextContent()).contains("step: tls-handshake", "keyBits: 1024", "expected <TLS 1.2> & \"strong\"");
        assertThat(child(cases.get(2), "skipped").getAttribute("message")).isEqualTo("no certificate to compare");
        Element error = child(cases.get(3), "error");
        assertThat(error.getAttribute("message")).isEqualTo("connection refused");
        assertThat(error.getAttribute("type")).isEqualTo("INCONCLUSIVE");
        assertThat(child(cases.get(4), "skipped").getAttribute("message"))
                .isEqualTo("not run: step 'ocpp-connect' could not go on: connection refused");
        assertThat(directChild(suite, "system-out").getTextContent())
                .contains("tls.cipher: expected <TLS 1.2>", "ocpp-connect: connection refused");
        assertThat(failure.getTextContent()).as("the log is in system-out, not in the failure").doesNotContain("messageLog");
        assertThat(directChild(cases.get(1), "system-out").getTextContent()).isEqualTo(
                "2025-06-01T10:15:30.100Z  >>  GET /ocpp/CP001 HTTP/1.1\n"
                        + "                              Authorization: Basic **** (user CP001)\n"
                        + "2025-06-01T10:15:30.150Z  <<  HTTP/1.1 101 Switching Protocols\n"
                        + "                              sec-websocket-protocol: ocpp1.6\n"
                        + "2025-06-01T10:15:30.200Z  <<  [3,\"1\",{\"note\":\"<b> & \uFFFD\"}]\n");
        assertThat(cases.get(2).getElementsByTagName("system-out").getLength()).as("a check without a log").isZero();
    }

    @Test
    void reportsTestCasesNotRunAsSkippedWhenTheRunWasCancelled() throws Exception {
        RunResult cancelled = RunResult.of(Instant.parse("2025-01-02T03:04:05Z"), Duration.ofSeconds(2), List.of(),
                true, List.of(NotRun.cancelled("TC_086_CSMS", "TLS", Target.parse("wss://a.example.com/ocpp/CP1"))));

        Document doc = write(cancelled);

        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("TC_086_CSMS @ wss://a.example.com/ocpp/CP1");
        assertThat(suite.getAttribute("timestamp")).isEqualTo("2025-01-02T03:04:05");
        Element testcase = child(suite, "testcase");
        assertThat(testcase.getAttribute("name")).isEqualTo("not run");
        assertThat(child(testcase, "skipped").getAttribute("message"))
                .isEqualTo("the run was cancelled before this test case started");
        assertThat(doc.getDocumentElement().getAttribute("skipped")).isEqualTo("1");
        assertThat(doc.getDocumentElement().getAttribute("time")).isEqualTo("2.000");
    }

    @Test
    void markupTabsCarriageReturnsAndNonBmpCharactersReadBackAsWrittenAndCharactersXmlCannotHoldBecomeFffd()
            throws Exception {
        String message = "a\tb\r\nc ]]> <x> & \"q\" '\u00e9' \uD83D\uDD12 lone \uD800 nonchar \uFFFE nul \u0000";
        String expected = message.replace('\uD800', '\uFFFD').replace('\uFFFE', '\uFFFD').replace('\u0000', '\uFFFD');
        CheckResult check = CheckResult.failed("x.check", message);
        Target target = Target.parse("wss://h.example.com/ocpp/CP1");
        TestCaseResult tc = TestCaseResult.of(target, "TC_X", "title " + message, Verdict.FAILED,
                List.of("x.check: " + message), Instant.parse("2025-01-02T03:04:05Z"), Duration.ofMillis(5), false,
                List.of(StepResult.of("s", "d", Verdict.FAILED, "", Duration.ofMillis(5), List.of(check))));
        RunResult result = RunResult.of(Instant.parse("2025-01-02T03:04:05Z"), Duration.ofMillis(5), List.of(tc),
                false, List.of());

        Document doc = write(result);

        Element failure = child(doc.getDocumentElement(), "failure");
        assertThat(failure.getAttribute("message")).isEqualTo(expected);
        assertThat(failure.getTextContent()).isEqualTo("step: s\n" + expected.replace("\r\n", "\n") + "\n");
        assertThat(properties(child(doc.getDocumentElement(), "testsuite"))).contains("title=title " + expected);
        assertThat(child(doc.getDocumentElement(), "system-out").getTextContent())
                .isEqualTo("x.check: " + expected.replace("\r\n", "\n"));
    }

    @Test
    void reportsANotApplicableTestCaseAsSkippedWithTheReason() throws Exception {
        RunResult result = RunResult.of(Instant.parse("2025-01-02T03:04:05Z"), Duration.ofSeconds(1), List.of(),
                false, List.of(NotRun.notApplicable("TC_P3", "Profile 3 card", Target.parse("wss://a.example.com/ocpp/CP1"),
                        "applies to security profile 3, the target is configured with profile 2")));

        Document doc = write(result);

        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("name")).isEqualTo("TC_P3 @ wss://a.example.com/ocpp/CP1");
        assertThat(properties(suite)).contains("title=Profile 3 card", "notRun=NOT_APPLICABLE");
        Element testcase = child(suite, "testcase");
        assertThat(testcase.getAttribute("name")).isEqualTo("not applicable");
        assertThat(testcase.getAttribute("classname")).isEqualTo("TC_P3@a.example.com:443");
        assertThat(child(testcase, "skipped").getAttribute("message"))
                .isEqualTo("applies to security profile 3, the target is configured with profile 2");
        assertThat(doc.getDocumentElement().getAttribute("skipped")).isEqualTo("1");
        assertThat(doc.getDocumentElement().getAttribute("failures")).isEqualTo("0");
    }

    private static List<String> properties(Element suite) {
        List<String> out = new ArrayList<>();
        for (Element p : elements(suite.getElementsByTagName("property"))) {
            out.add(p.getAttribute("name") + "=" + p.getAttribute("value"));
        }
        return out;
    }

    private static Element child(Element parent, String tag) {
        NodeList list = parent.getElementsByTagName(tag);
        assertThat(list.getLength()).as("<%s> in <%s>", tag, parent.getTagName()).isEqualTo(1);
        return (Element) list.item(0);
    }

    /** The one child element {@code tag} of {@code parent} (not a deeper one). */
    private static Element directChild(Element parent, String tag) {
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < parent.getChildNodes().getLength(); i++) {
            if (parent.getChildNodes().item(i) instanceof Element e && e.getTagName().equals(tag)) {
                found.add(e);
            }
        }
        assertThat(found).as("<%s> in <%s>", tag, parent.getTagName()).hasSize(1);
        return found.get(0);
    }

    private static List<Element> elements(NodeList list) {
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }
}
