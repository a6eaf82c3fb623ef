package org.octt.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.octt.core.spi.TestContext;
import org.octt.tls.pki.CertificateBuilder;
import org.octt.tls.pki.KeyPairs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.octt.cli.TestEnvironments.ID;

class ConfigFileTests {

    @TempDir
    Path dir;

    private final FakeRunService service = FakeRunService.passing();
    private final CliEnvironment env = TestEnvironments.with(service)
            .withEnv(Map.of(CliEnvironment.PASSWORD_ENV, "env-password"));

    private Path config(String content) throws IOException {
        return Files.writeString(dir.resolve("octt.properties"), content);
    }

    private void writeCa(String name) throws IOException {
        Files.writeString(dir.resolve(name), CertificateBuilder.create().subject("CN=" + name).ca()
                .keyPair(KeyPairs.ec("secp256r1")).build().certificatePem());
    }

    @Test
    void takesOptionsFromTheFileWithPathsRelativeToIt() throws IOException {
        writeCa("a.pem");
        writeCa("b.pem");
        Files.writeString(dir.resolve("password.txt"), "file-password\n");
        Path file = config("""
                # a comment
                url=wss://csms.example.com/ocpp/CP042
                ca-file=a.pem, b.pem
                basic-auth-password-file=password.txt
                timeout=2s
                option.ocpp.vendor=ACME
                insecure=true
                max-connections=4
                """);
        Cli.Result result = Cli.run(env, "run", ID, "--config", file.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        TestContext context = service.plan.get().targets().get(0);
        assertThat(context.target().url()).hasToString("wss://csms.example.com/ocpp/CP042");
        assertThat(context.trustAnchors()).extracting(c -> c.getSubjectX500Principal().getName())
                .containsExactly("CN=a.pem", "CN=b.pem");
        assertThat(context.basicAuthPassword().orElseThrow().reveal()).isEqualTo("file-password");
        assertThat(context.timeouts().network()).isEqualTo(Duration.ofSeconds(2));
        assertThat(context.option("ocpp.vendor")).contains("ACME");
        assertThat(context.insecure()).isTrue();
        assertThat(context.maxConnectionsPerTarget()).isEqualTo(4);
    }

    @Test
    void letsFlagsOverrideTheFile() throws IOException {
        writeCa("a.pem");
        writeCa("c.pem");
        Path file = config("url=wss://csms.example.com/ocpp/CP042\ntimeout=2s\nca-file=a.pem\noption.ocpp.vendor=ACME\n"
                + "option.ocpp.connectors=4\n");
        Cli.Result result = Cli.run(env, "run", ID, "--config=" + file, "--timeout", "7s",
                "--url", "wss://other.example.com/ocpp/CP007", "--ca-file", dir.resolve("c.pem").toString(),
                "--option", "ocpp.connectors=2");
        assertThat(result.exitCode()).as(result.toString()).isZero();
        TestContext context = service.plan.get().targets().get(0);
        assertThat(context.target().url()).hasToString("wss://other.example.com/ocpp/CP007");
        assertThat(context.timeouts().network()).isEqualTo(Duration.ofSeconds(7));
        assertThat(context.trustAnchors()).extracting(c -> c.getSubjectX500Principal().getName())
                .containsExactly("CN=c.pem");
        assertThat(context.options()).containsExactlyInAnyOrderEntriesOf(
                Map.of("ocpp.vendor", "ACME", "ocpp.connectors", "2"));
    }

    @Test
    void rejectsAnUnknownKeyNamingIt() throws IOException {
        Path file = config("url=wss://csms.example.com/ocpp/CP042\nfrobnicate=yes\n");
        Cli.Result result = Cli.run(env, "run", ID, "--config", file.toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).singleElement().asString()
                .contains("unknown key 'frobnicate'", file.toString(), "known keys:", "url");
        assertThat(service.plan.get()).isNull();
    }

    @Test
    void rejectsAPasswordInTheFileWithoutEchoingIt() throws IOException {
        Path file = config("url=wss://csms.example.com/ocpp/CP042\nbasic-auth-password=s3cr3t-in-file\n");
        Cli.Result result = Cli.run(env, "run", ID, "--config", file.toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).singleElement().asString()
                .contains("unknown key 'basic-auth-password'", "never accepted", "basic-auth-password-file");
        assertThat(result.err()).doesNotContain("s3cr3t-in-file");
    }

    @Test
    void rejectsAMissingConfigFile() {
        Path missing = dir.resolve("missing.properties");
        Cli.Result result = Cli.run(env, "run", ID, "--config", missing.toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).singleElement().asString().contains("--config", "not found", missing.toString());
    }

    @Test
    void rejectsABadValueInTheFileNamingTheOptionAndValue() throws IOException {
        Path file = config("url=wss://csms.example.com/ocpp/CP042\ntimeout=soon\n");
        Cli.Result result = Cli.run(env, "run", ID, "--config", file.toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).singleElement().asString().contains("--timeout", "soon");
    }
}
