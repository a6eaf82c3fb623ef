package org.octt.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.Step;
import org.octt.security16.Tc087TestCase;
import org.octt.tls.pki.CertificateBuilder;
import org.octt.tls.pki.IssuedCertificate;
import org.octt.tls.pki.KeyPairs;
import org.octt.tls.pki.Pem;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --client-ca-cert FILE --client-ca-key FILE}: read (PEM or DER) into the context's typed
 * {@code chargePointCa()}, never as an option; one without the other, or a key of another
 * certificate, is exit 2 with one line that never shows the key. And a profile 3 card named by id
 * with profile 2 is exit 2.
 */
@Timeout(30)
class ChargePointCaOptionsTests {

    private static final String ID = "TC_CA_ECHO";
    private static final String URL = "wss://csms.example.com/ocpp/CP001";

    @TempDir
    static Path dir;

    static Path clientCert;
    static Path clientKey;
    static Path caCert;
    static Path caKey;
    static Path caCertDer;
    static Path caKeyDer;
    static Path otherKey;

    @BeforeAll
    static void pki() throws IOException {
        IssuedCertificate ca = CertificateBuilder.create().subject("CN=octt charge point CA").ca()
                .keyPair(KeyPairs.ec("secp256r1")).build();
        IssuedCertificate client = CertificateBuilder.create().subject("CN=CP001").keyPair(KeyPairs.ec("secp256r1"))
                .issuer(ca).build();
        IssuedCertificate other = CertificateBuilder.create().subject("CN=other").keyPair(KeyPairs.ec("secp256r1")).build();
        clientCert = write("client.pem", client.certificatePem());
        clientKey = write("client.key", client.privateKeyPem());
        caCert = write("cp-ca.pem", ca.certificatePem());
        caKey = write("cp-ca.key", ca.privateKeyPem());
        caCertDer = Files.write(dir.resolve("cp-ca.der"), encoded(ca));
        caKeyDer = Files.write(dir.resolve("cp-ca-key.der"), ca.privateKey().getEncoded());
        otherKey = write("other.key", other.privateKeyPem());
    }

    private static byte[] encoded(IssuedCertificate c) {
        try {
            return c.certificate().getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    /** Reports the Charge Point CA the engine handed to the step, and the options it saw. */
    private static CliEnvironment env() {
        Step echo = Step.of("echo", "Report the Charge Point CA", ctx -> Flux.just(ctx.chargePointCa()
                .map(k -> CheckResult.passed("ca.given", k.key().getAlgorithm() + " key for "
                        + k.leaf().getSubjectX500Principal().getName() + ", options " + ctx.options()))
                .orElseGet(() -> CheckResult.passed("ca.given", "no Charge Point CA, options " + ctx.options()))));
        return TestEnvironments.engine(new ScriptedTestCase(ID, "Echo the CA", echo), new Tc087TestCase())
                .withEnv(Map.of(CliEnvironment.PASSWORD_ENV, "password-of-20-chars"));
    }

    private static Cli.Result run(String... more) {
        List<String> args = new ArrayList<>(List.of("run", ID, "--url", URL, "--security-profile", "3",
                "--client-cert", clientCert.toString(), "--client-key", clientKey.toString()));
        args.addAll(Arrays.asList(more));
        return Cli.run(env(), args.toArray(String[]::new));
    }

    private static void assertUsageError(Cli.Result result, String line) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).as(result.toString()).containsExactly(line);
        assertThat(result.err()).doesNotContain("\tat ", "Exception", "PRIVATE KEY");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void handsThePemCaToTheTestCaseAsATypedValueNotAnOption() {
        Cli.Result result = run("--client-ca-cert", caCert.toString(), "--client-ca-key", caKey.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.PASSED);
        assertThat(result.out()).contains("EC key for CN=octt charge point CA, options {}");
        assertThat(result.out() + result.err()).doesNotContain("PRIVATE KEY");
    }

    @Test
    void readsTheCaAndItsKeyInDer() {
        Cli.Result result = run("--client-ca-cert", caCertDer.toString(), "--client-ca-key", caKeyDer.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.PASSED);
        assertThat(result.out()).contains("EC key for CN=octt charge point CA");
    }

    @Test
    void givesNoCaWithoutTheOptions() {
        Cli.Result result = run();

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.PASSED);
        assertThat(result.out()).contains("no Charge Point CA, options {}");
    }

    @Test
    void refusesTheCaCertificateWithoutItsKey() {
        assertUsageError(run("--client-ca-cert", caCert.toString()), "octt run: --client-ca-cert needs --client-ca-key"
                + " (the CA's private key), was: " + caCert + " alone");
    }

    @Test
    void refusesTheCaKeyWithoutItsCertificate() {
        assertUsageError(run("--client-ca-key", caKey.toString()), "octt run: --client-ca-key needs --client-ca-cert"
                + " (the CA's certificate), was: " + caKey + " alone");
    }

    @Test
    void refusesACaKeyThatDoesNotBelongToTheCaCertificate() {
        Cli.Result result = run("--client-ca-cert", caCert.toString(), "--client-ca-key", otherKey.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).hasSize(1);
        assertThat(result.errLines().get(0)).startsWith("octt run: --client-ca-key " + otherKey + ": ")
                .contains("does not belong to the certificate CN=octt charge point CA");
        assertThat(result.err()).doesNotContain("\tat ", "PRIVATE KEY");
    }

    @Test
    void refusesAMissingCaFileNamingTheOption() {
        Path missing = dir.resolve("nope.pem");
        Cli.Result result = run("--client-ca-cert", missing.toString(), "--client-ca-key", caKey.toString());

        assertUsageError(result, "octt run: --client-ca-cert file not found: " + missing);
    }

    @Test
    void refusesTc087NamedByIdWithSecurityProfile2() {
        Cli.Result result = Cli.run(env(), "run", Tc087TestCase.ID, "--url", URL, "--security-profile", "2");

        assertUsageError(result, "octt run: TC_087_CSMS cannot run here: it applies to security profile 3, the target"
                + " is configured with profile 2 (--security-profile 2); give a profile it applies to, or run it through"
                + " --suite, which leaves out what does not apply");
    }
}
