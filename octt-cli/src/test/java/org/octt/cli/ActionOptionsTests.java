package org.octt.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.octt.core.spi.TestContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.octt.cli.TestEnvironments.ID;

/**
 * {@code --action-hook}, {@code --no-actions} and {@code --action-timeout} of {@code octt run}: what reaches the
 * test context, on the command line and from a {@code --config} file, and the usage errors.
 */
class ActionOptionsTests {

    private static final String URL = "wss://csms.example.com/ocpp/CP001";

    @TempDir
    Path dir;

    private static CliEnvironment env(FakeRunService service) {
        return TestEnvironments.with(service).withEnv(Map.of(CliEnvironment.PASSWORD_ENV, "a-password-of-20-chars"));
    }

    private static String[] runArgs(String... more) {
        List<String> args = new ArrayList<>(List.of("run", ID, "--url", URL));
        args.addAll(Arrays.asList(more));
        return args.toArray(String[]::new);
    }

    private static void assertUsageError(Cli.Result result, String line) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).as(result.toString()).containsExactly(line);
        assertThat(result.out()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"500ms, must be 1s to 1h", "0s, must be 1s to 1h", "2h, must be 1s to 1h",
        "soon, 'is not a duration (e.g. 500ms, 3s, 1m, PT3S)'"})
    void anActionTimeoutOutOfBoundsIsAUsageErrorNamingIt(String value, String problem) {
        assertUsageError(Cli.run(env(FakeRunService.passing()), runArgs("--action-timeout", value)),
                "octt run: --action-timeout " + problem + ", was: " + value);
    }

    @Test
    void anEmptyActionHookIsAUsageError() {
        assertUsageError(Cli.run(env(FakeRunService.passing()), runArgs("--action-hook", " ")),
                "octt run: --action-hook is empty: give a command, e.g. --action-hook ./trigger-csms.sh");
    }

    @Test
    void anActionHookWithNoActionsIsAUsageError() {
        assertUsageError(Cli.run(env(FakeRunService.passing()), runArgs("--action-hook", "./trigger.sh", "--no-actions")),
                "octt run: --action-hook and --no-actions exclude each other: with --no-actions no action is asked for");
    }

    @Test
    void theActionTimeoutAndNoActionsReachTheTestContext() {
        FakeRunService service = FakeRunService.passing();

        Cli.Result r = Cli.run(env(service), runArgs("--action-timeout", "5m", "--no-actions"));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        TestContext context = service.plan.get().targets().get(0);
        assertThat(context.timeouts().action()).isEqualTo(Duration.ofMinutes(5));
        assertThat(context.operatorActionsEnabled()).isFalse();
    }

    @Test
    void byDefaultActionsAreAskedForWithinSixtySeconds() {
        FakeRunService service = FakeRunService.passing();

        Cli.Result r = Cli.run(env(service), runArgs());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        TestContext context = service.plan.get().targets().get(0);
        assertThat(context.timeouts().action()).isEqualTo(Duration.ofSeconds(60));
        assertThat(context.operatorActionsEnabled()).isTrue();
    }

    @Test
    void theConfigFileTakesTheActionOptions() throws IOException {
        Path config = Files.writeString(dir.resolve("ci.properties"),
                "action-timeout=90s\nno-actions=true\n", StandardCharsets.UTF_8);
        FakeRunService service = FakeRunService.passing();

        Cli.Result r = Cli.run(env(service), runArgs("--config", config.toString()));

        assertThat(r.exitCode()).as(r.toString()).isZero();
        TestContext context = service.plan.get().targets().get(0);
        assertThat(context.timeouts().action()).isEqualTo(Duration.ofSeconds(90));
        assertThat(context.operatorActionsEnabled()).isFalse();
    }

    @Test
    void aBadActionTimeoutInTheConfigFileNamesTheOption() throws IOException {
        Path config = Files.writeString(dir.resolve("ci.properties"), "action-timeout=2h\n", StandardCharsets.UTF_8);

        assertUsageError(Cli.run(env(FakeRunService.passing()), runArgs("--config", config.toString())),
                "octt run: --action-timeout must be 1s to 1h, was: 2h");
    }
}
