package org.octt.junit.example;

import org.junit.jupiter.api.Test;
import org.octt.core.plugin.PluginRegistry;
import org.octt.core.spi.Step;
import org.octt.core.spi.TestCase;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs after Surefire (Failsafe, integration-test phase) and reads what Surefire wrote: the octt
 * engine's run of TC_086_CSMS against the reference Central System is in Surefire's XML, one
 * testcase per check the test case declares, each passed.
 */
class SurefireReportIT {

    private static final String ID = "TC_086_CSMS";

    @Test
    void surefiresXmlListsEveryCheckOfTc086AsAPassedTestcase() throws Exception {
        TestCase tc086;
        try (PluginRegistry registry = PluginRegistry.load(getClass().getClassLoader(), Optional.empty())) {
            tc086 = registry.find(ID).orElseThrow().testCase();
        }
        List<String> declared = tc086.steps().stream().map(Step::checkIds).flatMap(List::stream).toList();
        assertThat(declared).as("TC_086_CSMS declares its checks").isNotEmpty();

        Path reports = Path.of(System.getProperty("octt.example.surefire-reports"));
        Path report = reports.resolve("TEST-" + tc086.getClass().getName() + ".xml");
        assertThat(report).as("Surefire's report of the octt engine's run").isRegularFile();
        Element suite = parse(report).getDocumentElement();

        List<String> names = new ArrayList<>();
        NodeList cases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element testcase = (Element) cases.item(i);
            assertThat(testcase.getAttribute("classname")).isEqualTo(ID);
            assertThat(Stream.of("failure", "error", "skipped")
                    .filter(outcome -> testcase.getElementsByTagName(outcome).getLength() > 0).toList())
                    .as(testcase.getAttribute("name")).isEmpty();
            names.add(testcase.getAttribute("name"));
        }
        assertThat(names).containsExactlyElementsOf(declared);
        assertThat(suite.getAttribute("tests")).isEqualTo(Integer.toString(declared.size()));
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }
}
