package org.octt.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.octt.core.spi.Secret;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Verdict;
import org.octt.tls.pki.CertificateBuilder;
import org.octt.tls.pki.IssuedCertificate;
import org.octt.tls.pki.KeyPairs;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.octt.cli.TestEnvironments.ID;

class YamlTargetsFileTests {

    @TempDir
    Path dir;

    /** The command-line values an unset key falls back to. */
    private TargetSpec defaults() {
        return new TargetSpec("", Optional.empty(), Optional.empty(), 3, Optional.of(dir.resolve("default.password")),
                Optional.empty(), Optional.of(dir.resolve("default.pem")), Optional.of(dir.resolve("default.key")));
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private Path yaml(String content) throws IOException {
        return write("fleet.yaml", content);
    }

    private String error(Path file) {
        return assertThatThrownBy(() -> TargetsFile.read(file, defaults())).isInstanceOf(UsageException.class)
                .actual().getMessage();
    }

    @Test
    void yieldsTheSameTargetsAsTheEquivalentCsvFile() throws IOException {
        Path csv = write("fleets/staging.csv", """
                # staging fleet
                url,resolve,security-profile,basic-auth-password-file,basic-auth-password-env,client-cert,client-key
                wss://a.example.com/ocpp/CP001,a.example.com:443:10.0.0.5,2,secrets/a.password,,,
                wss://b.example.com:8443/ocpp/CP002,,2,,TENANT_B_PASSWORD,,
                wss://c.example.com/ocpp/CP003,,3,,,pki/cp003.pem,/etc/octt/cp003.key
                wss://d.example.com/ocpp/CP004
                """);
        Path yaml = write("fleets/staging.yaml", """
                # staging fleet
                - url: wss://a.example.com/ocpp/CP001
                  resolve: a.example.com:443:10.0.0.5
                  security-profile: 2
                  basic-auth-password-file: secrets/a.password
                - url: "wss://b.example.com:8443/ocpp/CP002"
                  security-profile: "2"
                  basic-auth-password-env: TENANT_B_PASSWORD
                  client-cert:
                  client-key: ~
                -
                  url: wss://c.example.com/ocpp/CP003
                  security-profile: 3
                  client-cert: pki/cp003.pem
                  client-key: /etc/octt/cp003.key
                - {url: 'wss://d.example.com/ocpp/CP004'}
                """);

        List<TargetSpec> fromCsv = TargetsFile.read(csv, defaults());
        List<TargetSpec> fromYaml = TargetsFile.read(yaml, defaults());

        assertThat(fromYaml).hasSize(4);
        assertThat(fromYaml).usingRecursiveFieldByFieldElementComparatorIgnoringFields("origin")
                .containsExactlyElementsOf(fromCsv);
        assertThat(fromYaml).extracting(TargetSpec::origin)
                .containsExactly(yaml + " line 2", yaml + " line 6", yaml + " line 12", yaml + " line 16");
        Path folder = dir.resolve("fleets").toAbsolutePath();
        assertThat(fromYaml.get(0).passwordFile()).contains(folder.resolve("secrets/a.password"));
        assertThat(fromYaml.get(2).clientCert()).contains(folder.resolve("pki/cp003.pem"));
        assertThat(fromYaml.get(2).clientKey()).contains(Path.of("/etc/octt/cp003.key"));
    }

    @Test
    void fillsMissingKeysWithTheCommandLineDefaults() throws IOException {
        Path file = yaml("- url: wss://a.example.com/ocpp/CP001\n");
        assertThat(TargetsFile.read(file, defaults())).containsExactly(new TargetSpec(file + " line 1",
                Optional.of("wss://a.example.com/ocpp/CP001"), Optional.empty(), 3,
                Optional.of(dir.resolve("default.password")), Optional.empty(), Optional.of(dir.resolve("default.pem")),
                Optional.of(dir.resolve("default.key"))));
    }

    @Test
    void acceptsTheListUnderATargetsKey() throws IOException {
        Path file = write("fleet.YML", """
                targets:
                  - url: wss://a.example.com/ocpp/CP001
                  - url: wss://b.example.com/ocpp/CP002
                    security-profile: 2
                """);
        assertThat(TargetsFile.read(file, defaults()))
                .extracting(TargetSpec::origin, t -> t.url().orElseThrow(), TargetSpec::securityProfile)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(file + " line 2", "wss://a.example.com/ocpp/CP001", 3),
                        org.assertj.core.groups.Tuple.tuple(file + " line 3", "wss://b.example.com/ocpp/CP002", 2));
    }

    @Test
    void readsAnyOtherExtensionAsCsv() throws IOException {
        Path file = write("fleet.txt", "- url: wss://a.example.com/ocpp/CP001\n");
        assertThat(error(file)).contains(file + " line 1: unknown column (not shown: not a plain name)")
                .doesNotContain("wss://a.example.com");
    }

    @Test
    void rejectsAnUnknownKeyListingTheKeys() throws IOException {
        Path file = yaml("""
                - url: wss://a.example.com/ocpp/CP001
                  colour: blue
                """);
        assertThat(error(file)).contains(file + " line 2: unknown key 'colour'",
                "url, resolve, security-profile, basic-auth-password-file, basic-auth-password-env, client-cert, client-key")
                .doesNotContain("blue");
    }

    @Test
    void rejectsADuplicateKey() throws IOException {
        Path file = yaml("""
                - url: wss://a.example.com/ocpp/CP001
                - url: wss://b.example.com/ocpp/CP002
                  resolve: b.example.com:443:10.0.0.2
                  URL: wss://c.example.com/ocpp/CP003
                """);
        assertThat(error(file)).contains(file + " line 4: key 'URL' appears twice in one target (first on line 2)");
    }

    @Test
    void rejectsAListWhereASingleValueIsExpected() throws IOException {
        Path file = yaml("""
                - url: wss://a.example.com/ocpp/CP001
                  client-cert:
                    - a.pem
                    - b.pem
                """);
        assertThat(error(file)).contains(file + " line 3: client-cert must be a single value, was a list");
    }

    @Test
    void rejectsAMappingWhereASingleValueIsExpected() throws IOException {
        Path file = yaml("- url: {host: a.example.com}\n");
        assertThat(error(file)).contains(file + " line 1: url must be a single value, was a mapping");
    }

    @Test
    void rejectsATargetWithoutUrl() throws IOException {
        Path file = yaml("""
                - url: wss://a.example.com/ocpp/CP001
                - security-profile: 3
                  client-cert: a.pem
                - url:
                """);
        assertThat(error(file)).contains(file + " line 2: the target has no url");
    }

    @Test
    void rejectsAnEmptyUrl() throws IOException {
        Path file = yaml("- url: wss://a.example.com/ocpp/CP001\n- url: ''\n");
        assertThat(error(file)).contains(file + " line 2: the target has no url");
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "basic-auth-password", "Client-Key-Passphrase", "token"})
    void refusesAnInlineSecretWithoutPrintingIt(String key) throws IOException {
        Path file = yaml("- url: wss://a.example.com/ocpp/CP001\n  " + key + ": hunter2\n");
        assertThat(error(file)).contains(file + " line 2: key '" + key + "' would put a secret in the file",
                        "secrets are only referenced", "basic-auth-password-file", "basic-auth-password-env")
                .doesNotContain("hunter2");
    }

    @Test
    void reportsMalformedYamlWithTheParsersLine() throws IOException {
        Path file = yaml("""
                - url: wss://a.example.com/ocpp/CP001
                - url: wss://b.example.com/ocpp/CP002
                  resolve: "b.example.com:443:10.0.0.2
                """);
        assertThat(error(file)).contains(file + " line 4: not valid YAML: found unexpected end of stream",
                "while scanning a quoted scalar").doesNotContain("\n");
    }

    @Test
    void reportsABadIndentationWithItsLine() throws IOException {
        Path file = yaml("""
                - url: wss://a.example.com/ocpp/CP001
                 security-profile: 2
                """);
        assertThat(error(file)).startsWith(file + " line 2: not valid YAML: ").doesNotContain("\n");
    }

    @Test
    void rejectsAnEmptyFile() throws IOException {
        Path file = yaml("# nothing yet\n");
        assertThat(error(file)).contains("--targets file holds no targets", file.toString());
    }

    @Test
    void rejectsAnEmptyTargetsList() throws IOException {
        Path file = yaml("# nothing yet\ntargets: []\n");
        assertThat(error(file)).contains(file + " line 2: the file holds no targets");
    }

    @Test
    void rejectsASingleTargetNotInAList() throws IOException {
        Path file = yaml("url: wss://a.example.com/ocpp/CP001\n");
        assertThat(error(file)).contains(file + " line 1: unknown key 'url' at the top",
                "a list of targets (- url: ...) or targets: holding that list");
    }

    @Test
    void rejectsATargetThatIsNotAMapping() throws IOException {
        Path file = yaml("- url: wss://a.example.com/ocpp/CP001\n- wss://b.example.com/ocpp/CP002\n");
        assertThat(error(file)).contains(file + " line 2: a target is a mapping (url: ..., security-profile: ...),"
                + " was a single value");
    }

    @Test
    void rejectsAnAlias() throws IOException {
        Path file = yaml("""
                - url: &a wss://a.example.com/ocpp/CP001
                - url: *a
                """);
        assertThat(error(file)).contains(file + " line 2: an alias 'a' is not supported");
    }

    @Test
    void rejectsASecondDocument() throws IOException {
        Path file = yaml("- url: wss://a.example.com/ocpp/CP001\n---\n- url: wss://b.example.com/ocpp/CP002\n");
        assertThat(error(file)).contains(file + " line 3: a second YAML document");
    }

    @Test
    void rejectsASecurityProfileThatIsNotANumber() throws IOException {
        Path file = yaml("- url: wss://a.example.com/ocpp/CP001\n- url: wss://b.example.com/ocpp/CP002\n"
                + "  security-profile: two\n");
        assertThat(error(file)).contains(file + " line 2: security-profile must be 1, 2 or 3, was: two");
    }

    private static CliEnvironment env(FakeRunService service) {
        return TestEnvironments.with(service).withEnv(Map.of(CliEnvironment.PASSWORD_ENV, "default-pw",
                "TENANT_B_PASSWORD", "tenant-b-pw"));
    }

    @Test
    void runsEveryTargetOfAYamlFileWithItsOwnSettings() throws IOException {
        IssuedCertificate client = CertificateBuilder.create().subject("CN=CP003").keyPair(KeyPairs.ec("secp256r1")).build();
        write("fleet/pki/cp003.pem", client.certificatePem());
        write("fleet/pki/cp003.key", client.privateKeyPem());
        write("fleet/a.password", "tenant-a-pw\n");
        Path file = write("fleet/targets.yml", """
                targets:
                  - url: wss://a.example.com/ocpp/CP001
                    resolve: a.example.com:443:127.0.0.2
                    basic-auth-password-file: a.password
                  - url: wss://b.example.com:8443/ocpp/CP002
                    basic-auth-password-env: TENANT_B_PASSWORD
                  - url: wss://c.example.com/ocpp/CP003
                    security-profile: 3
                    client-cert: pki/cp003.pem
                    client-key: pki/cp003.key
                """);
        FakeRunService service = new FakeRunService(Map.of(ID + "@CP002", Verdict.FAILED));
        Cli.Result result = Cli.run(env(service), "run", ID, "--targets", file.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILED);
        List<TestContext> contexts = service.plan.get().targets();
        assertThat(contexts).extracting(c -> c.chargePointId().orElseThrow()).containsExactly("CP001", "CP002", "CP003");
        assertThat(contexts.get(0).target().connectAddress()).contains(new InetSocketAddress("127.0.0.2", 443));
        assertThat(contexts.get(0).basicAuthPassword().map(Secret::reveal)).contains("tenant-a-pw");
        assertThat(contexts.get(1).basicAuthPassword().map(Secret::reveal)).contains("tenant-b-pw");
        assertThat(contexts.get(2).securityProfile()).isEqualTo(SecurityProfile.TLS_CLIENT_CERTIFICATE);
        assertThat(contexts.get(2).clientKeyMaterial()).isPresent();
        assertThat(result.out()).contains("running 1 test case against 3 targets",
                "FAILED        " + ID + " @ wss://b.example.com:8443/ocpp/CP002");
        assertThat(result.out()).doesNotContain("tenant-a-pw", "tenant-b-pw", "default-pw");
    }

    @Test
    void reportsABadTargetFoundLaterWithTheLineOfItsMapping() throws IOException {
        Path file = yaml("""
                - url: wss://a.example.com/ocpp/CP001
                - url: ws://b.example.com/ocpp/CP002
                  security-profile: 2
                """);
        FakeRunService service = FakeRunService.passing();
        Cli.Result result = Cli.run(env(service), "run", ID, "--targets", file.toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).singleElement().asString()
                .contains(file + " line 2: url must use wss://", "ws://b.example.com/ocpp/CP002");
        assertThat(service.plan.get()).isNull();
    }

    @Test
    void reportsASecurityProfileOutOfRangeWithTheLineOfItsMapping() throws IOException {
        Path file = yaml("- url: wss://a.example.com/ocpp/CP001\n\n- url: wss://b.example.com/ocpp/CP002\n"
                + "  security-profile: 4\n");
        Cli.Result result = Cli.run(env(FakeRunService.passing()), "run", ID, "--targets", file.toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).singleElement().asString()
                .contains(file + " line 3: security-profile must be 1, 2 or 3, was: 4");
    }

    @Test
    void reportsMalformedYamlInOneLineWithExitCode2() throws IOException {
        Path file = yaml("- url: wss://a.example.com/ocpp/CP001\n- url: wss://b.example.com/ocpp/CP002\n\tsecurity-profile: 2\n");
        Cli.Result result = Cli.run(env(FakeRunService.passing()), "run", ID, "--targets", file.toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).singleElement().asString().contains(file + " line 3: not valid YAML");
        assertThat(result.err()).doesNotContain("at com.fasterxml", "at org.yaml");
    }
}
