package org.octt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.Secret;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Verdict;
import org.octt.tls.pki.CertificateBuilder;
import org.octt.tls.pki.IssuedCertificate;
import org.octt.tls.pki.KeyPairs;
import org.octt.tls.pki.Pem;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import static org.octt.cli.TestEnvironments.OTHER_ID;

class RunCommandTests {

    private static final String URL = "wss://csms.example.com:8443/ocpp/CP001";
    private static final String PASSWORD = "Kx9-unique-PASSWORD-7q";

    @TempDir
    static Path dir;

    static Path caFile;
    static Path twoCasFile;
    static Path clientCert;
    static Path clientKey;
    static Path passwordFile;

    @BeforeAll
    static void pki() throws IOException {
        IssuedCertificate root = CertificateBuilder.create().subject("CN=octt test root").ca()
                .keyPair(KeyPairs.ec("secp256r1")).build();
        IssuedCertificate root2 = CertificateBuilder.create().subject("CN=octt second root").ca()
                .keyPair(KeyPairs.ec("secp256r1")).build();
        IssuedCertificate client = CertificateBuilder.create().subject("CN=CP001")
                .keyPair(KeyPairs.ec("secp256r1")).issuer(root).build();
        caFile = write("ca.pem", root.certificatePem());
        twoCasFile = write("two-cas.pem", root.certificatePem() + root2.certificatePem());
        clientCert = write("client.pem", Pem.certificates(client.chain()));
        clientKey = write("client.key", client.privateKeyPem());
        passwordFile = write("password.txt", PASSWORD + "\n");
    }

    private static Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static CliEnvironment withPassword(FakeRunService service) {
        return TestEnvironments.with(service).withEnv(Map.of(CliEnvironment.PASSWORD_ENV, PASSWORD));
    }

    private static Cli.Result run(String... args) {
        return Cli.run(withPassword(FakeRunService.passing()), args);
    }

    private static String[] runArgs(String... more) {
        List<String> args = new ArrayList<>(List.of("run", ID, "--url", URL));
        args.addAll(Arrays.asList(more));
        return args.toArray(String[]::new);
    }

    /** Exit code 2, exactly one line on stderr holding every fragment, no stack trace. */
    private static void assertUsageError(Cli.Result result, String... fragments) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).as(result.toString()).hasSize(1);
        assertThat(result.errLines().get(0)).contains(fragments);
        assertThat(result.err()).doesNotContain("\tat ", "Exception");
        assertThat(result.out()).isEmpty();
    }

    // --- exit codes

    @Test
    void exitsZeroWhenEveryTestCasePassed() {
        FakeRunService service = FakeRunService.passing();
        Cli.Result result = Cli.run(withPassword(service), runArgs());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.PASSED);
        assertThat(result.out()).contains("Result: PASSED", "fake.check", "fake-step");
        assertThat(service.plan.get().testCases()).extracting(t -> t.id()).containsExactly(ID);
    }

    @Test
    void exitsOneWhenAnyTestCaseFailedEvenIfAnotherWasInconclusive() {
        FakeRunService service = new FakeRunService(Map.of(ID, Verdict.FAILED, OTHER_ID, Verdict.INCONCLUSIVE));
        Cli.Result result = Cli.run(withPassword(service), "run", ID, OTHER_ID, "--url", URL);
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.out()).contains("Result: FAILED", "0 passed, 1 failed, 1 inconclusive");
    }

    @Test
    void exitsThreeWhenATestCaseWasInconclusiveAndNoneFailed() {
        FakeRunService service = new FakeRunService(Map.of(OTHER_ID, Verdict.INCONCLUSIVE));
        Cli.Result result = Cli.run(withPassword(service), "run", ID, OTHER_ID, "--url", URL);
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INCONCLUSIVE);
        assertThat(result.out()).contains("Result: INCONCLUSIVE", "1 passed, 0 failed, 1 inconclusive");
    }

    @Test
    void mapsAnUnexpectedErrorOfTheRunToExitCodeFourInOneLine() {
        RunService broken = (plan, registry, cancel) -> reactor.core.publisher.Flux.error(new IllegalStateException("engine broke"));
        Cli.Result result = Cli.run(withPassword(FakeRunService.passing()).withRunService(broken), runArgs());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INTERNAL_ERROR);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.err()).contains("engine broke", "--verbose").doesNotContain("\tat ");
    }

    // --- bad input: exit code 2, one line naming the problem and the value

    @Test
    void rejectsAnUnknownOption() {
        assertUsageError(run(runArgs("--frobnicate")), "Unknown option", "--frobnicate");
    }

    @Test
    void rejectsAnUnknownTestCaseIdListingTheKnownIds() {
        assertUsageError(run("run", "TC_NOPE_999", "--url", URL), "unknown test case id", "TC_NOPE_999",
                ID, OTHER_ID);
    }

    @Test
    void rejectsAMissingTestCaseId() {
        assertUsageError(run("run", "--url", URL),
                "octt run: no test case to run: give test case IDs or --suite NAME (see: octt list)");
    }

    @Test
    void rejectsAMalformedUrl() {
        assertUsageError(run("run", ID, "--url", "wss://csms example.com/ocpp/CP001"), "--url", "malformed URL",
                "wss://csms example.com/ocpp/CP001");
    }

    @Test
    void rejectsAUrlOfAnotherScheme() {
        assertUsageError(run("run", ID, "--url", "ftp://csms.example.com/ocpp/CP001"), "--url",
                "ftp://csms.example.com/ocpp/CP001");
    }

    @Test
    void requiresAUrl() {
        assertUsageError(run("run", ID), "--url is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "3"})
    void rejectsWsWhereTlsIsRequired(String profile) {
        assertUsageError(run("run", ID, "--url", "ws://csms.example.com/ocpp/CP001", "--security-profile", profile,
                        "--client-cert", clientCert.toString(), "--client-key", clientKey.toString()),
                "must use wss://", "security profile " + profile, "ws://csms.example.com/ocpp/CP001");
    }

    @Test
    void acceptsProfile1WithAPlainWsUrlAndThePasswordWithoutACaFile() {
        FakeRunService service = FakeRunService.passing();
        Cli.Result result = Cli.run(withPassword(service), "run", ID, "--url", "ws://csms.example.com/ocpp/CP001",
                "--security-profile", "1");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        TestContext context = service.plan.get().targets().get(0);
        assertThat(context.securityProfile()).isEqualTo(SecurityProfile.UNSECURED_BASIC_AUTH);
        assertThat(context.target().secure()).isFalse();
        assertThat(context.basicAuthPassword()).contains(Secret.of(PASSWORD));
    }

    @Test
    void rejectsProfile1WithAWssUrlInOneLine() {
        assertUsageError(run("run", ID, "--url", URL, "--security-profile", "1"),
                "security profile 1 is plain WebSocket without TLS: --url must use ws://, was: " + URL
                        + " (use --security-profile 2 for wss://)");
    }

    @Test
    void rejectsProfile1WithoutAPassword() {
        assertUsageError(Cli.run(TestEnvironments.with(FakeRunService.passing()), "run", ID, "--url",
                "ws://csms.example.com/ocpp/CP001", "--security-profile", "1"), "security profile 1 needs a Basic auth password");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "4"})
    void rejectsAProfileOtherThan1To3(String profile) {
        assertUsageError(run(runArgs("--security-profile", profile)), "--security-profile must be 1, 2 or 3, was: " + profile);
    }

    @ParameterizedTest
    @ValueSource(strings = {"wss://csms.example.com:8443/", "wss://csms.example.com:8443", "wss://csms.example.com//"})
    void rejectsAUrlWithoutAChargePointId(String url) {
        assertUsageError(run("run", ID, "--url", url), "no ChargePointId", url);
    }

    @Test
    void rejectsAFolderGivenAsCaFile() {
        assertUsageError(run(runArgs("--ca-file", dir.toString())), "--ca-file", "folder", dir.toString());
    }

    @Test
    void rejectsAMissingClientKeyFile() {
        Path missing = dir.resolve("missing.key");
        assertUsageError(run(runArgs("--security-profile", "3", "--client-cert", clientCert.toString(),
                "--client-key", missing.toString())), "--client-key", "not found", missing.toString());
    }

    @ParameterizedTest
    @CsvSource({"garbage, not a duration", "3x, not a duration", "0s, must be positive", "PT0S, must be positive",
        "-5s, must be positive", "PTfoo, not a duration"})
    void rejectsABadDuration(String value, String problem) {
        assertUsageError(run(runArgs("--timeout=" + value)), "--timeout", problem, value);
    }

    @Test
    void rejectsANegativeDurationWrittenAsASeparateArgument() {
        assertUsageError(run(runArgs("--timeout", "-5s")), "--timeout", "must be positive", "-5s");
    }

    @Test
    void rejectsAClientCertificateWithoutItsKey() {
        assertUsageError(run(runArgs("--security-profile", "3", "--client-cert", clientCert.toString())),
                "--client-cert needs --client-key", clientCert.toString());
    }

    @Test
    void rejectsAClientKeyWithoutItsCertificate() {
        assertUsageError(run(runArgs("--security-profile", "3", "--client-key", clientKey.toString())),
                "--client-key needs --client-cert", clientKey.toString());
    }

    @Test
    void rejectsProfileThreeWithoutAClientCertificate() {
        assertUsageError(run(runArgs("--security-profile", "3")), "security profile 3 needs a client certificate",
                "--client-cert");
    }

    @Test
    void rejectsProfileTwoWithoutAPassword() {
        Cli.Result result = Cli.run(TestEnvironments.passing(), runArgs());
        assertUsageError(result, "security profile 2 needs a Basic auth password", "--basic-auth-password-file",
                CliEnvironment.PASSWORD_ENV);
    }

    @Test
    void rejectsASecurityProfileThatIsNotANumber() {
        assertUsageError(run(runArgs("--security-profile", "two")), "--security-profile", "two");
    }

    @ParameterizedTest
    @ValueSource(strings = {"csms.example.com", "csms.example.com:8443", "csms.example.com:port:127.0.0.1",
        "csms.example.com:8443:999.0.0.1", "csms.example.com:8443:::1", "csms.example.com:8443:localhost",
        "csms.example.com:70000:127.0.0.1", "csms.example.com:8443:[::g]"})
    void rejectsBadResolveSyntax(String value) {
        assertUsageError(run(runArgs("--resolve", value)), "--resolve", value);
    }

    @ParameterizedTest
    @CsvSource({"other.example.com:8443:127.0.0.1, other.example.com:8443",
        "csms.example.com:443:127.0.0.1, csms.example.com:443"})
    void rejectsAResolveOverrideForAnotherHostOrPortNamingBoth(String value, String resolveHostPort) {
        assertUsageError(run(runArgs("--resolve", value)), "--resolve is for " + resolveHostPort,
                "--url is for csms.example.com:8443", value);
    }

    @Test
    void rejectsAPasswordOnTheCommandLineWithoutEchoingIt() {
        Cli.Result result = run(runArgs("--basic-auth-password", "hunter2-secret", "--verbose"));
        assertUsageError(result, "never accepted on the command line", "--basic-auth-password-file");
        assertThat(result.err()).doesNotContain("hunter2-secret");
    }

    @Test
    void printsAStackTraceWithAnErrorOnlyWhenVerbose() {
        Cli.Result result = run(runArgs("--timeout", "garbage", "--verbose"));
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines().get(0)).contains("--timeout", "garbage");
        assertThat(result.err()).contains("UsageException", "\tat ");
    }

    @Test
    void escapesControlCharactersOfTheOffendingValueInTheErrorLineAndTheStackTrace() {
        Cli.Result brief = run(runArgs("--timeout", "5s\u001b]0;owned\u0007\u202e"));
        Cli.Result verbose = run(runArgs("--timeout", "5s\u001b]0;owned\u0007\u202e", "--verbose"));

        assertThat(brief.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(brief.errLines()).singleElement().satisfies(line -> assertThat(line)
                .contains("--timeout").contains("5s\\x1b]0;owned\\x07\\u202e").doesNotContain("\u001b"));
        assertThat(verbose.err()).contains("\tat ").contains("5s\\x1b]0;owned\\x07")
                .doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u202e");
    }

    @Test
    void printsAnIpv6ResolveMismatchWithBracketedHostsInShortForm() {
        Cli.Result r = run("run", ID, "--url", "wss://[0:0:0:0:0:0:0:1]:8443/ocpp/CP001",
                "--resolve", "[::2]:8443:[::1]");

        assertUsageError(r, "--resolve is for [::2]:8443 but --url is for [::1]:8443; they must match");
    }

    // --- what reaches the engine

    @Test
    void resolvesTheTargetToTheGivenIpv6AddressAndKeepsTheHost() throws Exception {
        FakeRunService service = FakeRunService.passing();
        Cli.Result result = Cli.run(withPassword(service), runArgs("--resolve", "CSMS.example.com:8443:[::1]"));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        TestContext context = service.plan.get().targets().get(0);
        assertThat(context.target().host()).isEqualTo("csms.example.com");
        assertThat(context.target().connectAddress())
                .contains(new InetSocketAddress(InetAddress.getByName("::1"), 8443));
        assertThat(context.chargePointId()).contains("CP001");
    }

    @Test
    void passesEveryOptionToTheTestContext() {
        FakeRunService service = FakeRunService.passing();
        Cli.Result result = Cli.run(withPassword(service), runArgs("--timeout", "500ms", "--insecure",
                "--option", "ocpp.vendor=ACME", "--option", "ocpp.model=Volt 1", "--option", "ocpp.connectors=3",
                "--max-connections", "5",
                "--ca-file", caFile.toString(), "--ca-file", twoCasFile.toString()));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        TestContext context = service.plan.get().targets().get(0);
        assertThat(context.timeouts().network()).isEqualTo(Duration.ofMillis(500));
        assertThat(context.insecure()).isTrue();
        assertThat(context.options()).containsExactlyInAnyOrderEntriesOf(
                Map.of("ocpp.vendor", "ACME", "ocpp.model", "Volt 1", "ocpp.connectors", "3"));
        assertThat(context.maxConnectionsPerTarget()).isEqualTo(5);
        assertThat(context.trustAnchors()).hasSize(3);
        assertThat(context.securityProfile()).isEqualTo(SecurityProfile.TLS_BASIC_AUTH);
        assertThat(context.basicAuthPassword()).contains(Secret.of(PASSWORD));
        assertThat(service.plan.get().concurrency()).isEqualTo(1);
    }

    @Test
    void acceptsTimeoutsInSecondsMinutesAndIso8601() {
        for (String[] pair : new String[][] {{"3s", "PT3S"}, {"1m", "PT1M"}, {"PT2.5S", "PT2.5S"}}) {
            FakeRunService service = FakeRunService.passing();
            Cli.Result result = Cli.run(withPassword(service), runArgs("--timeout", pair[0]));
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(service.plan.get().targets().get(0).timeouts().network()).isEqualTo(Duration.parse(pair[1]));
        }
    }

    @Test
    void passesTheClientCertificateForProfileThree() {
        FakeRunService service = FakeRunService.passing();
        Cli.Result result = Cli.run(TestEnvironments.with(service), runArgs("--security-profile", "3",
                "--client-cert", clientCert.toString(), "--client-key", clientKey.toString()));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        TestContext context = service.plan.get().targets().get(0);
        assertThat(context.securityProfile()).isEqualTo(SecurityProfile.TLS_CLIENT_CERTIFICATE);
        assertThat(context.clientKeyMaterial()).hasValueSatisfying(k -> {
            assertThat(k.chain()).hasSize(2);
            assertThat(k.leaf().getSubjectX500Principal().getName()).isEqualTo("CN=CP001");
        });
        assertThat(context.basicAuthPassword()).isEmpty();
    }

    // --- the password

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", ""})
    void stripsTheLineEndingOfThePasswordFile(String ending) throws IOException {
        Path file = write("password-" + ending.length() + ".txt", " pass word " + ending);
        FakeRunService service = FakeRunService.passing();
        Cli.Result result = Cli.run(TestEnvironments.with(service), runArgs("--basic-auth-password-file", file.toString()));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(service.plan.get().targets().get(0).basicAuthPassword().map(Secret::reveal)).contains(" pass word ");
    }

    @Test
    void prefersThePasswordFileToTheEnvironment() {
        FakeRunService service = FakeRunService.passing();
        CliEnvironment env = TestEnvironments.with(service).withEnv(Map.of(CliEnvironment.PASSWORD_ENV, "from-env"));
        Cli.Result result = Cli.run(env, runArgs("--basic-auth-password-file", passwordFile.toString()));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(service.plan.get().targets().get(0).basicAuthPassword().map(Secret::reveal)).contains(PASSWORD);
    }

    @ParameterizedTest
    @CsvSource(value = {"'', is empty", "'\n', is empty", "'one\ntwo\n', one line"})
    void rejectsAPasswordFileThatIsEmptyOrHasSeveralLines(String content, String problem) throws IOException {
        Path file = write("bad-password-" + content.length() + ".txt", content);
        assertUsageError(Cli.run(TestEnvironments.passing(), runArgs("--basic-auth-password-file", file.toString())),
                "--basic-auth-password-file", problem, file.toString());
    }

    @Test
    void rejectsAMissingPasswordFile() {
        Path missing = dir.resolve("no-password.txt");
        assertUsageError(run(runArgs("--basic-auth-password-file", missing.toString())),
                "--basic-auth-password-file", "not found", missing.toString());
    }

    @Test
    void neverPrintsOrReportsThePassword() throws IOException {
        FakeRunService service = new FakeRunService(Map.of(ID, Verdict.FAILED));
        Path json = dir.resolve("secret/report.json");
        Path junit = dir.resolve("secret/report.xml");
        Path metrics = dir.resolve("secret/metrics.prom");
        Cli.Result result = Cli.run(TestEnvironments.with(service), runArgs("--verbose",
                "--basic-auth-password-file", passwordFile.toString(), "--report-json", json.toString(),
                "--report-junit", junit.toString(), "--metrics-file", metrics.toString()));
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILED);
        // the password did reach the run...
        assertThat(service.plan.get().targets().get(0).basicAuthPassword().map(Secret::reveal)).contains(PASSWORD);
        // ...and the check message that printed the context shows it masked
        assertThat(result.out()).contains("password=****", "password length " + PASSWORD.length());
        assertThat(result.out()).doesNotContain(PASSWORD);
        assertThat(result.err()).doesNotContain(PASSWORD);
        for (Path report : List.of(json, junit, metrics)) {
            assertThat(Files.readString(report)).isNotEmpty().doesNotContain(PASSWORD);
        }
    }

    // --- reports and metrics

    @Test
    void writesTheReportsAndPrometheusMetrics() throws IOException {
        FakeRunService service = FakeRunService.passing();
        Path json = dir.resolve("out/r.json");
        Path junit = dir.resolve("out/r.xml");
        Path metrics = dir.resolve("out/m.prom");
        Cli.Result result = Cli.run(withPassword(service), runArgs("--report-json", json.toString(),
                "--report-junit", junit.toString(), "--metrics-file", metrics.toString()));
        assertThat(result.exitCode()).as(result.toString()).isZero();
        // octt-core's reports of the run's result
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.at("/tool/name").asText()).isEqualTo("octt");
        assertThat(report.at("/tool/version").asText()).isEqualTo(org.octt.core.Version.current());
        assertThat(report.at("/verdict").asText()).isEqualTo("PASSED");
        assertThat(report.at("/target/url").asText()).isEqualTo(URL);
        assertThat(report.at("/testCases/0/id").asText()).isEqualTo(ID);
        assertThat(report.at("/testCases/0/checks/0/id").asText()).isEqualTo("fake.check");
        assertThat(Files.readString(junit)).startsWith("<?xml").contains("<testsuites", "fake.check");
        assertThat(Files.readString(metrics)).contains("# TYPE octt_checks_total counter",
                "octt_checks_total{verdict=\"PASSED\"} 1.0");
    }

    @Test
    void rejectsAReportFileThatIsAFolderBeforeRunning() {
        FakeRunService service = FakeRunService.passing();
        assertUsageError(Cli.run(withPassword(service), runArgs("--report-json", dir.toString())),
                "report file is a folder", dir.toString());
        assertThat(service.plan.get()).isNull();
    }
}
