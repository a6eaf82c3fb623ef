package org.octt.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.octt.cli.TestEnvironments.ID;

/** Durations and counts have bounds: a value outside them is exit code 2 with the bounds and the value as typed. */
class LimitsTests {

    private static final String URL = "wss://csms.example.com:8443/ocpp/CP001";

    private static Cli.Result run(FakeRunService service, String... more) {
        List<String> args = new ArrayList<>(List.of("run", ID, "--url", URL));
        args.addAll(Arrays.asList(more));
        return Cli.run(TestEnvironments.with(service).withEnv(Map.of(CliEnvironment.PASSWORD_ENV, "pw")),
                args.toArray(String[]::new));
    }

    private static void assertUsageError(String line, String... args) {
        FakeRunService service = FakeRunService.passing();
        Cli.Result result = run(service, args);
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).as(result.toString()).containsExactly("octt run: " + line);
        assertThat(result.out()).isEmpty();
        assertThat(service.plan.get()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"640512h", "2h", "61m", "3601s", "PT1H0.001S", "999999999h"})
    void refusesATimeoutAboveOneHourAsTyped(String value) {
        assertUsageError("--timeout must be 1ms to 1h, was: " + value, "--timeout", value);
    }

    @Test
    void refusesATimeoutBelowOneMillisecond() {
        assertUsageError("--timeout must be 1ms to 1h, was: PT0.0001S", "--timeout", "PT0.0001S");
    }

    @ParameterizedTest
    @CsvSource({"1h, PT1H", "60m, PT1H", "1ms, PT0.001S"})
    void acceptsTheBoundsThemselves(String value, String iso) {
        FakeRunService service = FakeRunService.passing();
        Cli.Result result = run(service, "--timeout", value);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(service.plan.get().targets().get(0).timeouts().network()).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @CsvSource({"--concurrency, 0, 256", "--concurrency, -1, 256", "--concurrency, 2147483647, 256",
        "--concurrency, 257, 256", "--max-connections, 0, 64", "--max-connections, -3, 64",
        "--max-connections, 2147483647, 64", "--max-connections, 65, 64", "--connectors, 0, 100",
        "--connectors, -1, 100", "--connectors, 2147483647, 100", "--connectors, 101, 100"})
    void refusesACountOutsideItsBounds(String option, String value, String max) {
        assertUsageError(option + " must be 1 to " + max + ", was: " + value, option, value);
    }

    @Test
    void acceptsTheUpperBoundsOfTheCounts() {
        FakeRunService service = FakeRunService.passing();
        Cli.Result result = run(service, "--concurrency", "256", "--max-connections", "64", "--connectors", "100");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(service.plan.get().concurrency()).isEqualTo(256);
        assertThat(service.plan.get().targets().get(0).maxConnectionsPerTarget()).isEqualTo(64);
        assertThat(service.plan.get().targets().get(0).options()).containsEntry("ocpp.connectors", "100");
    }
}
