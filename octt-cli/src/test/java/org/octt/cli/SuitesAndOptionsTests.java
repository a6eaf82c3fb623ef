package org.octt.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.octt.core.spi.TestCase;
import org.octt.core.spi.TestContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.octt.cli.TestEnvironments.ID;
import static org.octt.cli.TestEnvironments.OTHER_ID;

/** {@code octt run --suite} (built-in and config file suites) and {@code --option}, with a canned run service. */
class SuitesAndOptionsTests {

    private static final String URL = "wss://csms.example.com:8443/ocpp/CP001";

    @TempDir
    Path dir;

    private final FakeRunService service = FakeRunService.passing();
    private final CliEnvironment env = TestEnvironments.with(service)
            .withEnv(Map.of(CliEnvironment.PASSWORD_ENV, "env-password-0123456"));

    private Cli.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("run", "--url", URL));
        all.addAll(Arrays.asList(args));
        return Cli.run(env, all.toArray(String[]::new));
    }

    private Path config(String content) throws IOException {
        return Files.writeString(dir.resolve("octt.properties"), content);
    }

    private List<String> planned() {
        return service.plan.get().testCases().stream().map(TestCase::id).toList();
    }

    private Map<String, String> options() {
        return service.plan.get().targets().get(0).options();
    }

    /** Exit code 2, exactly one line on stderr equal to {@code line}, nothing run. */
    private void assertUsageError(Cli.Result result, String line) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).as(result.toString()).containsExactly(line);
        assertThat(service.plan.get()).as("nothing ran").isNull();
    }

    // --- suites

    @Test
    void runsABuiltInSuiteInIdOrder() {
        Cli.Result result = run("--suite", FakeTestCase.SUITE);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(planned()).containsExactly(ID, OTHER_ID);
    }

    @Test
    void runsAUserSuiteInTheOrderWritten() throws IOException {
        Path file = config("suite.mine=" + OTHER_ID + ", " + ID + "\n");
        Cli.Result result = run("--config", file.toString(), "--suite", "mine");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(planned()).containsExactly(OTHER_ID, ID);
    }

    @Test
    void combinesSuitesAndIdsSuitesFirstEachTestCaseOnce() throws IOException {
        Path file = config("suite.second=" + OTHER_ID + "\n");
        Cli.Result result = run(ID, OTHER_ID, "--config", file.toString(), "--suite", "second", "--suite", "second");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(planned()).containsExactly(OTHER_ID, ID);
    }

    @Test
    void takesTheSuiteFromTheConfigFile() throws IOException {
        Path file = config("suite=" + FakeTestCase.SUITE + "\n");
        Cli.Result result = run("--config", file.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(planned()).containsExactly(ID, OTHER_ID);
    }

    @Test
    void rejectsAnUnknownSuiteListingTheKnownOnes() throws IOException {
        Path file = config("suite.mine=" + ID + "\n");
        assertUsageError(run("--config", file.toString(), "--suite", "nope"),
                "octt run: --suite: unknown suite: nope (known: fake-suite, mine)");
    }

    @Test
    void rejectsASuiteNamingAnUnknownTestCase() throws IOException {
        Path file = config("suite.mine=" + ID + ",TC_NOPE\n");
        assertUsageError(run("--config", file.toString(), "--suite", "mine"),
                "octt run: suite mine: unknown test case id: TC_NOPE (known: TC_FAKE_001, TC_FAKE_002)");
    }

    @Test
    void refusesAUserSuiteThatWouldShadowABuiltInOne() throws IOException {
        Path file = config("suite.fake-suite=" + ID + "\n");
        assertUsageError(run("--config", file.toString(), ID),
                "octt run: --config file " + file + ": suite.fake-suite: a built-in suite has this name; a user suite"
                        + " cannot replace it (name yours differently)");
    }

    @Test
    void refusesABadSuiteNameAndAnEmptySuiteWithoutQuotingTheValue() throws IOException {
        Path file = config("suite.My_Suite=SECRET_LOOKING_VALUE\n");
        assertUsageError(run("--config", file.toString(), ID), "octt run: --config file " + file
                + ": suite.My_Suite: a suite name is lower case words and digits joined by '-' (e.g. my-suite)");
        Path empty = config("suite.empty= , \n");
        assertUsageError(run("--config", empty.toString(), ID),
                "octt run: --config file " + empty + ": suite.empty: lists no test case id");
    }

    @Test
    void needsAnIdOrASuite() {
        assertUsageError(run(), "octt run: no test case to run: give test case IDs or --suite NAME (see: octt list)");
    }

    // --- options

    @Test
    void setsDeclaredOptionsFromTheCommandLineOverTheConfigFile() throws IOException {
        Path file = config("option.ocpp.vendor=ACME\noption.ocpp.connectors=4\n");
        Cli.Result result = run(ID, "--config", file.toString(), "--option", "ocpp.connectors=7",
                "--option", "ocpp.model= Volt 1 ");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(options()).containsExactlyInAnyOrderEntriesOf(
                Map.of("ocpp.vendor", "ACME", "ocpp.connectors", "7", "ocpp.model", "Volt 1"));
    }

    @Test
    void rejectsAKeyNoSelectedTestCaseDeclares() {
        assertUsageError(run(ID, "--option", "frob.nicate=1"), "octt run: --option frob.nicate: not an option of the"
                + " selected test cases (declared: ocpp.connectors, ocpp.model, ocpp.vendor)");
    }

    @Test
    void rejectsAnOptionWhenTheSelectedTestCasesDeclareNone() {
        CliEnvironment engine = TestEnvironments.engine(new ScriptedTestCase("TC_PLAIN", "Declares nothing"))
                .withEnv(Map.of(CliEnvironment.PASSWORD_ENV, "pw"));
        Cli.Result result = Cli.run(engine, "run", "TC_PLAIN", "--url", URL, "--option", "ocpp.vendor=ACME");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).containsExactly(
                "octt run: --option ocpp.vendor: not an option of the selected test cases (declared: none)");
    }

    @Test
    void rejectsAValueItsDescriptorRefusesNamingTheKeyAndTheValue() {
        assertUsageError(run(ID, "--option", "ocpp.connectors=0"),
                "octt run: --option ocpp.connectors: is out of range (expected 1..100), was: 0");
        assertUsageError(run(ID, "--option", "ocpp.connectors=many"),
                "octt run: --option ocpp.connectors: is not a whole number (expected 1..100), was: many");
    }

    @Test
    void showsABadValueEscapedAndShortened() {
        String value = "\u001b[2J" + "x".repeat(300);
        Cli.Result result = run(ID, "--option", "ocpp.vendor=" + value);
        assertUsageError(result, "octt run: --option ocpp.vendor: is longer than 256 characters, was: "
                + ("\\x1b[2J" + "x".repeat(300)).substring(0, 40) + "... (304 characters)");
        assertThat(result.err()).doesNotContain("\u001b");
    }

    @Test
    void rejectsAnOptionWithoutAnEqualsSign() {
        assertUsageError(run(ID, "--option", "ocpp.vendor"),
                "octt run: --option: expected KEY=VALUE (e.g. ocpp.vendor=ACME), was: ocpp.vendor");
    }

    @Test
    void neverQuotesAValueFromTheConfigFile() throws IOException {
        Path file = config("option.ocpp.connectors=999999\n");
        assertUsageError(run(ID, "--config", file.toString()), "octt run: option.ocpp.connectors in --config file "
                + file + ": is out of range (expected 1..100)");
        Path unknown = config("option.frob=zzz-file-value\n");
        Cli.Result result = run(ID, "--config", unknown.toString());
        assertUsageError(result, "octt run: option.frob in --config file " + unknown
                + ": not an option of the selected test cases (declared: ocpp.connectors, ocpp.model, ocpp.vendor)");
        assertThat(result.err()).doesNotContain("zzz-file-value");
    }

    @Test
    void mapsTheDeprecatedFlagsToOptionsWithAWarning() {
        Cli.Result result = run(ID, "--vendor", "ACME", "--model", "Volt 1", "--connectors", "3");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.errLines()).containsExactly(
                "warning: --vendor is deprecated; use --option ocpp.vendor=VALUE",
                "warning: --model is deprecated; use --option ocpp.model=VALUE",
                "warning: --connectors is deprecated; use --option ocpp.connectors=VALUE");
        assertThat(options()).containsExactlyInAnyOrderEntriesOf(
                Map.of("ocpp.vendor", "ACME", "ocpp.model", "Volt 1", "ocpp.connectors", "3"));
        Cli.Result help = Cli.run(env, "run", "--help");
        assertThat(help.out()).contains("--option", "--suite").doesNotContain("--vendor", "--connectors");
    }

    @Test
    void keepsTheDeprecatedConnectorsFlagsOwnBoundsAndChecksTheOthersAsOptions() {
        assertUsageError(run(ID, "--connectors", "0"), "octt run: --connectors must be 1 to 100, was: 0");
        Cli.Result result = run(ID, "--vendor", "x".repeat(257));
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).containsExactly(
                "warning: --vendor is deprecated; use --option ocpp.vendor=VALUE",
                "octt run: --vendor: is longer than 256 characters, was: " + "x".repeat(40) + "... (257 characters)");
    }

    @Test
    void anOptionGivenTwiceTakesTheLastValue() {
        Cli.Result result = run(ID, "--option", "ocpp.vendor=A", "--option", "ocpp.vendor=B");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        TestContext context = service.plan.get().targets().get(0);
        assertThat(context.option("ocpp.vendor")).contains("B");
    }
}
