package org.octt.security16;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.octt.core.engine.TestCaseResult;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Timeouts;
import org.octt.core.spi.Verdict;
import org.octt.ocpp.cp.CertificateHashes;
import org.octt.ocpp.v16.message.HashAlgorithm;
import org.octt.testkit.Fault;
import org.octt.testkit.ReferenceCentralSystem;
import org.octt.testkit.ReferencePki;
import org.octt.testkit.RunningCentralSystem;
import org.octt.tls.pki.CertificateBuilder;
import org.octt.tls.pki.KeyPairs;
import org.octt.tls.pki.Pem;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.octt.core.spi.Verdict.FAILED;
import static org.octt.core.spi.Verdict.INCONCLUSIVE;
import static org.octt.core.spi.Verdict.PASSED;
import static org.octt.core.spi.Verdict.SKIPPED;
import static org.octt.security16.Runs.check;
import static org.octt.security16.Runs.profile2;
import static org.octt.security16.Runs.run;
import static org.octt.security16.Runs.verdicts;

/**
 * TC_075_1, TC_075_2, TC_076 and TC_078, found through discovery, against the reference Central System
 * under security profile 2, its operator actions performed by the reference Central System itself
 * ({@link RunningCentralSystem#actionHandler()}): the pass paths, each fault with the verdict of every
 * check and the reason of the failing one, and nobody acting.
 */
@Timeout(120)
class CertificateCardsReferenceCentralSystemTests {

    static ReferencePki pki;
    /** The configured ManufacturerRootCertificate: a serial with a leading zero octet in DER. */
    static X509Certificate manufacturerRoot;

    @TempDir
    static Path dir;
    static Path manufacturerRootFile;

    @BeforeAll
    static void generate() throws IOException {
        pki = ReferencePki.generate();
        manufacturerRoot = CertificateBuilder.create().subject("O=octt, CN=octt manufacturer root")
                .keyPair(KeyPairs.ec("secp256r1")).serial(new BigInteger("00a1b2c3d4", 16)).ca().build().certificate();
        manufacturerRootFile = Files.writeString(dir.resolve("manufacturer-root.pem"), Pem.certificate(manufacturerRoot));
        try (RunningCentralSystem cs = start()) {
            run(Tc078TestCase.ID, acting(cs).build()); // warm-up: TLS and the engine on a cold JVM
        }
    }

    static RunningCentralSystem start(Fault... faults) {
        return ReferenceCentralSystem.builder().pki(pki).faults(faults).build().start();
    }

    /** Profile 2, the reference Central System acting on each operator action, the manufacturer root configured. */
    static TestContext.Builder acting(RunningCentralSystem cs) {
        return profile2(cs).actionHandler(cs.actionHandler())
                .option(CertificateCards.MANUFACTURER_ROOT_OPTION, manufacturerRootFile.toString());
    }

    // ------------------------------------------------------------------ TC_075_1 / TC_075_2

    @Test
    void tc0751PassesAgainstTheReferenceCentralSystem() {
        try (RunningCentralSystem cs = start()) {
            TestCaseResult r = run(Tc0751TestCase.ID, acting(cs).build());

            assertThat(verdicts(r)).containsExactly(Map.entry("ws.upgrade", PASSED), Map.entry("ocpp.boot-notification", PASSED),
                    Map.entry("ocpp.status-notification", PASSED), Map.entry("cert.install-certificate", PASSED),
                    Map.entry("cert.configured-certificate", PASSED), Map.entry("cert.get-installed-certificate-ids", PASSED));
            String root = CertificateCards.describe(manufacturerRoot);
            assertThat(check(r, "cert.install-certificate").message()).isEqualTo("InstallCertificate.req with certificateType"
                    + " ManufacturerRootCertificate and " + root + ": octt answered Accepted");
            assertThat(root).startsWith("CN=octt manufacturer root,O=octt (serial a1b2c3d4, SHA-256 fingerprint ");
            assertThat(check(r, "cert.configured-certificate").message())
                    .isEqualTo("the installed ManufacturerRootCertificate is the configured certificate " + root);
            var sha256 = CertificateHashes.ofSelfSigned(manufacturerRoot, HashAlgorithm.SHA256);
            assertThat(check(r, "cert.get-installed-certificate-ids").message()).isEqualTo("GetInstalledCertificateIds.req"
                    + " with certificateType ManufacturerRootCertificate: octt answered {\"certificateHashData\":[{"
                    + "\"hashAlgorithm\":\"SHA256\",\"issuerNameHash\":\"" + sha256.issuerNameHash() + "\",\"issuerKeyHash\":\""
                    + sha256.issuerKeyHash() + "\",\"serialNumber\":\"a1b2c3d4\"}],\"status\":\"Accepted\"}");
            assertThat(check(r, "cert.install-certificate").evidence().get("messageLog").toString())
                    .contains("InstallCertificate");
        }
    }

    @Test
    void tc0752PassesWithTheCentralSystemsOwnRootConfigured() throws IOException {
        try (RunningCentralSystem cs = start()) {
            Path file = Files.writeString(dir.resolve("cs-root.pem"), cs.rootCertificatePem());
            TestCaseResult r = run(Tc0752TestCase.ID, acting(cs)
                    .option(CertificateCards.CENTRAL_SYSTEM_ROOT_OPTION, file.toString()).build());

            assertThat(r.verdict()).isEqualTo(PASSED);
            assertThat(check(r, "cert.install-certificate").message()).startsWith("InstallCertificate.req with"
                    + " certificateType CentralSystemRootCertificate and CN=octt reference root CA,O=octt (serial ");
            assertThat(check(r, "cert.get-installed-certificate-ids").message()).startsWith("GetInstalledCertificateIds.req"
                    + " with certificateType CentralSystemRootCertificate: octt answered {\"certificateHashData\":[{");
        }
    }

    @Test
    void tc0751FailsWhenAnotherRootIsInstalled() {
        try (RunningCentralSystem cs = start(Fault.WRONG_ROOT_INSTALLED)) {
            TestCaseResult r = run(Tc0751TestCase.ID, acting(cs).build());

            assertThat(verdicts(r)).containsEntry("cert.install-certificate", PASSED)
                    .containsEntry("cert.configured-certificate", FAILED)
                    .containsEntry("cert.get-installed-certificate-ids", PASSED);
            assertThat(check(r, "cert.configured-certificate").message()).startsWith("expected the configured certificate "
                            + CertificateCards.describe(manufacturerRoot) + ", seen CN=octt reference other root,O=octt (serial ")
                    .endsWith("; make the Central System install the certificate of " + manufacturerRootFile.toAbsolutePath());
        }
    }

    @Test
    void tc0751FailsAMalformedCertificate() {
        try (RunningCentralSystem cs = start(Fault.MALFORMED_CERTIFICATE)) {
            TestCaseResult r = run(Tc0751TestCase.ID, acting(cs).build());

            assertThat(verdicts(r)).containsEntry("cert.install-certificate", FAILED)
                    .containsEntry("cert.configured-certificate", FAILED)
                    .containsEntry("cert.get-installed-certificate-ids", PASSED);
            assertThat(check(r, "cert.install-certificate").message()).startsWith("expected InstallCertificate.req with a"
                            + " root certificate a Charge Point can install, seen one octt rejected: not a PEM certificate:"
                            + " the certificate: ")
                    .endsWith("; the certificate must be one self-signed X.509 certificate in PEM (A00.FR.507)");
            assertThat(check(r, "cert.configured-certificate").message()).contains(", seen a certificate octt cannot read:"
                    + " not a PEM certificate: ");
            assertThat(check(r, "cert.get-installed-certificate-ids").message())
                    .endsWith("octt answered {\"status\":\"NotFound\"}");
        }
    }

    @Test
    void tc0751SkipsTheComparisonWithoutAConfiguredCertificateAndPasses() {
        try (RunningCentralSystem cs = start()) {
            TestCaseResult r = run(Tc0751TestCase.ID, profile2(cs).actionHandler(cs.actionHandler()).build());

            assertThat(verdicts(r)).containsEntry("cert.install-certificate", PASSED)
                    .containsEntry("cert.configured-certificate", SKIPPED)
                    .containsEntry("cert.get-installed-certificate-ids", PASSED);
            assertThat(r.verdict()).isEqualTo(PASSED);
            assertThat(check(r, "cert.configured-certificate").message()).isEqualTo("no certificate configured to compare"
                    + " with: set the option cert.manufacturer-root-file (--option cert.manufacturer-root-file=FILE) to the"
                    + " PEM file of the ManufacturerRootCertificate the Central System is to install");
        }
    }

    @Test
    void tc0751NamesAnUnreadableConfiguredFile() {
        try (RunningCentralSystem cs = start()) {
            Path missing = dir.resolve("no-such-root.pem");
            TestCaseResult r = run(Tc0751TestCase.ID, profile2(cs).actionHandler(cs.actionHandler())
                    .option(CertificateCards.MANUFACTURER_ROOT_OPTION, missing.toString()).build());

            assertThat(check(r, "cert.configured-certificate").verdict()).isEqualTo(INCONCLUSIVE);
            assertThat(check(r, "cert.configured-certificate").message()).startsWith("cannot compare: option"
                    + " cert.manufacturer-root-file: ").contains(missing.toString())
                    .endsWith("; fix the option cert.manufacturer-root-file");
        }
    }

    @Test
    void tc0751IsInconclusiveWhenNobodyActs() {
        try (RunningCentralSystem cs = start()) {
            TestCaseResult r = run(Tc0751TestCase.ID, profile2(cs)
                    .timeouts(Timeouts.DEFAULTS.withNetwork(Runs.NETWORK_TIMEOUT).withAction(Duration.ofMillis(500)))
                    .option(CertificateCards.MANUFACTURER_ROOT_OPTION, manufacturerRootFile.toString()).build());

            assertThat(verdicts(r)).containsEntry("ocpp.status-notification", PASSED)
                    .containsEntry("cert.install-certificate", INCONCLUSIVE)
                    .containsEntry("cert.configured-certificate", SKIPPED)
                    .containsEntry("cert.get-installed-certificate-ids", SKIPPED);
            assertThat(r.verdict()).isEqualTo(INCONCLUSIVE);
            assertThat(check(r, "cert.install-certificate").message()).contains("InstallCertificate.req")
                    .contains("TC_075_1_CSMS.install-certificate");
            assertThat(check(r, "cert.configured-certificate").message()).startsWith("not run: ");
        }
    }

    // ------------------------------------------------------------------ TC_076

    @Test
    void tc076PassesEveryCycleAgainstTheReferenceCentralSystem() {
        try (RunningCentralSystem cs = start()) {
            TestCaseResult r = run(Tc076TestCase.ID, acting(cs).build());

            Map<String, Verdict> expected = new LinkedHashMap<>();
            expected.put("ws.upgrade", PASSED);
            expected.put("ocpp.boot-notification", PASSED);
            expected.put("ocpp.status-notification", PASSED);
            for (String a : List.of("sha256", "sha384", "sha512")) {
                expected.put("cert.install-certificate-" + a, PASSED);
                expected.put("cert.get-installed-certificate-ids-" + a, PASSED);
                expected.put("cert.delete-certificate-" + a, PASSED);
            }
            assertThat(verdicts(r)).containsExactlyEntriesOf(expected);
            CheckResult delete = check(r, "cert.delete-certificate-sha384");
            assertThat(delete.message()).isEqualTo("DeleteCertificate.req with SHA384 hash data equal to octt's for "
                    + CertificateCards.describe(manufacturerRoot) + ": octt answered Accepted");
            assertThat(delete.warnings()).isEmpty();
            var sha512 = CertificateHashes.ofSelfSigned(manufacturerRoot, HashAlgorithm.SHA512);
            assertThat(check(r, "cert.get-installed-certificate-ids-sha512").message())
                    .contains("\"hashAlgorithm\":\"SHA512\",\"issuerNameHash\":\"" + sha512.issuerNameHash() + "\"");
            assertThat(check(r, "cert.delete-certificate-sha512").evidence().get("seen"))
                    .isEqualTo(Map.of("hashAlgorithm", "SHA512", "issuerNameHash", sha512.issuerNameHash(),
                            "issuerKeyHash", sha512.issuerKeyHash(), "serialNumber", "a1b2c3d4"));
        }
    }

    @Test
    void tc076FailsEveryCycleWhoseDeleteUsesAnotherAlgorithm() {
        try (RunningCentralSystem cs = start(Fault.WRONG_HASH_ALGORITHM)) {
            TestCaseResult r = run(Tc076TestCase.ID, acting(cs).build());

            assertThat(verdicts(r)).containsEntry("cert.get-installed-certificate-ids-sha256", PASSED)
                    .containsEntry("cert.delete-certificate-sha256", FAILED)
                    .containsEntry("cert.delete-certificate-sha384", FAILED)
                    .containsEntry("cert.delete-certificate-sha512", FAILED);
            var sha384 = CertificateHashes.ofSelfSigned(manufacturerRoot, HashAlgorithm.SHA384);
            var sha512 = CertificateHashes.ofSelfSigned(manufacturerRoot, HashAlgorithm.SHA512);
            assertThat(check(r, "cert.delete-certificate-sha384").message()).isEqualTo("expected DeleteCertificate.req with"
                    + " the SHA384 hash data octt reported for " + CertificateCards.describe(manufacturerRoot)
                    + ", seen other values: hashAlgorithm: expected SHA384, seen SHA512; issuerNameHash: expected "
                    + sha384.issuerNameHash() + ", seen " + sha512.issuerNameHash() + "; issuerKeyHash: expected "
                    + sha384.issuerKeyHash() + ", seen " + sha512.issuerKeyHash() + " (octt answered Accepted); change the"
                    + " Central System to send the certificateHashData the Charge Point reported in"
                    + " GetInstalledCertificateIds.conf, in its hashAlgorithm (RFC 6960 CertID: issuerNameHash over the DER"
                    + " issuer name, issuerKeyHash over the issuer's public key BIT STRING)");
        }
    }

    @Test
    void tc076FailsAnIssuerKeyHashOverTheWholeKeyInfo() {
        try (RunningCentralSystem cs = start(Fault.WRONG_ISSUER_KEY_HASH)) {
            TestCaseResult r = run(Tc076TestCase.ID, acting(cs).build());

            CheckResult delete = check(r, "cert.delete-certificate-sha256");
            assertThat(delete.verdict()).isEqualTo(FAILED);
            var sha256 = CertificateHashes.ofSelfSigned(manufacturerRoot, HashAlgorithm.SHA256);
            assertThat(delete.message()).contains("seen other values: issuerKeyHash: expected " + sha256.issuerKeyHash()
                    + ", seen ").contains(" (octt answered NotFound); ");
            assertThat(delete.evidence()).containsEntry("mismatchedFields", List.of("issuerKeyHash"));
            assertThat(verdicts(r)).containsEntry("cert.delete-certificate-sha384", FAILED)
                    .containsEntry("cert.delete-certificate-sha512", FAILED);
        }
    }

    @Test
    void tc076SkipsTheLaterCyclesWhenNobodyActs() {
        try (RunningCentralSystem cs = start()) {
            TestCaseResult r = run(Tc076TestCase.ID, profile2(cs)
                    .timeouts(Timeouts.DEFAULTS.withNetwork(Runs.NETWORK_TIMEOUT).withAction(Duration.ofMillis(500))).build());

            assertThat(verdicts(r)).containsEntry("cert.install-certificate-sha256", INCONCLUSIVE)
                    .containsEntry("cert.get-installed-certificate-ids-sha256", SKIPPED)
                    .containsEntry("cert.delete-certificate-sha512", SKIPPED);
            assertThat(r.checks()).hasSize(12);
            assertThat(check(r, "cert.delete-certificate-sha512").message()).startsWith("not run: ");
        }
    }

    @Test
    void theCardsApplyToProfiles2And3WithOperatorActionsOnly() {
        for (String id : List.of(Tc0751TestCase.ID, Tc0752TestCase.ID, Tc076TestCase.ID, Tc078TestCase.ID)) {
            var card = Runs.discovered(id);
            assertThat(card.suites()).containsExactly("ocpp16-security");
            assertThat(card.prerequisites().securityProfiles()).containsExactlyInAnyOrder(
                    org.octt.core.spi.SecurityProfile.TLS_BASIC_AUTH, org.octt.core.spi.SecurityProfile.TLS_CLIENT_CERTIFICATE);
            assertThat(card.prerequisites().whyNotApplicable(TestContext.builder(
                            org.octt.core.spi.Target.of(java.net.URI.create("wss://csms.example/ocpp/CP001")))
                    .operatorActions(false).build()))
                    .contains("needs the Central System to act on its own (an operator action), and operator actions"
                            + " are turned off");
        }
        assertThat(Runs.discovered(Tc0751TestCase.ID).options()).extracting(o -> o.key())
                .containsExactly("ocpp.vendor", "ocpp.model", "ocpp.connectors", "cert.manufacturer-root-file");
        assertThat(Runs.discovered(Tc078TestCase.ID).options()).extracting(o -> o.key())
                .contains("cert.central-system-root-file");
    }

    // ------------------------------------------------------------------ TC_078

    @Test
    void tc078PassesUnderProfile3WithTheClientCertificate() {
        try (RunningCentralSystem cs = ClientCertificateRuns.start(pki)) {
            TestCaseResult r = ClientCertificateRuns.run(Tc078TestCase.ID,
                    ClientCertificateRuns.profile3(cs).actionHandler(cs.actionHandler()).build());

            assertThat(r.verdict()).isEqualTo(PASSED);
            assertThat(check(r, "ws.upgrade").message()).startsWith("101 Switching Protocols with the client certificate,");
            assertThat(check(r, "ocpp.security-event-notification").verdict()).isEqualTo(PASSED);
        }
    }

    @Test
    void tc078PassesAgainstTheReferenceCentralSystem() {
        try (RunningCentralSystem cs = start()) {
            TestCaseResult r = run(Tc078TestCase.ID, acting(cs).build());

            assertThat(verdicts(r)).containsExactly(Map.entry("ws.upgrade", PASSED), Map.entry("ocpp.boot-notification", PASSED),
                    Map.entry("ocpp.status-notification", PASSED), Map.entry("cert.install-certificate", PASSED),
                    Map.entry("ocpp.security-event-notification", PASSED));
            assertThat(check(r, "cert.install-certificate").message()).isEqualTo("InstallCertificate.req with certificateType"
                    + " CentralSystemRootCertificate: octt answered Rejected (this Charge Point refuses every"
                    + " CentralSystemRootCertificate (as the test case requires))");
            assertThat(check(r, "ocpp.security-event-notification").message()).isEqualTo("SecurityEventNotification.req"
                    + " InvalidCentralSystemCertificate answered with SecurityEventNotification.conf {}");
            assertThat(check(r, "ocpp.security-event-notification").evidence().get("messageLog").toString())
                    .contains("\"type\":\"InvalidCentralSystemCertificate\"");
        }
    }

    @Test
    void tc078FailsWhenTheSecurityEventIsNotAnswered() {
        try (RunningCentralSystem cs = start(Fault.SECURITY_EVENT_UNANSWERED)) {
            TestCaseResult r = run(Tc078TestCase.ID, acting(cs).build());

            assertThat(verdicts(r)).containsEntry("cert.install-certificate", PASSED)
                    .containsEntry("ocpp.security-event-notification", FAILED);
            assertThat(check(r, "ocpp.security-event-notification").message()).startsWith("expected"
                            + " SecurityEventNotification.conf to SecurityEventNotification.req InvalidCentralSystemCertificate,"
                            + " seen: ")
                    .endsWith("; the Central System must answer every SecurityEventNotification.req");
        }
    }
}
