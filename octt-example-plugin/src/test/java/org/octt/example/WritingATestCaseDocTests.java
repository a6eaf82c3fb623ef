package org.octt.example;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
    void quotesTheBuildSection() throws IOException {
        String pom = region(Path.of("pom.xml"), "<!-- doc:start -->", "<!-- doc:end -->");

        assertThat(pom).contains("<artifactId>octt-bom</artifactId>");
        assertThat(Files.readString(DOC)).contains("```xml\n" + pom + "```");
    }

    @Test
    void quotesTheTestAgainstTheReferenceCentralSystem() throws IOException {
        String test = region(Path.of("src/test/java/org/octt/example/Tls11RefusedTestCaseTests.java"),
                "// doc:start", "// doc:end");

        assertThat(test).contains("Fault.LEGACY_TLS");
        assertThat(Files.readString(DOC)).contains("```java\n" + test + "```");
    }

    /** The lines between the line holding {@code start} and the line holding {@code end}. */
    private static String region(Path file, String start, String end) throws IOException {
        String text = Files.readString(file);
        int from = text.indexOf('\n', text.indexOf(start)) + 1;
        int to = text.lastIndexOf('\n', text.indexOf(end)) + 1;
        return text.substring(from, to);
    }
}
