package org.octt.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.octt.core.spi.Verdict;
import org.octt.tls.pki.CertificateBuilder;
import org.octt.tls.pki.IssuedCertificate;
import org.octt.tls.pki.KeyPairs;
import org.octt.tls.pki.Pem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.octt.cli.TestEnvironments.ID;

/** Report and metrics files: never an input file, never two on one file, regular files only, written whole. */
@Timeout(60) // a FIFO used to block the run for ever
class ReportOutputTests {

    private static final String URL = "wss://csms.example.com:8443/ocpp/CP001";
    private static final String PASSWORD = "Kx9-unique-PASSWORD-7q";

    @TempDir
    Path dir;

    private final FakeRunService service = FakeRunService.passing();

    private CliEnvironment env() {
        return TestEnvironments.with(service).withEnv(Map.of(CliEnvironment.PASSWORD_ENV, PASSWORD));
    }

    private static String[] runArgs(String... more) {
        List<String> args = new ArrayList<>(List.of("run", ID, "--url", URL));
        args.addAll(Arrays.asList(more));
        return args.toArray(String[]::new);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    /** Exit code 2, one line on stderr holding every fragment, nothing ran, nothing printed on stdout. */
    private void assertRefused(Cli.Result result, String... fragments) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).as(result.toString()).hasSize(1);
        assertThat(result.errLines().get(0)).startsWith("octt run: ").contains(fragments);
        assertThat(result.err()).doesNotContain("\tat ", "Exception", PASSWORD);
        assertThat(result.out()).isEmpty();
        assertThat(service.plan.get()).as("nothing ran").isNull();
    }

    // --- a report on an input file

    @Test
    void refusesAReportOnThePasswordFileAndLeavesItAlone() throws IOException {
        Path password = write("password.txt", PASSWORD + "\n");

        Cli.Result result = Cli.run(env(), runArgs("--basic-auth-password-file", password.toString(),
                "--report-json", password.toString()));

        assertRefused(result, "--report-json would overwrite the input file of --basic-auth-password-file",
                password.toString());
        assertThat(Files.readString(password)).isEqualTo(PASSWORD + "\n");
    }

    @Test
    void refusesAReportOnACaFileReachedThroughASymlink() throws IOException {
        Path ca = write("ca.pem", Pem.certificate(root().certificate()));
        Path link = Files.createSymbolicLink(dir.resolve("link.xml"), ca);

        Cli.Result result = Cli.run(env(), runArgs("--ca-file", ca.toString(), "--report-junit", link.toString()));

        assertRefused(result, "--report-junit would overwrite the input file of --ca-file", link.toString());
        assertThat(Files.readString(ca)).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void refusesAMetricsFileThatIsAHardLinkOfTheClientKey() throws IOException {
        IssuedCertificate client = CertificateBuilder.create().subject("CN=CP001").keyPair(KeyPairs.ec("secp256r1"))
                .issuer(root()).build();
        Path cert = write("client.pem", Pem.certificates(client.chain()));
        Path key = write("client.key", client.privateKeyPem());
        Path hardLink = Files.createLink(dir.resolve("metrics.prom"), key);

        Cli.Result result = Cli.run(env(), runArgs("--security-profile", "3", "--client-cert", cert.toString(),
                "--client-key", key.toString(), "--metrics-file", hardLink.toString()));

        assertRefused(result, "--metrics-file would overwrite the input file of --client-key", hardLink.toString());
        assertThat(Files.readString(key)).isEqualTo(client.privateKeyPem());
    }

    @Test
    void refusesAReportOnTheTargetsFileOrOnAPasswordFileItNames() throws IOException {
        Path password = write("a.password", PASSWORD + "\n");
        Path targets = write("fleet.csv", "url,basic-auth-password-file\n" + URL + ",a.password\n");
        Path sameFolderSpelledOtherwise = dir.resolve("./fleet.csv");

        assertRefused(Cli.run(env(), "run", ID, "--targets", targets.toString(),
                        "--report-json", sameFolderSpelledOtherwise.toString()),
                "--report-json would overwrite the input file of --targets", sameFolderSpelledOtherwise.toString());
        assertRefused(Cli.run(env(), "run", ID, "--targets", targets.toString(), "--report-junit", password.toString()),
                "--report-junit would overwrite the input file of " + targets + " line 2: basic-auth-password-file",
                password.toString());
        assertThat(Files.readString(password)).isEqualTo(PASSWORD + "\n");
    }

    @Test
    void refusesAReportOnTheConfigFile() throws IOException {
        Path config = write("octt.properties", "url=" + URL + "\n");

        Cli.Result result = Cli.run(env(), "run", ID, "--config", config.toString(), "--report-json", config.toString());

        assertRefused(result, "--report-json would overwrite the input file of --config", config.toString());
        assertThat(Files.readString(config)).isEqualTo("url=" + URL + "\n");
    }

    // --- two reports on one file

    @Test
    void refusesTwoReportsOnOneFileSpelledDifferently() {
        Path json = dir.resolve("out/r.json");
        Path same = dir.resolve("out/./r.json");

        Cli.Result result = Cli.run(env(), runArgs("--report-json", json.toString(), "--report-junit", same.toString()));

        assertRefused(result, "--report-junit and --report-json name the same file", same.toString());
    }

    @Test
    void refusesTheHtmlReportOnAnotherReportOrOnAnInputFile() throws IOException {
        Path json = dir.resolve("out/r.json");
        Path password = write("password.txt", PASSWORD + "\n");

        assertRefused(Cli.run(env(), runArgs("--report-json", json.toString(), "--report-html", json.toString())),
                "--report-html and --report-json name the same file", json.toString());
        assertRefused(Cli.run(env(), runArgs("--basic-auth-password-file", password.toString(),
                        "--report-html", password.toString())),
                "--report-html would overwrite the input file of --basic-auth-password-file", password.toString());
        assertRefused(Cli.run(env(), runArgs("--report-html", dir.toString())),
                "--report-html: report file is a folder", dir.toString());
        assertThat(Files.readString(password)).isEqualTo(PASSWORD + "\n");
    }

    @Test
    void writesTheHtmlReportWholeBesideTheOthers() throws IOException {
        Path out = Files.createDirectory(dir.resolve("out"));
        Path html = Files.writeString(out.resolve("r.html"), "old");

        Cli.Result result = Cli.run(env(), runArgs("--report-html", html.toString(), "--report-json",
                out.resolve("r.json").toString()));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.PASSED);
        assertThat(Files.readString(html)).startsWith("<!DOCTYPE html>")
                .contains("<title>octt report: PASSED (" + ID + ")</title>").contains("<code>fake.check</code>")
                .endsWith("</html>\n").doesNotContain(PASSWORD);
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("r.html", "r.json");
        }
    }

    @Test
    void refusesTheMetricsFileOnAReportThroughASymlinkedFolder() throws IOException {
        Path out = Files.createDirectory(dir.resolve("out"));
        Path alias = Files.createSymbolicLink(dir.resolve("alias"), out);

        Cli.Result result = Cli.run(env(), runArgs("--report-json", out.resolve("r.txt").toString(),
                "--metrics-file", alias.resolve("r.txt").toString()));

        assertRefused(result, "--metrics-file and --report-json name the same file", alias.resolve("r.txt").toString());
    }

    // --- regular files only

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void refusesAFifoBeforeRunningInsteadOfBlockingOnIt() throws Exception {
        Path fifo = dir.resolve("report.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).isZero();

        Cli.Result result = Cli.run(env(), runArgs("--report-junit", fifo.toString()));

        assertRefused(result, "--report-junit: report file is not a regular file", fifo.toString());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void refusesADeviceSuchAsDevFull() {
        Cli.Result result = Cli.run(env(), runArgs("--report-json", "/dev/full"));

        assertRefused(result, "--report-json: report file is not a regular file", "/dev/full");
    }

    // --- writing

    @Test
    void writesTheOtherReportsAndExitsFiveWhenOneCannotBeWrittenAtTheEnd() throws IOException {
        Path lost = dir.resolve("gone/r.json");
        Path junit = dir.resolve("kept/r.xml");
        Path metrics = dir.resolve("kept/m.prom");
        // during the run, the folder of the JSON report is replaced by a file: the report cannot be written
        RunService replacesTheFolder = (plan, registry, cancel) -> {
            try {
                Files.delete(lost.getParent());
                Files.writeString(lost.getParent(), "not a folder any more");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return service.run(plan, registry, cancel);
        };

        Cli.Result result = Cli.run(env().withRunService(replacesTheFolder), runArgs("--report-json", lost.toString(),
                "--report-junit", junit.toString(), "--metrics-file", metrics.toString()));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.REPORT_NOT_WRITTEN);
        assertThat(result.errLines()).as(result.toString()).containsExactly("octt run: --report-json: could not write "
                + lost + " (Not a directory); the run finished, its result is not recorded there");
        assertThat(result.out()).contains("Result: PASSED");
        assertThat(Files.readString(junit)).startsWith("<?xml").contains("fake.check");
        assertThat(Files.readString(metrics)).contains("octt_checks_total");
    }

    @Test
    void takesPrecedenceOverAFailedVerdict() throws IOException {
        FakeRunService failing = new FakeRunService(Map.of(ID, Verdict.FAILED));
        Path lost = dir.resolve("gone/r.json");
        RunService removesTheFolder = (plan, registry, cancel) -> {
            try {
                Files.delete(lost.getParent());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return failing.run(plan, registry, cancel);
        };

        Cli.Result result = Cli.run(env().withRunService(removesTheFolder), runArgs("--report-json", lost.toString()));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.REPORT_NOT_WRITTEN);
        assertThat(result.errLines()).singleElement().asString().contains("--report-json", lost.toString(),
                "no such file or folder");
        assertThat(result.out()).contains("Result: FAILED");
    }

    @Test
    void replacesAReportWholeLeavingNoTemporaryFileAndKeepsASymlinkedReport() throws IOException {
        Path out = Files.createDirectory(dir.resolve("out"));
        Path real = Files.writeString(out.resolve("real.json"), "old");
        Path link = Files.createSymbolicLink(out.resolve("r.json"), real);

        Cli.Result result = Cli.run(env(), runArgs("--report-json", link.toString()));

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.PASSED);
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(new ObjectMapper().readTree(real.toFile()).at("/verdict").asText()).isEqualTo("PASSED");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("real.json", "r.json");
        }
    }

    @Test
    void documentsExitCodeFiveInTheHelp() {
        Cli.Result result = Cli.run(env(), "run", "--help");

        assertThat(result.out()).contains("5  the run finished but a report could not be written");
    }

    // --- octt demo

    @Test
    void demoRefusesTwoReportsOnOneFileBeforeStartingAnything() {
        Path json = dir.resolve("r.json");

        Cli.Result result = Cli.run(env(), "demo", "--report-json", json.toString(), "--metrics-file", json.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).singleElement().asString()
                .isEqualTo("octt demo: --metrics-file and --report-json name the same file, one report would be lost: "
                        + json);
        assertThat(result.out()).as("no Central System started").isEmpty();
    }

    private static IssuedCertificate root() {
        return CertificateBuilder.create().subject("CN=octt test root").ca().keyPair(KeyPairs.ec("secp256r1")).build();
    }
}
