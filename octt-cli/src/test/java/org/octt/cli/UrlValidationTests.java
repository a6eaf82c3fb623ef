package org.octt.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.octt.core.spi.TestContext;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.octt.cli.TestEnvironments.ID;

/**
 * URLs and {@code --resolve} values are validated when they are read, from the command line, a
 * config file or a targets file (CSV or YAML): exit code 2 and one line with the reason.
 */
class UrlValidationTests {

    private static final String SECRET = "s3cr3t-Pw-in-url";
    private static final String USERINFO_MESSAGE = "URL must not hold a user name or password (give the password"
            + " in a file or the environment), was: ";

    @TempDir
    Path dir;

    private static CliEnvironment env(FakeRunService service) {
        return TestEnvironments.with(service).withEnv(Map.of(CliEnvironment.PASSWORD_ENV, "pw"));
    }

    private static Cli.Result run(FakeRunService service, String... args) {
        return Cli.run(env(service), args);
    }

    /** Exit code 2, exactly one line on stderr, equal to {@code line}; nothing ran. */
    private static void assertUsageError(Cli.Result result, FakeRunService service, String line) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).as(result.toString()).containsExactly("octt run: " + line);
        assertThat(result.out()).isEmpty();
        assertThat(service.plan.get()).isNull();
    }

    // --- credentials in the URL

    @Test
    void refusesCredentialsInTheUrlWithoutPrintingOrReportingThem() {
        FakeRunService service = FakeRunService.passing();
        Path json = dir.resolve("report.json");
        Path junit = dir.resolve("report.xml");
        Cli.Result result = run(service, "run", ID, "--url", "wss://CP001:" + SECRET + "@csms.example.com/ocpp/CP001",
                "--report-json", json.toString(), "--report-junit", junit.toString(), "--verbose");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines().get(0))
                .isEqualTo("octt run: --url: " + USERINFO_MESSAGE + "wss://***@csms.example.com/ocpp/CP001");
        assertThat(result.out() + result.err()).doesNotContain(SECRET);
        assertThat(json).doesNotExist();
        assertThat(junit).doesNotExist();
        assertThat(service.plan.get()).isNull();
    }

    @Test
    void refusesCredentialsInAConfigFileUrl() throws IOException {
        Path config = Files.writeString(dir.resolve("octt.properties"),
                "url=wss://CP001:" + SECRET + "@csms.example.com/ocpp/CP001\n");
        FakeRunService service = FakeRunService.passing();
        assertUsageError(run(service, "run", ID, "--config", config.toString()), service,
                "--url: " + USERINFO_MESSAGE + "wss://***@csms.example.com/ocpp/CP001");
    }

    @Test
    void refusesCredentialsInACsvTargetsFileNamingTheFileAndLine() throws IOException {
        Path file = Files.writeString(dir.resolve("fleet.csv"),
                "url\nwss://a.example.com/ocpp/CP001\nwss://CP002:" + SECRET + "@b.example.com/ocpp/CP002\n");
        FakeRunService service = FakeRunService.passing();
        assertUsageError(run(service, "run", ID, "--targets", file.toString()), service,
                file + " line 3: url: " + USERINFO_MESSAGE + "wss://***@b.example.com/ocpp/CP002");
    }

    @Test
    void refusesCredentialsInAYamlTargetsFileNamingTheFileAndLine() throws IOException {
        Path file = Files.writeString(dir.resolve("fleet.yaml"),
                "- url: wss://a.example.com/ocpp/CP001\n- url: \"wss://CP002:" + SECRET + "@b.example.com/ocpp/CP002\"\n");
        FakeRunService service = FakeRunService.passing();
        assertUsageError(run(service, "run", ID, "--targets", file.toString()), service,
                file + " line 2: url: " + USERINFO_MESSAGE + "wss://***@b.example.com/ocpp/CP002");
    }

    @Test
    void neverEchoesCredentialsOfAUrlTakenForTheHeaderOfACsvTargetsFile() throws IOException {
        Path file = Files.writeString(dir.resolve("fleet.csv"), "wss://CP001:" + SECRET + "@a.example.com/ocpp/CP001\n");
        FakeRunService service = FakeRunService.passing();
        Cli.Result result = run(service, "run", ID, "--targets", file.toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("octt run: " + file + " line 1: unknown column (not shown: not a plain name)");
        assertThat(result.err()).doesNotContain(SECRET);
    }

    @Test
    void neverEchoesCredentialsOfAUrlGivenWithTargets() throws IOException {
        Path file = Files.writeString(dir.resolve("fleet.csv"), "url\nwss://a.example.com/ocpp/CP001\n");
        FakeRunService service = FakeRunService.passing();
        Cli.Result result = run(service, "run", ID, "--targets", file.toString(),
                "--url", "wss://CP9:" + SECRET + "@x.example.com/ocpp/CP9");
        assertUsageError(result, service, "--targets replaces --url and --resolve (give them per target in the file),"
                + " was: --url wss://***@x.example.com/ocpp/CP9");
    }

    // --- ports, host names, the ChargePointId

    @ParameterizedTest
    @ValueSource(strings = {"0", "70000"})
    void refusesAPortOutsideOneTo65535(String port) {
        String url = "wss://csms.example.com:" + port + "/ocpp/CP001";
        FakeRunService service = FakeRunService.passing();
        assertUsageError(run(service, "run", ID, "--url", url), service,
                "--url: URL port must be 1 to 65535, was: " + url);
    }

    @Test
    void takesAnEmptyPortAsTheDefaultAsCurlDoes() {
        FakeRunService service = FakeRunService.passing();
        Cli.Result result = run(service, "run", ID, "--url", "wss://csms.example.com:/ocpp/CP001");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(service.plan.get().targets().get(0).target().port()).isEqualTo(443);
    }

    @Test
    void refusesADnsLabelOfMoreThan63Characters() {
        String host = "a".repeat(64) + ".example.com";
        String url = "wss://" + host + "/ocpp/CP001";
        FakeRunService service = FakeRunService.passing();
        assertUsageError(run(service, "run", ID, "--url", url), service,
                "--url: URL host name has a label of 64 characters (at most 63): " + host + " (in " + url + ")");
    }

    @Test
    void refusesAHostNameOfMoreThan253Characters() {
        String host = ("b".repeat(60) + ".").repeat(4) + "example.com"; // 244 + 11 = 255
        String url = "wss://" + host + "/ocpp/CP001";
        FakeRunService service = FakeRunService.passing();
        assertUsageError(run(service, "run", ID, "--url", url), service,
                "--url: URL host name is 255 characters long (at most 253): " + host + " (in " + url + ")");
    }

    @ParameterizedTest
    @ValueSource(strings = {"wss://csms.example.com/ocpp/", "wss://csms.example.com/ocpp/CP001/"})
    void refusesAnEmptyChargePointId(String url) {
        FakeRunService service = FakeRunService.passing();
        assertUsageError(run(service, "run", ID, "--url", url), service,
                "--url has no ChargePointId as its last path segment (wss://host[:port]/path/<ChargePointId>), was: "
                        + url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"wss://csms.example.com/ocpp/CP:001", "wss://csms.example.com/ocpp/CP%3A001"})
    void refusesAChargePointIdWithAColon(String url) {
        FakeRunService service = FakeRunService.passing();
        assertUsageError(run(service, "run", ID, "--url", url), service,
                "--url has a ChargePointId with ':', which cannot be a Basic auth user-id (RFC 7617), was: " + url);
    }

    @Test
    void validatesUrlsOfATargetsFileNamingTheFileAndLine() throws IOException {
        Path file = Files.writeString(dir.resolve("fleet.csv"),
                "url\nwss://a.example.com/ocpp/CP001\nwss://b.example.com:0/ocpp/CP002\n");
        FakeRunService service = FakeRunService.passing();
        assertUsageError(run(service, "run", ID, "--targets", file.toString()), service,
                file + " line 3: url: URL port must be 1 to 65535, was: wss://b.example.com:0/ocpp/CP002");
    }

    // --- internationalised host names

    @Test
    void connectsToAnInternationalisedHostByItsALabels() {
        FakeRunService service = FakeRunService.passing();
        Cli.Result result = run(service, "run", ID, "--url", "wss://bücher.example/ocpp/CP1");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        TestContext context = service.plan.get().targets().get(0);
        assertThat(context.target().host()).isEqualTo("xn--bcher-kva.example");
        assertThat(context.target().url()).hasToString("wss://xn--bcher-kva.example/ocpp/CP1");
        assertThat(context.target().address()).isEqualTo(InetSocketAddress.createUnresolved("xn--bcher-kva.example", 443));
        assertThat(context.chargePointId()).contains("CP1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bücher.example:443:127.0.0.1", "xn--bcher-kva.example:443:127.0.0.1"})
    void appliesAResolveOverrideToAnInternationalisedHostInEitherForm(String resolve) {
        FakeRunService service = FakeRunService.passing();
        Cli.Result result = run(service, "run", ID, "--url", "wss://bücher.example/ocpp/CP1", "--resolve", resolve);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        TestContext context = service.plan.get().targets().get(0);
        assertThat(context.target().host()).isEqualTo("xn--bcher-kva.example");
        assertThat(context.target().connectAddress()).contains(new InetSocketAddress("127.0.0.1", 443));
    }

    // --- --resolve

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "csms.example.com:0:127.0.0.1 | --resolve port must be 1 to 65535, was: csms.example.com:0:127.0.0.1",
        "csms.example.com:70000:127.0.0.1 | --resolve port must be 1 to 65535, was: csms.example.com:70000:127.0.0.1",
        "csms.example.com:443:garbage | --resolve address must be an IP address (IPv6 in brackets), was: csms.example.com:443:garbage",
        "csms.example.com:443:300.1.1.1 | --resolve address is not an IP address, was: csms.example.com:443:300.1.1.1",
        "a_b.example.com:443:127.0.0.1 | --resolve host name label may hold only letters, digits and inner hyphens, was: a_b.example.com (in a_b.example.com:443:127.0.0.1)"})
    void refusesABadResolveValueWithTheReason(String resolve, String line) {
        FakeRunService service = FakeRunService.passing();
        assertUsageError(run(service, "run", ID, "--url", "wss://csms.example.com/ocpp/CP001", "--resolve", resolve),
                service, line);
    }

    @Test
    void namesTheTargetsFileLineOfABadResolveValue() throws IOException {
        Path file = Files.writeString(dir.resolve("fleet.csv"),
                "url,resolve\nwss://a.example.com/ocpp/CP001,a.example.com:0:127.0.0.1\n");
        FakeRunService service = FakeRunService.passing();
        assertUsageError(run(service, "run", ID, "--targets", file.toString()), service,
                file + " line 2: resolve port must be 1 to 65535, was: a.example.com:0:127.0.0.1");
    }
}
