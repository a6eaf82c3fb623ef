package org.octt.core.plugin;

import org.octt.testsupport.PluginJars;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Built-in suites come from the test cases that name them; declared options are validated at load. */
class SuitesAndOptionsRegistryTests {

    @TempDir
    Path work;

    private static final String IN_SECURITY_SUITE =
            "  public java.util.Set<String> suites() { return java.util.Set.of(\"ocpp16-security\"); }\n";

    @Test
    void aSuiteHoldsTheTestCasesThatNameItInIdOrderAcrossJars() throws IOException {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        PluginJars.build(work, plugins.resolve("a.jar"),
                Map.of("a.Second", PluginJars.testCaseSourceWith("a.Second", "TC_088_CSMS", IN_SECURITY_SUITE, "a.x=PASSED")),
                List.of("a.Second"));
        PluginJars.build(work, plugins.resolve("b.jar"),
                Map.of("b.First", PluginJars.testCaseSourceWith("b.First", "TC_085_CSMS", IN_SECURITY_SUITE, "b.x=PASSED"),
                        "b.Other", PluginJars.testCaseSource("b.Other", "TC_OTHER", "b.y=PASSED")),
                List.of("b.First", "b.Other"));

        try (PluginRegistry registry = PluginRegistry.load(getClass().getClassLoader(), Optional.of(plugins))) {
            assertThat(registry.problems()).isEmpty();
            assertThat(registry.suites()).containsOnlyKeys("ocpp16-security");
            assertThat(registry.suites().get("ocpp16-security")).extracting(d -> d.testCase().id())
                    .containsExactly("TC_085_CSMS", "TC_088_CSMS");
        }
    }

    @Test
    void refusesATestCaseThatDeclaresOneOptionTwiceOrABadSuiteName() throws IOException {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        String twice = "  public List<OptionDescriptor> options() { return List.of("
                + "OptionDescriptor.string(\"ocpp.vendor\", null, \"a\"), OptionDescriptor.string(\"ocpp.vendor\", null, \"b\")); }\n";
        String badSuite = "  public java.util.Set<String> suites() { return java.util.Set.of(\"Security Suite\"); }\n";
        PluginJars.build(work, plugins.resolve("bad.jar"),
                Map.of("c.Twice", PluginJars.testCaseSourceWith("c.Twice", "TC_TWICE", twice, "c.x=PASSED"),
                        "c.BadSuite", PluginJars.testCaseSourceWith("c.BadSuite", "TC_BAD_SUITE", badSuite, "c.x=PASSED")),
                List.of("c.Twice", "c.BadSuite"));

        try (PluginRegistry registry = PluginRegistry.load(getClass().getClassLoader(), Optional.of(plugins))) {
            assertThat(registry.find("TC_TWICE")).isEmpty();
            assertThat(registry.find("TC_BAD_SUITE")).isEmpty();
            assertThat(registry.problems()).containsExactlyInAnyOrder(
                    "bad.jar: c.Twice (id TC_TWICE) declares the option 'ocpp.vendor' twice",
                    "bad.jar: c.BadSuite (id TC_BAD_SUITE) names a suite that is not lower case words joined by '-': 'Security Suite'");
        }
    }
}
