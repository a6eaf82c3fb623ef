package org.octt.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.octt.core.spi.ActionOutcome;
import org.octt.core.spi.OperatorAction;
import org.octt.core.spi.Target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --action-hook}: real shell scripts run for an action; their exit status, output and
 * environment, and one that outlives the action's deadline.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
@Timeout(60)
class ActionHookTests {

    private static final String PASSWORD = "s3cret-Passw0rd-for-CP001";
    private static final Target TARGET = Target.parse("wss://csms.example.com/ocpp/CP001");

    @TempDir
    Path folder;

    private static OperatorAction action(Duration timeout) {
        return OperatorAction.of("change-authorization-key",
                        "make the Central System send ChangeConfiguration.req with key AuthorizationKey to CP001",
                        "ChangeConfiguration", timeout)
                .withParameter("key", "AuthorizationKey")
                .withParameter("certificateType", "ManufacturerRootCertificate")
                .forRun("TC_073_CSMS", Optional.of("CP001"), Instant.now().plus(timeout));
    }

    private ActionHook hook(String command) {
        Map<String, String> env = new TreeMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put(CliEnvironment.PASSWORD_ENV, PASSWORD);
        env.put("SITE_PASSWORD_VAR", PASSWORD);
        env.put("CI_API_TOKEN", "kept-for-the-hook");
        env.put("OCTT_PARAM_STALE", "from the parent");
        return new ActionHook(command, TARGET, env, List.of(CliEnvironment.PASSWORD_ENV, "SITE_PASSWORD_VAR"),
                Clock.systemUTC());
    }

    private Path script(String name, String body) throws IOException {
        Path file = folder.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
        file.toFile().setExecutable(true);
        return file;
    }

    @Test
    void aHookThatExitsZeroTriggeredTheAction() throws IOException {
        Path ok = script("ok.sh", "echo \"asked the CSMS for $OCTT_ACTION_ID\"\nexit 0");

        ActionOutcome outcome = hook(ok.toString()).handle(action(Duration.ofSeconds(30))).block();

        assertThat(outcome.kind()).isEqualTo(ActionOutcome.Kind.TRIGGERED);
        assertThat(outcome.message())
                .isEqualTo("the action hook exited 0: asked the CSMS for TC_073_CSMS.change-authorization-key");
    }

    @Test
    void aHookThatExitsNonZeroFailedWithItsLastLinesEscaped() throws IOException {
        StringBuilder body = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            body.append("echo line ").append(i).append('\n');
        }
        body.append("printf 'HTTP 503 from the CSMS \\033[2J\\n' >&2\nexit 3");
        Path failing = script("failing.sh", body.toString());

        ActionOutcome outcome = hook(failing.toString()).handle(action(Duration.ofSeconds(30))).block();

        assertThat(outcome.kind()).isEqualTo(ActionOutcome.Kind.FAILED);
        assertThat(outcome.message()).isEqualTo(
                "the action hook exited 3: line 17\\nline 18\\nline 19\\nline 20\\nHTTP 503 from the CSMS \\x1b[2J");
    }

    @Test
    void aHookWithoutOutputSaysSo() {
        ActionOutcome outcome = hook("exit 7").handle(action(Duration.ofSeconds(30))).block();

        assertThat(outcome.kind()).isEqualTo(ActionOutcome.Kind.FAILED);
        assertThat(outcome.message()).isEqualTo("the action hook exited 7 (no output)");
    }

    @Test
    void theOutputKeptIsBounded() {
        // 100 000 bytes of output: only the last 8 KiB are kept, and the message quotes the last lines of those
        ActionOutcome outcome = hook("i=0; while [ $i -lt 1000 ]; do printf '%099d\\n' $i; i=$((i+1)); done; exit 1")
                .handle(action(Duration.ofSeconds(30))).block();

        assertThat(outcome.message()).startsWith("the action hook exited 1: ...")
                .endsWith("0999").hasSizeLessThan(40 + ActionHook.QUOTED_CHARS + 20);
    }

    @Test
    void aHookStillRunningAtTheDeadlineIsKilledWithItsChildren() throws IOException {
        Path pidFile = folder.resolve("child.pid");
        Path slow = script("slow.sh", "echo starting\nsleep 300 &\necho $! > '" + pidFile + "'\nwait");

        ActionOutcome outcome = hook(slow.toString()).handle(action(Duration.ofSeconds(2))).block();

        assertThat(outcome.kind()).isEqualTo(ActionOutcome.Kind.FAILED);
        assertThat(outcome.message()).startsWith("the action hook did not finish within 2 s and was stopped: starting");
        long child = Long.parseLong(Files.readString(pidFile).trim());
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void theHookReadsNothing() {
        // stdin is closed: cat ends at once instead of waiting for the deadline
        ActionOutcome outcome = hook("cat; echo read-nothing").handle(action(Duration.ofSeconds(30))).block();

        assertThat(outcome.message()).isEqualTo("the action hook exited 0: read-nothing");
    }

    @Test
    void theEnvironmentDescribesTheActionAndHoldsNoPassword() throws IOException {
        Path dump = folder.resolve("env.txt");
        Path env = script("env.sh", "env > '" + dump + "'");
        OperatorAction action = action(Duration.ofSeconds(45));

        ActionOutcome outcome = hook(env.toString()).handle(action).block();

        assertThat(outcome.kind()).isEqualTo(ActionOutcome.Kind.TRIGGERED);
        Map<String, String> seen = Arrays.stream(Files.readString(dump).split("\n"))
                .filter(l -> l.contains("=")).collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')),
                        l -> l.substring(l.indexOf('=') + 1), (a, b) -> b, TreeMap::new));
        assertThat(seen).containsEntry("OCTT_ACTION_ID", "TC_073_CSMS.change-authorization-key")
                .containsEntry("OCTT_ACTION_TEXT",
                        "make the Central System send ChangeConfiguration.req with key AuthorizationKey to CP001")
                .containsEntry("OCTT_AWAITED_CALL", "ChangeConfiguration")
                .containsEntry("OCTT_CHARGE_POINT_ID", "CP001")
                .containsEntry("OCTT_TEST_CASE", "TC_073_CSMS")
                .containsEntry("OCTT_TARGET_URL", "wss://csms.example.com/ocpp/CP001")
                .containsEntry("OCTT_ACTION_DEADLINE", action.deadline().orElseThrow().toString())
                .containsEntry("OCTT_ACTION_TIMEOUT_SECONDS", "45")
                .containsEntry("OCTT_PARAM_KEY", "AuthorizationKey")
                .containsEntry("OCTT_PARAM_CERTIFICATETYPE", "ManufacturerRootCertificate")
                .containsEntry("OCTT_ACTION_PARAMETERS", "certificateType=ManufacturerRootCertificate&key=AuthorizationKey")
                .containsEntry("CI_API_TOKEN", "kept-for-the-hook")
                .doesNotContainKeys(CliEnvironment.PASSWORD_ENV, "SITE_PASSWORD_VAR", "OCTT_PARAM_STALE");
        assertThat(Files.readString(dump)).doesNotContain(PASSWORD);
    }

    @Test
    void aHostileParameterStaysInItsVariable() throws IOException {
        Path marker = folder.resolve("injected");
        String hostile = "x'; touch '" + marker + "'; echo \"$(touch '" + marker + "')\" `touch '" + marker + "'` #";
        Path out = folder.resolve("value.txt");
        OperatorAction action = OperatorAction.of("install-certificate", "install it",
                "InstallCertificate", Duration.ofSeconds(30)).withParameter("certificateType", hostile)
                .forRun("TC_074_CSMS", Optional.of("CP001"), Instant.now().plusSeconds(30));

        ActionOutcome outcome = hook("printf '%s' \"$OCTT_PARAM_CERTIFICATETYPE\" > '" + out + "'").handle(action).block();

        assertThat(outcome.kind()).isEqualTo(ActionOutcome.Kind.TRIGGERED);
        assertThat(Files.readString(out)).isEqualTo(hostile);
        assertThat(marker).doesNotExist();
    }

    @Test
    void parameterKeysBecomeUpperCaseVariableNames() {
        assertThat(ActionHook.parameterVariable("hashAlgorithm")).isEqualTo("OCTT_PARAM_HASHALGORITHM");
        assertThat(ActionHook.parameterVariable("security-profile")).isEqualTo("OCTT_PARAM_SECURITY_PROFILE");
        assertThat(ActionHook.parameterVariable("a.b c=ü")).isEqualTo("OCTT_PARAM_A_B_C__");
    }
}
