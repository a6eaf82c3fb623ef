package org.octt.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.Secret;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.octt.cli.TestEnvironments.ID;

class TargetsFileTests {

    @TempDir
    Path dir;

    private Path targets(String content) throws IOException {
        return Files.writeString(dir.resolve("targets.csv"), content);
    }

    private static CliEnvironment env(FakeRunService service) {
        return TestEnvironments.with(service).withEnv(Map.of(CliEnvironment.PASSWORD_ENV, "default-pw",
                "TENANT_B_PASSWORD", "tenant-b-pw"));
    }

    @Test
    void runsEveryTargetOfTheFileWithItsOwnSettings() throws IOException {
        IssuedCertificate client = CertificateBuilder.create().subject("CN=CP003").keyPair(KeyPairs.ec("secp256r1")).build();
        Files.createDirectories(dir.resolve("pki"));
        Files.writeString(dir.resolve("pki/cp003.pem"), client.certificatePem());
        Files.writeString(dir.resolve("pki/cp003.key"), client.privateKeyPem());
        Files.writeString(dir.resolve("a.password"), "tenant-a-pw\n");
        Path file = targets("""
                # the staging fleet
                url, resolve, security-profile, basic-auth-password-file, basic-auth-password-env, client-cert, client-key
                wss://a.example.com/ocpp/CP001, a.example.com:443:127.0.0.2, , a.password, , ,

                wss://b.example.com:8443/ocpp/CP002, , 2, , TENANT_B_PASSWORD, ,
                wss://c.example.com/ocpp/CP003, , 3, , , pki/cp003.pem, pki/cp003.key
                wss://d.example.com/ocpp/CP004
                """);
        FakeRunService service = new FakeRunService(Map.of(ID + "@CP002", Verdict.INCONCLUSIVE));
        Cli.Result result = Cli.run(env(service), "run", ID, "--targets", file.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INCONCLUSIVE);
        List<TestContext> contexts = service.plan.get().targets();
        assertThat(contexts).extracting(c -> c.chargePointId().orElseThrow())
                .containsExactly("CP001", "CP002", "CP003", "CP004");
        assertThat(contexts.get(0).target().connectAddress()).contains(new InetSocketAddress("127.0.0.2", 443));
        assertThat(contexts.get(0).basicAuthPassword().map(Secret::reveal)).contains("tenant-a-pw");
        assertThat(contexts.get(1).basicAuthPassword().map(Secret::reveal)).contains("tenant-b-pw");
        assertThat(contexts.get(2).securityProfile()).isEqualTo(SecurityProfile.TLS_CLIENT_CERTIFICATE);
        assertThat(contexts.get(2).clientKeyMaterial()).isPresent();
        assertThat(contexts.get(3).basicAuthPassword().map(Secret::reveal)).contains("default-pw");
        assertThat(service.plan.get().concurrency()).isEqualTo(8);
        assertThat(result.out()).contains("running 1 test case against 4 targets",
                "INCONCLUSIVE  " + ID + " @ wss://b.example.com:8443/ocpp/CP002",
                "      fake.check: INCONCLUSIVE",
                "PASSED        " + ID + " @ wss://d.example.com/ocpp/CP004",
                "Result: INCONCLUSIVE  4 test case runs: 3 passed, 0 failed, 1 inconclusive");
        assertThat(result.out()).doesNotContain("fake-step", "tenant-a-pw", "tenant-b-pw", "default-pw");
    }

    @Test
    void readsAQuotedValueThatHoldsACommaAndNamesTheLineOfEachTarget() throws IOException {
        Files.writeString(dir.resolve("tenant a, staging.password"), "tenant-a-staging-pw\n");
        Path file = targets("""
                # a comment, with a comma
                url,basic-auth-password-file
                wss://a.example.com/ocpp/CP001,"tenant a, staging.password"
                wss://b.example.com/ocpp/CP002,
                """);
        FakeRunService service = FakeRunService.passing();
        Cli.Result result = Cli.run(env(service), "run", ID, "--targets", file.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.PASSED);
        List<TestContext> contexts = service.plan.get().targets();
        assertThat(contexts.get(0).basicAuthPassword().map(Secret::reveal)).contains("tenant-a-staging-pw");
        assertThat(contexts.get(1).basicAuthPassword().map(Secret::reveal)).contains("default-pw");
    }

    @Test
    void namesTheFileAndLineOfAnUnclosedQuoteWithoutQuotingTheLine() throws IOException {
        Path file = targets("url,basic-auth-password-file\nwss://a.example.com/ocpp/CP001,a.password\n"
                + "wss://b.example.com/ocpp/CP002,\"s3cr3t-in-the-wrong-place\n");
        Cli.Result result = Cli.run(env(FakeRunService.passing()), "run", ID, "--targets", file.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).singleElement().asString()
                .startsWith("octt run: --targets " + file + " line ")
                .endsWith(": not valid CSV (an unclosed quote?)")
                .doesNotContain("s3cr3t");
    }

    @Test
    void failsTheRunWhenOneTargetFails() throws IOException {
        Path file = targets("url\nwss://a.example.com/ocpp/CP001\nwss://b.example.com/ocpp/CP002\n");
        FakeRunService service = new FakeRunService(Map.of(ID + "@CP001", Verdict.FAILED, ID + "@CP002", Verdict.INCONCLUSIVE));
        Cli.Result result = Cli.run(env(service), "run", ID, "--targets", file.toString(), "--concurrency", "3");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(service.plan.get().concurrency()).isEqualTo(3);
    }

    @Test
    void reportsABadLineWithItsLineNumber() throws IOException {
        Path file = targets("url,security-profile\nwss://a.example.com/ocpp/CP001,2\nws://b.example.com/ocpp/CP002,2\n");
        FakeRunService service = FakeRunService.passing();
        Cli.Result result = Cli.run(env(service), "run", ID, "--targets", file.toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).singleElement().asString()
                .contains(file + " line 3: url must use wss://", "ws://b.example.com/ocpp/CP002");
        assertThat(service.plan.get()).isNull();
    }

    @Test
    void reportsABadSecurityProfileWithItsLineNumber() throws IOException {
        Path file = targets("url,security-profile\n\n# comment\nwss://a.example.com/ocpp/CP001,two\n");
        Cli.Result result = Cli.run(env(FakeRunService.passing()), "run", ID, "--targets", file.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).singleElement().asString()
                .contains(file + " line 4: security-profile must be 1, 2 or 3, was: two");
    }

    @Test
    void reportsAnUnknownColumn() throws IOException {
        Path file = targets("url,password\nwss://a.example.com/ocpp/CP001,hunter2\n");
        Cli.Result result = Cli.run(env(FakeRunService.passing()), "run", ID, "--targets", file.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).singleElement().asString()
                .contains(file + " line 1: unknown column 'password'", "basic-auth-password-file");
        assertThat(result.err()).doesNotContain("hunter2");
    }

    @Test
    void reportsALineWithTooManyFields() throws IOException {
        Path file = targets("url\nwss://a.example.com/ocpp/CP001,extra\n");
        Cli.Result result = Cli.run(env(FakeRunService.passing()), "run", ID, "--targets", file.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).singleElement().asString().contains(file + " line 2: 2 fields but the header has 1");
    }

    @Test
    void rejectsAFileWithoutTargets() throws IOException {
        Path file = targets("# nothing yet\nurl\n");
        Cli.Result result = Cli.run(env(FakeRunService.passing()), "run", ID, "--targets", file.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).singleElement().asString().contains("holds no targets", file.toString());
    }

    @Test
    void rejectsTargetsTogetherWithUrl() throws IOException {
        Path file = targets("url\nwss://a.example.com/ocpp/CP001\n");
        Cli.Result result = Cli.run(env(FakeRunService.passing()), "run", ID, "--targets", file.toString(),
                "--url", "wss://x.example.com/ocpp/CP9");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).singleElement().asString()
                .contains("--targets replaces --url", "wss://x.example.com/ocpp/CP9");
    }

    @Test
    void rejectsAMissingTargetsFile() {
        Path missing = dir.resolve("fleet.csv");
        Cli.Result result = Cli.run(env(FakeRunService.passing()), "run", ID, "--targets", missing.toString());
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).singleElement().asString().contains("--targets file not found", missing.toString());
    }

    @Test
    void showsProgressInPlaceOnATerminal() throws IOException {
        Path file = targets("url\nwss://a.example.com/ocpp/CP001\nwss://b.example.com/ocpp/CP002\n");
        Cli.Result result = Cli.run(env(FakeRunService.passing()).withTerminal(true)
                .withEnv(Map.of(CliEnvironment.PASSWORD_ENV, "pw", "NO_COLOR", "1")), "run", ID, "--targets", file.toString());
        assertThat(result.out()).contains("1/2 done: 1 passed, 0 failed, 0 inconclusive",
                "2/2 done: 2 passed, 0 failed, 0 inconclusive", "\r\u001b[2KResult: PASSED");
    }
}
