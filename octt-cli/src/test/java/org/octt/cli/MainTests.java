package org.octt.cli;

import org.junit.jupiter.api.Test;
import org.octt.core.plugin.DiscoveredTestCase;
import org.octt.core.plugin.DuplicateTestCaseException;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class MainTests {

    @Test
    void warmsUpOnlyForCommandsThatRunTestCasesUnlessTurnedOff() {
        assertThat(Main.warmsUp(Map.of(), "run", "TC_086_CSMS", "--url", "wss://x.example/ocpp/CP1")).isTrue();
        assertThat(Main.warmsUp(Map.of(), "demo")).isTrue();
        assertThat(Main.warmsUp(Map.of(), "--verbose", "demo", "--fault", "EXPIRED")).isTrue();
        assertThat(Main.warmsUp(Map.of(), "list")).isFalse();
        assertThat(Main.warmsUp(Map.of(), "--version")).isFalse();
        assertThat(Main.warmsUp(Map.of(), "run", "--help")).isFalse();
        assertThat(Main.warmsUp(Map.of("OCTT_NO_WARM_UP", "1"), "run", "TC_086_CSMS")).isFalse();
    }

    @Test
    void printsTheVersion() {
        Cli.Result result = Cli.run(TestEnvironments.passing(), "--version");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("octt " + org.octt.core.Version.current() + System.lineSeparator())
                .startsWith("octt 0.1.0").contains("Java " + System.getProperty("java.version"));
    }

    @Test
    void printsHelpForEveryCommand() {
        assertThat(Cli.run(TestEnvironments.passing(), "--help").out()).contains("list", "run", "Exit codes");
        Cli.Result run = Cli.run(TestEnvironments.passing(), "run", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--url", "--resolve", "--ca-file", "--basic-auth-password-file", "--config");
    }

    @Test
    void buildsOnlyTheSubcommandNamedByTheFirstArgument() {
        assertThat(Main.commandLine(TestEnvironments.passing(), "run", "TC_086_CSMS").getSubcommands())
                .containsOnlyKeys("run");
        assertThat(Main.commandLine(TestEnvironments.passing(), "demo", "--help").getSubcommands())
                .containsOnlyKeys("demo");
    }

    @Test
    void buildsEverySubcommandWhenTheFirstArgumentNamesNone() {
        for (String[] args : new String[][] {{}, {"--help"}, {"rnu"}, {"--version", "run"}}) {
            assertThat(Main.commandLine(TestEnvironments.passing(), args).getSubcommands().keySet())
                    .as(String.join(" ", args))
                    .containsExactly("list", "describe", "run", "demo", "serve");
        }
    }

    @Test
    void requiresACommand() {
        Cli.Result result = Cli.run(TestEnvironments.passing());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).singleElement().asString().contains("a command is required", "list", "run");
    }

    @Test
    void rejectsAnUnknownCommand() {
        Cli.Result result = Cli.run(TestEnvironments.passing(), "rnu");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).singleElement().asString().contains("rnu");
    }

    @Test
    void listsTheTestCasesAsATable() {
        Cli.Result result = Cli.run(TestEnvironments.passing(), "list");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out().lines()).containsExactly(
                "ID           TITLE                   SYSTEM UNDER TEST  OCPP     SOURCE",
                "TC_FAKE_001  A fake test case        central system     ocpp1.6  classpath (test-classes)",
                "TC_FAKE_002  Another fake test case  central system     ocpp1.6  fake-plugin.jar",
                "",
                "Suites (octt run --suite NAME):",
                "  fake-suite  TC_FAKE_001, TC_FAKE_002");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void listsFromTheGivenPluginPathAndReportsBrokenPluginsOnStderr() {
        AtomicReference<Optional<Path>> asked = new AtomicReference<>();
        TestCatalog catalog = dir -> {
            asked.set(dir);
            return new TestCatalog.Catalog(List.of(DiscoveredTestCase.of(new FakeTestCase("TC_X", "X"), "x.jar")),
                    List.of("broken.jar: not a zip file"));
        };
        Cli.Result result = Cli.run(TestEnvironments.passing().withCatalog(catalog), "list", "--plugin-path", "/tmp/octt-plugins");
        assertThat(result.exitCode()).isZero();
        assertThat(asked.get()).contains(Path.of("/tmp/octt-plugins"));
        assertThat(result.out()).contains("TC_X", "x.jar");
        assertThat(result.err()).isEqualTo("warning: broken.jar: not a zip file" + System.lineSeparator());
    }

    @Test
    void looksForPluginsBesideTheInstallationByDefault() {
        AtomicReference<Optional<Path>> asked = new AtomicReference<>();
        TestCatalog catalog = dir -> {
            asked.set(dir);
            return new TestCatalog.Catalog(List.of(), List.of());
        };
        Cli.Result result = Cli.run(TestEnvironments.passing().withCatalog(catalog)
                .withHome(Optional.of(Path.of("/opt/octt"))), "list");
        assertThat(result.exitCode()).isZero();
        assertThat(asked.get()).contains(Path.of("/opt/octt/plugins"));
        assertThat(result.out()).contains("(no test cases found)");
    }

    @Test
    void reportsDuplicateTestCaseIdsAsAConfigurationError() {
        TestCatalog catalog = dir -> {
            throw new DuplicateTestCaseException("two test cases with id TC_X: a.A and b.B");
        };
        Cli.Result result = Cli.run(TestEnvironments.passing().withCatalog(catalog), "list");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).singleElement().asString().contains("TC_X", "a.A", "b.B");
    }
}
