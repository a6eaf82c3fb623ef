package org.octt.example;

import org.junit.jupiter.api.Test;
import org.octt.core.spi.SpiVersion;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/writing-a-test-case.md quotes this module's sources verbatim; these tests fail when they drift apart. */
class WritingATestCaseDocTests {

    private static final Path DOC = Path.of("../docs/writing-a-test-case.md");

    @Test
    void quotesTheWholeTestCaseSource() throws IOException {
        String source = Files.readString(Path.of("src/main/java/org/octt/example/Tls11RefusedTestCase.java"));

        assertThat(Files.readString(DOC)).contains("```java\n" + source + "```");
        assertThat(source.lines().count()).as("the example stays well under 100 lines").isLessThan(80);
    }

    @Test
    void quotesTheServiceFile() throws IOException {
        String services = Files.readString(Path.of("src/main/resources/META-INF/services/org.octt.core.spi.TestCase"));

        assertThat(services).isEqualTo(Tls11RefusedTestCase.class.getName() + "\n");
        assertThat(Files.readString(DOC)).contains("```\n" + services + "```");
    }

    @Test
    void quotesTheWholePomThisBuildBuilds() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));

        assertThat(pom).contains("<artifactId>octt-bom</artifactId>");
        assertThat(Files.readString(DOC)).contains("```xml\n" + pom + "```");
    }

    /** Maven 3.8 would otherwise run compiler 3.1 and Surefire 2.12, which cannot build this module. */
    @Test
    void pinsEveryPluginOfTheJarLifecycleAtTheVersionsTheRepositoryBuildsWith() throws Exception {
        Map<String, String> pinned = pluginVersions(Path.of("pom.xml"));

        assertThat(pinned.keySet()).containsExactlyInAnyOrder("maven-clean-plugin", "maven-resources-plugin",
                "maven-compiler-plugin", "maven-surefire-plugin", "maven-jar-plugin", "maven-install-plugin",
                "maven-deploy-plugin");
        assertThat(pinned.values()).allSatisfy(v -> assertThat(v).matches("\\d+\\.\\d+\\.\\d+"));
        Map<String, String> root = pluginVersions(Path.of("../pom.xml"));
        for (String plugin : List.of("maven-resources-plugin", "maven-compiler-plugin", "maven-surefire-plugin",
                "maven-jar-plugin", "maven-install-plugin")) {
            assertThat(pinned.get(plugin)).as(plugin).isEqualTo(root.get(plugin));
        }
    }

    @Test
    void theJarStatesTheSpiVersionItIsBuiltFor() throws Exception {
        Element pom = read(Path.of("pom.xml"));
        NodeList entries = pom.getElementsByTagName("Octt-Spi-Version");

        assertThat(entries.getLength()).isEqualTo(1);
        assertThat(entries.item(0).getParentNode().getNodeName()).isEqualTo("manifestEntries");
        assertThat(entries.item(0).getTextContent()).isEqualTo(SpiVersion.current());
        assertThat(Files.readString(DOC)).contains("`" + SpiVersion.MANIFEST_ATTRIBUTE + "` in its manifest");
    }

    @Test
    void namesTheToolkit() throws IOException {
        assertThat(Files.readString(DOC)).contains("`octt-ocpp`", "[ocpp-toolkit.md](ocpp-toolkit.md)");
    }

    @Test
    void quotesTheTestAgainstTheReferenceCentralSystem() throws IOException {
        String test = region(Path.of("src/test/java/org/octt/example/Tls11RefusedTestCaseTests.java"),
                "// doc:start", "// doc:end");

        assertThat(test).contains("Fault.LEGACY_TLS");
        assertThat(Files.readString(DOC)).contains("```java\n" + test + "```");
    }

    private static Map<String, String> pluginVersions(Path pom) throws Exception {
        Element management = (Element) read(pom).getElementsByTagName("pluginManagement").item(0);
        Map<String, String> versions = new TreeMap<>();
        NodeList plugins = management.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            NodeList version = plugin.getElementsByTagName("version");
            versions.put(plugin.getElementsByTagName("artifactId").item(0).getTextContent().trim(),
                    version.getLength() == 0 ? "" : version.item(0).getTextContent().trim());
        }
        return versions;
    }

    private static Element read(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
    }

    /** The lines between the line holding {@code start} and the line holding {@code end}. */
    private static String region(Path file, String start, String end) throws IOException {
        String text = Files.readString(file);
        int from = text.indexOf('\n', text.indexOf(start)) + 1;
        int to = text.lastIndexOf('\n', text.indexOf(end)) + 1;
        return text.substring(from, to);
    }
}
