package org.octt.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.octt.core.spi.TestContext;
import org.octt.tls.pki.CertificateBuilder;
import org.octt.tls.pki.IssuedCertificate;
import org.octt.tls.pki.KeyPairs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.octt.cli.TestEnvironments.ID;

/**
 * What the CLI says about the content of its input files: nothing of a file but a plain key or
 * column name (a password file given to the wrong option stays secret), the file and line where the
 * docs promise them, a byte order mark ignored, the option named for a bad PEM, DER read as
 * OpenSSL reads it, and {@code verbose=true} in a config file honoured for errors.
 */
class InputContentTests {

    private static final String URL = "wss://csms.example.com/ocpp/CP001";
    private static final String PASSWORD = "Tr0ub4dor&3-horse-battery";
    private static final String BOM = "\uFEFF";

    @TempDir
    static Path dir;

    static IssuedCertificate root;
    static IssuedCertificate client;
    static Path passwordFile;

    @BeforeAll
    static void files() throws IOException {
        root = CertificateBuilder.create().subject("CN=der root").ca().keyPair(KeyPairs.ec("secp256r1")).build();
        client = CertificateBuilder.create().subject("CN=CP001").keyPair(KeyPairs.ec("secp256r1")).issuer(root).build();
        passwordFile = Files.writeString(dir.resolve("cp001.password"), PASSWORD + "\n");
    }

    private final FakeRunService service = FakeRunService.passing();

    private Cli.Result run(String... more) {
        List<String> args = new ArrayList<>(List.of("run", ID));
        args.addAll(List.of(more));
        return Cli.run(TestEnvironments.with(service).withEnv(Map.of(CliEnvironment.PASSWORD_ENV, "password-of-20-chars")),
                args.toArray(String[]::new));
    }

    private static void assertOneLine(Cli.Result result, String line) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).as(result.toString()).containsExactly(line);
        assertThat(result.err()).doesNotContain(PASSWORD);
    }

    private static Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    // --- item: a password file given to the wrong option

    @Test
    void doesNotQuoteAPasswordFileGivenAsTheConfigFile() {
        assertOneLine(run("--config", passwordFile.toString()), "octt run: unknown key (not shown: not a plain name)"
                + " in --config file " + passwordFile + " line 1 (expected key=value lines; known keys: " + knownKeys()
                + ") (see octt run --help)");
    }

    @Test
    void doesNotQuoteAGeneratedPasswordThatLooksLikeAToken() throws IOException {
        Path generated = write("pwgen.password", "ieGh3aeBoo7ahshai5Ai\n"); // as pwgen 20 writes one
        Cli.Result csv = run("--targets", generated.toString());
        assertThat(csv.errLines()).singleElement().asString()
                .startsWith("octt run: " + generated + " line 1: unknown column (not shown: not a plain name)");
        Cli.Result config = run("--config", generated.toString());
        assertThat(config.errLines()).singleElement().asString()
                .startsWith("octt run: unknown key (not shown: not a plain name) in --config file " + generated + " line 1");
        assertThat(csv.err() + config.err()).doesNotContain("ieGh3aeBoo7ahshai5Ai");
    }

    @Test
    void namesTheLineOfAnUnknownKeyThatIsAPlainName() throws IOException {
        Path config = write("plain.properties", "# options\nurl=" + URL + "\n\nfrobnicate = yes\n");
        Cli.Result result = run("--config", config.toString());
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("octt run: unknown key 'frobnicate' in --config file " + config + " line 4 (");
    }

    @Test
    void doesNotQuoteAPasswordFileGivenAsACsvOrYamlTargetsFile() throws IOException {
        assertOneLine(run("--targets", passwordFile.toString()), "octt run: " + passwordFile + " line 1: unknown column"
                + " (not shown: not a plain name) (the first line names the columns: url, resolve, security-profile,"
                + " basic-auth-password-file, basic-auth-password-env, client-cert, client-key)");
        Path yaml = write("cp001.password.yaml", "{" + PASSWORD + ": x}\n");
        assertOneLine(run("--targets", yaml.toString()), "octt run: " + yaml + " line 1: unknown key (not shown: not a"
                + " plain name) at the top: a targets file is a list of targets (- url: ...) or targets: holding that list");
    }

    @Test
    void doesNotQuoteALineWithTooManyFieldsOrABadSecurityProfile() throws IOException {
        Path csv = write("fields.csv", "url,security-profile\n" + URL + ",2," + PASSWORD + "\n" + URL + "," + PASSWORD + "\n");
        assertOneLine(run("--targets", csv.toString()), "octt run: " + csv + " line 2: 3 fields but the header has 2"
                + " (quote a value that holds a comma: \"a,b\")");
        Path profile = write("profile.csv", "url,security-profile\n" + URL + "," + PASSWORD + "\n");
        assertOneLine(run("--targets", profile.toString()), "octt run: " + profile + " line 2: security-profile must be"
                + " 1, 2 or 3");
    }

    @Test
    void doesNotQuoteAPasswordFileGivenAsAPemFile() throws IOException {
        String secret = "S3cret!Pass$word";
        Path pem = write("wrapped.pem", "-----BEGIN " + secret + "-----\nAAAA\n-----END " + secret + "-----\n");
        Cli.Result wrapped = run("--url", URL, "--ca-file", pem.toString());
        assertOneLine(wrapped, "octt run: --ca-file " + pem + ": PEM block 1 is of an unsupported type; expected a PEM"
                + " certificate");
        assertThat(wrapped.err()).doesNotContain("S3cret");
        assertOneLine(run("--url", URL, "--ca-file", passwordFile.toString()), "octt run: --ca-file " + passwordFile
                + ": no PEM block found (no -----BEGIN ...----- line); expected a PEM certificate (or a single DER one)");
    }

    private String knownKeys() {
        return "action-hook, action-timeout, basic-auth-password-file, ca-file, client-ca-cert, client-ca-key, client-cert, client-key, concurrency, connectors, insecure,"
                + " max-connections, metrics-file, model, no-actions, no-color, option, plugin-path, report-html, report-json, report-junit, resolve,"
                + " security-profile, suite, targets, timeout, url, vendor, verbose, suite.NAME, option.KEY";
    }

    // --- item: targets files, resolve with file and line, byte order marks

    @Test
    void reportsABadResolveWithTheFileAndLine() throws IOException {
        Path csv = write("resolve.csv", "url,resolve\n" + URL + ",csms.example.com:443:not-an-ip\n");
        assertOneLine(run("--targets", csv.toString()), "octt run: " + csv + " line 2: resolve address must be an IP"
                + " address (IPv6 in brackets), was: csms.example.com:443:not-an-ip");
        Path yaml = write("resolve.yml", "- url: " + URL + "\n\n- url: " + URL + "\n  resolve: nonsense\n");
        assertThat(run("--targets", yaml.toString()).errLines()).singleElement().asString()
                .startsWith("octt run: " + yaml + " line 3: resolve must be host:port:address");
    }

    @Test
    void acceptsAByteOrderMarkAtTheStartOfACsvYamlOrConfigFile() throws IOException {
        Path csv = write("bom.csv", BOM + "url,security-profile\n" + URL + ",2\n");
        assertThat(run("--targets", csv.toString()).exitCode()).isZero();
        Path yaml = write("bom.yaml", BOM + "- url: " + URL + "\n");
        assertThat(run("--targets", yaml.toString()).exitCode()).isZero();
        Path config = write("bom.properties", BOM + "url=" + URL + "\n");
        Cli.Result result = run("--config", config.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(service.plan.get().targets().get(0).target().url()).hasToString(URL);
    }

    @Test
    void refusesAFileThatIsNotUtf8NamingIt() throws IOException {
        Path csv = dir.resolve("latin1.csv");
        Files.write(csv, ("url\n" + URL + "\n# caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1));
        assertOneLine(run("--targets", csv.toString()), "octt run: --targets " + csv + " is not UTF-8 text");
    }

    // --- item: smaller

    @Test
    void namesTheOptionOfAnEmptyOrGarbagePemFile() throws IOException {
        Path empty = write("empty.pem", "");
        assertOneLine(run("--url", URL, "--ca-file", empty.toString()),
                "octt run: --ca-file " + empty + ": the file is empty; expected a PEM certificate");
        Path garbage = write("garbage.key", "not a key\n");
        write("cp001.pem", client.certificatePem());
        assertOneLine(run("--url", URL, "--security-profile", "3", "--client-cert", dir.resolve("cp001.pem").toString(),
                "--client-key", garbage.toString()), "octt run: --client-key " + garbage + ": no PEM block found"
                + " (no -----BEGIN ...----- line); expected a PEM private key (or a single DER one)");
    }

    @Test
    void saysAnEmptyCaFileInTheConfigFileIsEmpty() throws IOException {
        Path config = write("empty-ca.properties", "url=" + URL + "\nca-file=\n");
        assertOneLine(run("--config", config.toString()), "octt run: --ca-file is empty; give a FILE");
    }

    @Test
    void honoursVerboseFromTheConfigFileForAnInternalError() throws IOException {
        Path config = write("verbose.properties", "url=" + URL + "\nverbose=true\n");
        RunService broken = (plan, registry, cancel) -> reactor.core.publisher.Flux.error(new IllegalStateException("engine broke"));
        Cli.Result result = Cli.run(TestEnvironments.with(broken).withEnv(Map.of(CliEnvironment.PASSWORD_ENV,
                "password-of-20-chars")), "run", ID, "--config", config.toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INTERNAL_ERROR);
        assertThat(result.errLines().get(0)).isEqualTo("octt run: internal error: java.lang.IllegalStateException: engine broke");
        assertThat(result.err()).contains("\tat ");
    }

    // --- item: DER

    @Test
    void readsDerCertificatesAndKeysAsOpensslDoes() throws Exception {
        Path caDer = dir.resolve("root.der");
        Files.write(caDer, root.certificate().getEncoded());
        Path certDer = dir.resolve("cp001.der");
        Files.write(certDer, client.certificate().getEncoded());
        Path keyPem = write("cp001-key.pem", client.privateKeyPem());
        Path keyDer = dir.resolve("cp001-sec1.der");
        Process openssl = new ProcessBuilder("openssl", "ec", "-in", keyPem.toString(), "-outform", "DER",
                "-out", keyDer.toString()).redirectErrorStream(true).start();
        assertThat(openssl.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as(new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();

        Cli.Result result = run("--url", URL, "--ca-file", caDer.toString(), "--security-profile", "3",
                "--client-cert", certDer.toString(), "--client-key", keyDer.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        TestContext context = service.plan.get().targets().get(0);
        assertThat(context.trustAnchors()).containsExactly(root.certificate());
        assertThat(context.clientKeyMaterial().orElseThrow().leaf()).isEqualTo(client.certificate());
    }
}
