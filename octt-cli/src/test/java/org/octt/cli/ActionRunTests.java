package org.octt.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.octt.core.text.Addresses;
import org.octt.testkit.ReferenceCentralSystem;
import org.octt.testkit.RunningCentralSystem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operator actions through {@code octt run} end to end: the real engine, a card that needs an action
 * ({@link ActionCard}), the reference Central System, and whoever acts: its own handler (as {@code octt demo} wires
 * it), the example hook through the control interface of {@code octt serve}, a failing hook, nobody.
 */
@Timeout(90)
@EnabledOnOs({OS.LINUX, OS.MAC})
class ActionRunTests {

    private static final Path EXAMPLE_HOOK = Path.of("../docs/examples/action-hook-octt-serve.sh");

    private static RunningCentralSystem cs;

    @TempDir
    static Path dir;

    private static Path caFile;

    @BeforeAll
    static void start() throws IOException {
        cs = ReferenceCentralSystem.builder().action(ActionCard.TRIGGER).build().start();
        caFile = Files.writeString(dir.resolve("csms-root.pem"), cs.rootCertificatePem(), StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stop() {
        cs.close();
    }

    /** The real engine over the action card, the password in the environment, a wide console, and {@code more} variables. */
    private static CliEnvironment env(Map<String, String> more) {
        Map<String, String> variables = new HashMap<>(more);
        variables.put(CliEnvironment.PASSWORD_ENV, cs.chargePointPasswordAsString());
        variables.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        variables.put("COLUMNS", "1000");
        return TestEnvironments.engine(new ActionCard()).withEnv(variables);
    }

    private static String[] run(String... more) {
        List<String> args = new ArrayList<>(List.of("run", ActionCard.ID, "--url", cs.url().toString(), "--resolve",
                cs.hostName() + ":" + cs.port() + ":" + Addresses.host(Addresses.literal(cs.connectAddress().getAddress())),
                "--ca-file", caFile.toString(), "--timeout", "5s"));
        args.addAll(Arrays.asList(more));
        return args.toArray(String[]::new);
    }

    @Test
    void theReferenceCentralSystemsHandlerPerformsTheActionAsInTheDemo() {
        CliEnvironment env = env(Map.of()).withActionHandlers(Map.of(cs.url().toString(), cs.actionHandler()));

        Cli.Result r = Cli.run(env, run());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).containsPattern("  ACTION        TC_FAKE_ACTION\\.trigger-heartbeat for CP001: make the"
                        + " Central System send TriggerMessage\\.req with requestedMessage Heartbeat to CP001 \\(waiting"
                        + " for TriggerMessage\\.req until \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\)\n")
                .containsPattern(ActionCard.CHECK + " +PASSED +received TriggerMessage\\.req");
    }

    @Test
    void theExampleHookMakesTheControlInterfacePerformTheAction() throws IOException {
        assertThat(Files.isExecutable(EXAMPLE_HOOK)).as("the example hook is executable").isTrue();
        try (ControlEndpoint control = ControlEndpoint.start(cs, new SecureRandom())) {
            CliEnvironment env = env(Map.of(ServeCommand.SERVE_URL_ENV, control.url().toString(),
                    ServeCommand.SERVE_TOKEN_ENV, control.token()));

            Cli.Result r = Cli.run(env, run("--action-hook", EXAMPLE_HOOK.toString()));

            assertThat(r.exitCode()).as(r.toString()).isZero();
            assertThat(r.out()).containsPattern(ActionCard.CHECK + " +PASSED +received TriggerMessage\\.req");
        }
    }

    @Test
    void aFailingHookMakesTheCheckInconclusiveWithItsOutput() {
        Cli.Result r = Cli.run(env(Map.of()), run("--action-hook", "echo 'POST /api/trigger: 503' >&2; exit 3"));

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.of(org.octt.core.spi.Verdict.INCONCLUSIVE));
        assertThat(r.out()).contains(ActionCard.CHECK + "  INCONCLUSIVE  no TriggerMessage.req: the action"
                + " TC_FAKE_ACTION.trigger-heartbeat could not be triggered: the action hook exited 3: POST /api/trigger: 503");
    }

    @Test
    void theHookNeverSeesThePassword() throws IOException {
        Path dump = dir.resolve("hook-env.txt");

        Cli.Result r = Cli.run(env(Map.of()), run("--action-hook", "env > '" + dump + "'; exit 1"));

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        String seen = Files.readString(dump);
        assertThat(seen).contains("OCTT_ACTION_ID=TC_FAKE_ACTION.trigger-heartbeat", "OCTT_CHARGE_POINT_ID=CP001",
                        "OCTT_TARGET_URL=" + cs.url(), "OCTT_PARAM_REQUESTEDMESSAGE=Heartbeat", "OCTT_TEST_CASE=TC_FAKE_ACTION")
                .doesNotContain(cs.chargePointPasswordAsString()).doesNotContain(CliEnvironment.PASSWORD_ENV);
    }

    @Test
    void nobodyActingIsInconclusiveNamingTheAction() {
        Cli.Result r = Cli.run(env(Map.of()), run("--action-timeout", "1s"));

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.out()).contains(ActionCard.CHECK + "  INCONCLUSIVE  no TriggerMessage.req within 1s; nobody made"
                + " the Central System send it (action TC_FAKE_ACTION.trigger-heartbeat)");
    }

    @Test
    void withNoActionsTheCardIsNotApplicableInASuite() {
        Cli.Result r = Cli.run(env(Map.of()), "run", "--suite", ActionCard.SUITE, "--url", cs.url().toString(),
                "--resolve", cs.hostName() + ":" + cs.port() + ":127.0.0.1", "--ca-file", caFile.toString(),
                "--no-actions");

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out()).contains("not applicable  TC_FAKE_ACTION @ " + cs.url() + ": needs the Central System to act"
                + " on its own (an operator action), and operator actions are turned off");
    }

    @Test
    void withNoActionsTheCardNamedByIdIsAUsageError() {
        Cli.Result r = Cli.run(env(Map.of()), run("--no-actions"));

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines()).containsExactly("octt run: TC_FAKE_ACTION cannot run here: it needs the Central System"
                + " to act on its own (an operator action), and operator actions are turned off (--no-actions); leave"
                + " out --no-actions, or run it through --suite, which leaves out what does not apply");
    }
}
