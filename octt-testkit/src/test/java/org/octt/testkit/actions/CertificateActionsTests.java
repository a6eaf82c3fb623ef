package org.octt.testkit.actions;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.octt.testkit.ReferenceCentralSystem;
import org.octt.testkit.RunningCentralSystem;
import org.octt.tls.pki.CertificateBuilder;
import org.octt.tls.pki.KeyPairs;
import org.octt.tls.pki.Pem;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The certificate actions' parameters and the reference Central System's own certificateHashData,
 * compared with the CertID of {@code openssl ocsp}. (Their CALLs to a Charge Point are tested with
 * the cards, in octt-security16.)
 */
class CertificateActionsTests {

    static RunningCentralSystem cs;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        cs = ReferenceCentralSystem.builder().build().start();
    }

    @AfterAll
    static void stop() {
        cs.close();
    }

    @Test
    void installNeedsAKnownCertificateType() {
        InstallCertificateAction install = new InstallCertificateAction("TC_075_1_CSMS.install-certificate");

        assertThatThrownBy(() -> install.perform(cs, "CP001", Map.of()).block(Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TC_075_1_CSMS.install-certificate needs the parameter certificateType (one of"
                        + " CentralSystemRootCertificate, ManufacturerRootCertificate)");
        assertThatThrownBy(() -> install.perform(cs, "CP001", Map.of("certificateType", "OtherRoot\n"))
                .block(Duration.ofSeconds(5)))
                .hasMessage("TC_075_1_CSMS.install-certificate: parameter certificateType 'OtherRoot?' is not one of"
                        + " CentralSystemRootCertificate, ManufacturerRootCertificate");
    }

    @Test
    void deleteNeedsAHashAlgorithm() {
        assertThatThrownBy(() -> new DeleteCertificateAction("TC_076_CSMS.delete-certificate")
                .perform(cs, "CP001", Map.of("hashAlgorithm", "MD5")).block(Duration.ofSeconds(5)))
                .hasMessage("TC_076_CSMS.delete-certificate: parameter hashAlgorithm 'MD5' is not one of SHA256, SHA384,"
                        + " SHA512");
    }

    @Test
    void anUnreadableCertificateFileIsNamed() {
        Path missing = dir.resolve("missing.pem");

        assertThatThrownBy(() -> new InstallCertificateAction("TC_075_1_CSMS.install-certificate").perform(cs, "CP001",
                Map.of("certificateType", "ManufacturerRootCertificate", "certificateFile", missing.toString()))
                .block(Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("parameter certificateFile: ").hasMessageContaining(missing.toString());
    }

    @Test
    void theCertificateIsTheFilesOrElseTheReferenceRoot() throws Exception {
        X509Certificate root = CertificateBuilder.create().subject("CN=file root").keyPair(KeyPairs.ec("secp256r1")).ca()
                .build().certificate();
        Path file = Files.writeString(dir.resolve("root.pem"), Pem.certificate(root));

        assertThat(CertificateActions.certificate(cs, Map.of("certificateFile", file.toString()))).isEqualTo(root);
        assertThat(CertificateActions.certificate(cs, Map.of())).isEqualTo(cs.rootCertificate());
    }

    @Test
    void truncatedPemIsNoLongerACertificate() {
        String truncated = CertificateActions.truncated(cs.rootCertificate());

        assertThat(truncated).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> org.octt.tls.cert.PemFiles.readCertificates(truncated.getBytes(StandardCharsets.US_ASCII),
                "x")).isInstanceOf(org.octt.tls.cert.PemException.class);
    }

    @Test
    void hashDataEqualsOpenSslsCertIdAndTheWrongKeyHashDiffers() throws Exception {
        X509Certificate root = CertificateBuilder.create().subject("O=octt, CN=hash root").keyPair(KeyPairs.rsa(2048))
                .serial(new BigInteger("00c0ffee", 16)).ca().build().certificate();
        Path pem = Files.writeString(dir.resolve("hash-root.pem"), Pem.certificate(root));
        Path out = dir.resolve("ocsp.txt");
        Process p = new ProcessBuilder("openssl", "ocsp", "-sha384", "-issuer", pem.toString(), "-cert", pem.toString(),
                "-no_nonce", "-req_text", "-reqout", dir.resolve("req.der").toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String text = Files.readString(out).replaceAll("\\\\\\r?\\n\\s*", "").toLowerCase(java.util.Locale.ROOT);

        Map<String, String> data = CertificateActions.hashData(root, "SHA384", false);

        assertThat(text).contains("issuer name hash: " + data.get("issuerNameHash"))
                .contains("issuer key hash: " + data.get("issuerKeyHash"))
                .contains("serial number: " + data.get("serialNumber"));
        assertThat(data.get("serialNumber")).isEqualTo("c0ffee");
        assertThat(CertificateActions.hashData(root, "SHA384", true).get("issuerKeyHash"))
                .isNotEqualTo(data.get("issuerKeyHash"));
    }
}
