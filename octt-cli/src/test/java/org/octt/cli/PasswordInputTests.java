package org.octt.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.octt.core.spi.Secret;
import org.octt.core.spi.TestContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.octt.cli.TestEnvironments.ID;

/**
 * The Basic auth password: what cannot be one is refused (control characters, over 1 KiB), a
 * length outside the OCPP security whitepaper's 16 to 40 is a warning, and in a fleet a line's own
 * variable wins over the command line's file; an unset or empty one is an error before anything runs.
 */
class PasswordInputTests {

    private static final String URL = "wss://csms.example.com/ocpp/CP001";
    private static final String GOOD = "a-good-password-0123"; // 20 characters

    @TempDir
    Path dir;

    private final FakeRunService service = FakeRunService.passing();

    private Cli.Result run(Map<String, String> env, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("run", ID));
        args.addAll(List.of(more));
        return Cli.run(TestEnvironments.with(service).withEnv(env), args.toArray(String[]::new));
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static void assertUsageError(Cli.Result result, String line, String secret) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).as(result.toString()).containsExactly(line);
        assertThat(result.err()).doesNotContain(secret);
    }

    @Test
    void refusesAPasswordFileWithAControlCharacter() throws IOException {
        Path file = file("nul.password", "secret\0with-a-nul-byte\n");
        Cli.Result result = run(Map.of(), "--url", URL, "--basic-auth-password-file", file.toString());
        assertUsageError(result, "octt run: --basic-auth-password-file " + file + ": the Basic auth password holds a"
                + " control character (a password is one line of printable text)", "with-a-nul-byte");
        assertThat(service.plan.get()).isNull();
    }

    @Test
    void refusesAPasswordVariableWithAControlCharacterOrOverOneKibibyte() {
        Cli.Result escape = run(Map.of(CliEnvironment.PASSWORD_ENV, "password\u001b[2Jhidden"), "--url", URL);
        assertUsageError(escape, "octt run: the environment variable OCTT_BASIC_AUTH_PASSWORD: the Basic auth password"
                + " holds a control character (a password is one line of printable text)", "hidden");

        Cli.Result huge = run(Map.of(CliEnvironment.PASSWORD_ENV, "x".repeat(1025)), "--url", URL);
        assertUsageError(huge, "octt run: the environment variable OCTT_BASIC_AUTH_PASSWORD: the Basic auth password"
                + " is longer than 1 KiB", "xxxxxxxxxxxxxxxx");
        assertThat(service.plan.get()).isNull();
    }

    @Test
    void refusesAPasswordFileOverOneKibibyte() throws IOException {
        Path file = file("long.password", "y".repeat(1025) + "\n");
        Cli.Result result = run(Map.of(), "--url", URL, "--basic-auth-password-file", file.toString());
        assertUsageError(result, "octt run: --basic-auth-password-file " + file + ": the Basic auth password is longer"
                + " than 1 KiB", "yyyyyyyyyyyyyyyy");
    }

    @Test
    void acceptsAPasswordOfExactlyOneKibibyteWithAWarning() throws IOException {
        Path file = file("max.password", "z".repeat(1024) + "\r\n");
        Cli.Result result = run(Map.of(), "--url", URL, "--basic-auth-password-file", file.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.errLines()).containsExactly("warning: --basic-auth-password-file " + file
                + ": the Basic auth password is longer than 40 characters; the OCPP security whitepaper asks for 16 to 40");
        assertThat(service.plan.get().targets().get(0).basicAuthPassword().orElseThrow().length()).isEqualTo(1024);
    }

    @Test
    void warnsOnceOfAShortPasswordWithoutShowingIt() throws IOException {
        Path file = file("short.password", "hunter2\n");
        Cli.Result result = run(Map.of(), "--url", URL, "--basic-auth-password-file", file.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.errLines()).containsExactly("warning: --basic-auth-password-file " + file
                + ": the Basic auth password is shorter than 16 characters; the OCPP security whitepaper asks for 16 to 40");
        assertThat(result.err() + result.out()).doesNotContain("hunter2");
        assertThat(service.plan.get().targets().get(0).basicAuthPassword().orElseThrow().reveal()).isEqualTo("hunter2");
    }

    @Test
    void warnsOfAShortPasswordFromTheEnvironment() {
        Cli.Result result = run(Map.of(CliEnvironment.PASSWORD_ENV, "pw"), "--url", URL);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.errLines()).containsExactly("warning: the environment variable OCTT_BASIC_AUTH_PASSWORD: the"
                + " Basic auth password is shorter than 16 characters; the OCPP security whitepaper asks for 16 to 40");
    }

    @Test
    void saysNothingOfAPasswordOfSixteenToFortyCharacters() {
        assertThat(run(Map.of(CliEnvironment.PASSWORD_ENV, "p".repeat(16)), "--url", URL).err()).isEmpty();
        assertThat(run(Map.of(CliEnvironment.PASSWORD_ENV, "p".repeat(40)), "--url", URL).err()).isEmpty();
    }

    @Test
    void keepsAnErrorOneLineWhenThePasswordWouldWarn() {
        Cli.Result result = run(Map.of(CliEnvironment.PASSWORD_ENV, "pw"), "--url", URL, "--concurrency", "0");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).containsExactly("octt run: --concurrency must be 1 to 256, was: 0");
    }

    // --- fleets: a line's own source wins

    private Path targets(String content) throws IOException {
        return file("fleet.csv", content);
    }

    @Test
    void givesALineItsOwnVariableEvenWithAPasswordFileOnTheCommandLine() throws IOException {
        Path global = file("global.password", GOOD + "\n");
        Path csv = targets("url,basic-auth-password-env\nwss://a.example.com/ocpp/CP001,TENANT_A\n"
                + "wss://b.example.com/ocpp/CP002,\n");
        Map<String, String> env = new HashMap<>(Map.of("TENANT_A", "tenant-a-password-0001"));
        Cli.Result result = run(env, "--targets", csv.toString(), "--basic-auth-password-file", global.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        List<TestContext> contexts = service.plan.get().targets();
        assertThat(contexts).extracting(c -> c.basicAuthPassword().map(Secret::reveal).orElseThrow())
                .containsExactly("tenant-a-password-0001", GOOD);
    }

    @Test
    void refusesALineWhoseVariableIsUnsetInsteadOfFallingBack() throws IOException {
        Path global = file("global.password", GOOD + "\n");
        Path csv = targets("url,basic-auth-password-env\nwss://a.example.com/ocpp/CP001,\n"
                + "wss://b.example.com/ocpp/CP002,TENANT_B\n");
        Cli.Result result = run(Map.of(CliEnvironment.PASSWORD_ENV, GOOD), "--targets", csv.toString(),
                "--basic-auth-password-file", global.toString());
        assertUsageError(result, "octt run: " + csv + " line 3: basic-auth-password-env names the environment variable"
                + " TENANT_B, which is not set; set it to this target's Basic auth password", GOOD);
        assertThat(service.plan.get()).isNull();
    }

    @Test
    void refusesALineWhoseVariableIsEmpty() throws IOException {
        Path yaml = file("fleet.yaml", "- url: wss://a.example.com/ocpp/CP001\n  basic-auth-password-env: TENANT_A\n");
        Cli.Result result = run(Map.of("TENANT_A", "", CliEnvironment.PASSWORD_ENV, GOOD), "--targets", yaml.toString());
        assertUsageError(result, "octt run: " + yaml + " line 1: basic-auth-password-env names the environment variable"
                + " TENANT_A, which is empty; set it to this target's Basic auth password", GOOD);
    }

    @Test
    void refusesALineGivingBothAFileAndAVariable() throws IOException {
        file("a.password", GOOD + "\n");
        Path csv = targets("url,basic-auth-password-file,basic-auth-password-env\n"
                + "wss://a.example.com/ocpp/CP001,a.password,TENANT_A\n");
        Cli.Result result = run(Map.of("TENANT_A", GOOD), "--targets", csv.toString());
        assertUsageError(result, "octt run: " + csv + " line 2: basic-auth-password-file and basic-auth-password-env"
                + " both given; give one source of the password", GOOD);
    }

    @Test
    void refusesAVariableNameThatIsNoNameWithoutQuotingIt() throws IOException {
        Path csv = targets("url,basic-auth-password-env\nwss://a.example.com/ocpp/CP001,hunter2 secret!\n");
        Cli.Result result = run(Map.of(), "--targets", csv.toString());
        assertUsageError(result, "octt run: " + csv + " line 2: basic-auth-password-env must be the name of an"
                + " environment variable (letters, digits and _, not a digit first)", "hunter2");
    }

    @Test
    void warnsOnceForAPasswordSharedByEveryLine() throws IOException {
        Path csv = targets("url\nwss://a.example.com/ocpp/CP001\nwss://b.example.com/ocpp/CP002\n");
        Cli.Result result = run(Map.of(CliEnvironment.PASSWORD_ENV, "short"), "--targets", csv.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.errLines()).singleElement().asString().startsWith("warning: the environment variable");
    }
}
