package org.octt.core.plugin;

import org.octt.testsupport.PluginJars;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.octt.core.engine.Engine;
import org.octt.core.engine.RunEvent;
import org.octt.core.engine.RunPlan;
import org.octt.core.engine.TestCaseResult;
import org.octt.core.spi.Target;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Verdict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PluginRegistryTests {

    @TempDir
    Path work;

    private Path plugins() throws IOException {
        return Files.createDirectories(work.resolve("plugins"));
    }

    private Path goodJar(Path plugins) throws IOException {
        return PluginJars.build(work, plugins.resolve("external-plugin.jar"),
                Map.of("ext.ExternalTestCase", PluginJars.testCaseSource("ext.ExternalTestCase", "TC_EXT",
                        "ext.greeting=PASSED", "ext.cipher=FAILED")),
                List.of("ext.ExternalTestCase"));
    }

    @Test
    void discoversATestCaseFromAJarDroppedInThePluginFolderAndRunsIt() throws IOException {
        Path plugins = plugins();
        goodJar(plugins);

        try (PluginRegistry registry = PluginRegistry.load(getClass().getClassLoader(), Optional.of(plugins))) {
            assertThat(registry.problems()).isEmpty();
            DiscoveredTestCase ext = registry.find("TC_EXT").orElseThrow();
            assertThat(ext.source()).isEqualTo("external-plugin.jar");
            assertThat(ext.testCase().getClass().getName()).isEqualTo("ext.ExternalTestCase");
            assertThat(ext.testCase().getClass().getClassLoader()).isNotSameAs(getClass().getClassLoader());

            TestContext ctx = TestContext.builder(Target.parse("wss://csms.example.com/ocpp/CP001")).build();
            RunEvent last = Engine.create(new SimpleMeterRegistry())
                    .run(RunPlan.of(List.of(ext.testCase()), ctx)).last().block(Duration.ofSeconds(10));
            TestCaseResult result = ((RunEvent.RunFinished) last).result().testCases().get(0);
            assertThat(result.id()).isEqualTo("TC_EXT");
            assertThat(result.verdict()).isEqualTo(Verdict.FAILED);
            assertThat(result.reasons()).containsExactly("ext.cipher: ext.cipher was FAILED");
        }
    }

    @Test
    void discoversClassPathTestCasesWithTheirLocation() {
        try (PluginRegistry registry = PluginRegistry.load(getClass().getClassLoader(), Optional.empty())) {
            DiscoveredTestCase hello = registry.find("OCTT_HELLO").orElseThrow();
            assertThat(hello.source()).isEqualTo("classpath (test-classes)");
            assertThat(registry.problems()).isEmpty();
            assertThat(registry.find("TC_NOPE")).isEmpty();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void reportsEachBrokenJarInOneLineAndStillLoadsTheOthers() throws IOException {
        Path plugins = plugins();
        goodJar(plugins);
        Files.write(plugins.resolve("corrupt.jar"), new byte[] {'n', 'o', 't', ' ', 'a', ' ', 'z', 'i', 'p'});
        PluginJars.build(work, plugins.resolve("missing-class.jar"),
                Map.of("ext.Present", PluginJars.testCaseSource("ext.Present", "TC_PRESENT", "p=PASSED")),
                List.of("ext.Absent", "ext.Present"));
        PluginJars.build(work, plugins.resolve("throwing.jar"), Map.of("ext.Throwing",
                "package ext;\n"
                        + "public class Throwing extends ext.Base {\n"
                        + "  public Throwing() { throw new IllegalStateException(\"boom: no configuration\"); }\n"
                        + "}\n",
                "ext.Base", PluginJars.testCaseSource("ext.Base", "TC_BASE", "b=PASSED")
                        .replace("public class Base", "public abstract class Base")),
                List.of("ext.Throwing"));

        try (PluginRegistry registry = PluginRegistry.load(getClass().getClassLoader(), Optional.of(plugins))) {
            assertThat(registry.testCases()).extracting(d -> d.testCase().id())
                    .containsExactly("OCTT_HELLO", "TC_EXT", "TC_PRESENT");
            assertThat(registry.problems()).hasSize(3).allSatisfy(line -> assertThat(line).doesNotContain("\n"));
            assertThat(registry.problems().get(0)).startsWith("corrupt.jar: not a readable jar: ");
            assertThat(registry.problems().get(1)).startsWith("missing-class.jar: ").contains("ext.Absent", "not found");
            assertThat(registry.problems().get(2)).startsWith("throwing.jar: ")
                    .contains("ext.Throwing", "boom: no configuration");
        }
    }

    @Test
    void rejectsDuplicateTestCaseIdsNamingBothClasses() throws IOException {
        Path plugins = plugins();
        PluginJars.build(work, plugins.resolve("a.jar"),
                Map.of("one.First", PluginJars.testCaseSource("one.First", "TC_DUP", "x=PASSED")), List.of("one.First"));
        PluginJars.build(work, plugins.resolve("b.jar"),
                Map.of("two.Second", PluginJars.testCaseSource("two.Second", "TC_DUP", "x=PASSED")), List.of("two.Second"));

        assertThatThrownBy(() -> PluginRegistry.load(getClass().getClassLoader(), Optional.of(plugins)))
                .isInstanceOf(DuplicateTestCaseException.class)
                .hasMessage("two test cases have the id TC_DUP: one.First (from a.jar) and two.Second (from b.jar)");
    }

    @Test
    void rejectsABlankIdNamingTheClass() throws IOException {
        Path plugins = plugins();
        PluginJars.build(work, plugins.resolve("blank.jar"),
                Map.of("ext.Blank", PluginJars.testCaseSource("ext.Blank", " ", "x=PASSED")), List.of("ext.Blank"));

        try (PluginRegistry registry = PluginRegistry.load(getClass().getClassLoader(), Optional.of(plugins))) {
            assertThat(registry.problems()).containsExactly(
                    "blank.jar: ext.Blank has a blank id; return a non-blank id such as TC_086_CSMS from id()");
            assertThat(registry.testCases()).extracting(d -> d.testCase().id()).containsExactly("OCTT_HELLO");
        }
    }

    @Test
    void treatsAMissingPluginFolderAsEmpty() throws IOException {
        try (PluginRegistry registry = PluginRegistry.load(getClass().getClassLoader(),
                Optional.of(work.resolve("no-such-folder")))) {
            assertThat(registry.problems()).isEmpty();
            assertThat(registry.testCases()).extracting(DiscoveredTestCase::source)
                    .containsExactly("classpath (test-classes)");
        }
    }
}
