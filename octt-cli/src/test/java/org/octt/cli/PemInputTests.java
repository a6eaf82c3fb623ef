package org.octt.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.Step;
import org.octt.tls.pki.CertificateBuilder;
import org.octt.tls.pki.IssuedCertificate;
import org.octt.tls.pki.KeyPairs;
import org.octt.tls.pki.Pem;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PEM input end to end: the CLI reads the files with octt-tls PemFiles and runs through the real
 * engine; a test case reports what key material reached it. Bad files give exit code 2 and one
 * line naming the file, no stack trace.
 */
@Timeout(30)
class PemInputTests {

    private static final String ID = "TC_KEY_ECHO";
    private static final String URL = "wss://csms.example.com/ocpp/CP001";

    @TempDir
    static Path dir;

    static IssuedCertificate root;
    static IssuedCertificate ecClient;
    static IssuedCertificate rsaClient;
    static Path caFile;
    static Path ecCert;
    static Path ecKeyPkcs8;
    static Path ecKeySec1;
    static Path rsaCert;
    static Path rsaKeyPkcs1;
    static Path otherKey;
    static Path garbage;

    @BeforeAll
    static void pki() throws Exception {
        root = CertificateBuilder.create().subject("CN=octt pem root").ca().keyPair(KeyPairs.ec("secp256r1")).build();
        ecClient = CertificateBuilder.create().subject("CN=CP001").keyPair(KeyPairs.ec("secp256r1")).issuer(root).build();
        rsaClient = CertificateBuilder.create().subject("CN=CP001-rsa").keyPair(KeyPairs.rsa(2048)).issuer(root).build();
        IssuedCertificate other = CertificateBuilder.create().subject("CN=other").keyPair(KeyPairs.ec("secp256r1")).build();
        caFile = write("ca.pem", root.certificatePem());
        ecCert = write("ec-client.pem", Pem.certificates(ecClient.chain()));
        ecKeyPkcs8 = write("ec-client-pkcs8.key", ecClient.privateKeyPem());
        ecKeySec1 = traditional(ecKeyPkcs8, "ec-client-sec1.key");
        rsaCert = write("rsa-client.pem", Pem.certificate(rsaClient.certificate()));
        rsaKeyPkcs1 = traditional(write("rsa-client-pkcs8.key", rsaClient.privateKeyPem()), "rsa-client-pkcs1.key");
        otherKey = write("other.key", other.privateKeyPem());
        garbage = write("garbage.pem", "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n");
    }

    private static Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    /** The key in its traditional form (SEC1 {@code EC PRIVATE KEY}, PKCS#1 {@code RSA PRIVATE KEY}), as openssl writes it. */
    private static Path traditional(Path pkcs8, String name) throws Exception {
        Path out = dir.resolve(name);
        Process openssl = new ProcessBuilder("openssl", "pkey", "-in", pkcs8.toString(), "-traditional",
                "-out", out.toString()).redirectErrorStream(true).start();
        assertThat(openssl.waitFor(20, TimeUnit.SECONDS)).as("openssl pkey finished").isTrue();
        assertThat(openssl.exitValue()).as(new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        return out;
    }

    /** Reports the client key material the engine handed to the step. */
    private static CliEnvironment env() {
        Step echo = Step.of("echo", "Report the client key", ctx -> Flux.just(ctx.clientKeyMaterial()
                .map(k -> CheckResult.passed("client.key", k.key().getAlgorithm() + " key for "
                        + k.leaf().getSubjectX500Principal().getName() + ", chain of " + k.chain().size()
                        + ", trust anchors " + ctx.trustAnchors().size()))
                .orElseGet(() -> CheckResult.failed("client.key", "no client key material"))));
        return TestEnvironments.engine(new ScriptedTestCase(ID, "Echo the client key", echo))
                .withEnv(Map.of(CliEnvironment.PASSWORD_ENV, "password-of-20-chars"));
    }

    private static Cli.Result run(String... more) {
        List<String> args = new ArrayList<>(List.of("run", ID, "--url", URL));
        args.addAll(Arrays.asList(more));
        return Cli.run(env(), args.toArray(String[]::new));
    }

    private static Cli.Result profile3(Path cert, Path key, String... more) {
        List<String> args = new ArrayList<>(List.of("--security-profile", "3", "--client-cert", cert.toString(),
                "--client-key", key.toString()));
        args.addAll(Arrays.asList(more));
        return run(args.toArray(String[]::new));
    }

    /** Exit code 2, exactly one line on stderr holding every fragment, no stack trace, nothing ran. */
    private static void assertUsageError(Cli.Result result, String... fragments) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).as(result.toString()).hasSize(1);
        assertThat(result.errLines().get(0)).startsWith("octt run: ").contains(fragments);
        assertThat(result.err()).doesNotContain("\tat ", "Exception", "PRIVATE KEY");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void rejectsGarbagePemInTheCaFileNamingTheFile() {
        assertUsageError(run("--ca-file", garbage.toString()), garbage.toString());
    }

    @Test
    void rejectsAMissingCaFileNamingTheFile() {
        Path missing = dir.resolve("nope.pem");
        assertUsageError(run("--ca-file", missing.toString()), "--ca-file", "not found", missing.toString());
    }

    @Test
    void rejectsACaFileThatHoldsOnlyAKey() {
        assertUsageError(run("--ca-file", ecKeyPkcs8.toString()), ecKeyPkcs8.toString());
    }

    @Test
    void rejectsGarbageAsTheClientKey() {
        assertUsageError(profile3(ecCert, garbage), garbage.toString());
    }

    @Test
    void rejectsAClientKeyThatDoesNotMatchTheCertificate() {
        assertUsageError(profile3(ecCert, otherKey), otherKey.toString(), "does not belong to the certificate CN=CP001");
    }

    @Test
    void printsTheStackTraceOfABadPemFileOnlyWhenVerbose() {
        Cli.Result result = run("--ca-file", garbage.toString(), "--verbose");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines().get(0)).startsWith("octt run: ").contains(garbage.toString());
        assertThat(result.err()).contains("PemException", "\tat ");
    }

    @Test
    void acceptsAnEcKeyInSec1Form() throws IOException {
        assertThat(Files.readString(ecKeySec1)).startsWith("-----BEGIN EC PRIVATE KEY-----");
        Cli.Result result = profile3(ecCert, ecKeySec1, "--ca-file", caFile.toString());
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.PASSED);
        assertThat(result.out()).contains("client.key  PASSED        EC key for CN=CP001, chain of 2, trust anchors 1");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void acceptsAnRsaKeyInPkcs1Form() throws IOException {
        assertThat(Files.readString(rsaKeyPkcs1)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        Cli.Result result = profile3(rsaCert, rsaKeyPkcs1);
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.PASSED);
        assertThat(result.out()).contains("client.key  PASSED        RSA key for CN=CP001-rsa, chain of 1, trust anchors 0");
    }

    @Test
    void acceptsAnEcKeyInPkcs8FormAndReadsTheSameKeyAsFromSec1() {
        Cli.Result result = profile3(ecCert, ecKeyPkcs8);
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.PASSED);
        assertThat(result.out()).contains("EC key for CN=CP001");
        assertThat(((ECPrivateKey) org.octt.tls.cert.PemFiles.readPrivateKey(ecKeySec1)).getS())
                .isEqualTo(((ECPrivateKey) ecClient.privateKey()).getS());
        assertThat(((RSAPrivateCrtKey) org.octt.tls.cert.PemFiles.readPrivateKey(rsaKeyPkcs1)).getModulus())
                .isEqualTo(((RSAPrivateCrtKey) rsaClient.privateKey()).getModulus());
    }
}
