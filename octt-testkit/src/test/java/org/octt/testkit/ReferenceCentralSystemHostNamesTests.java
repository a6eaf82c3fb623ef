package org.octt.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.octt.testkit.TestSupport.PKI;
import static org.octt.testkit.TestSupport.run;
import static org.octt.testkit.TestSupport.sClientNaming;

/** One reference Central System serving several host names, told apart by SNI, seen by OpenSSL's s_client. */
@Timeout(60)
class ReferenceCentralSystemHostNamesTests {

    private static final String SAN_DNS = "subjectAltName DNS";

    @TempDir
    Path dir;

    private RunningCentralSystem start(Fault... faults) {
        return ReferenceCentralSystem.builder().pki(PKI).hostName("csms.octt.test")
                .additionalHostNames(List.of("cp-a.octt.test", "cp-b.octt.test")).faults(faults).build().start();
    }

    private String caFile(RunningCentralSystem cs) throws Exception {
        Path ca = dir.resolve("root.pem");
        Files.writeString(ca, cs.rootCertificatePem());
        return ca.toString();
    }

    /** The leaf certificate s_client printed. */
    private static X509Certificate servedLeaf(String sClientOutput) throws Exception {
        int begin = sClientOutput.indexOf("-----BEGIN CERTIFICATE-----");
        String end = "-----END CERTIFICATE-----";
        assertThat(begin).as("a certificate in: %s", sClientOutput).isNotNegative();
        String pem = sClientOutput.substring(begin, sClientOutput.indexOf(end, begin) + end.length());
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    private static List<String> dnsNames(X509Certificate certificate) throws Exception {
        return certificate.getSubjectAlternativeNames().stream()
                .filter(n -> (Integer) n.get(0) == 2).map(n -> (String) n.get(1)).toList();
    }

    @Test
    void servesRsaCertificateOfTheNameTheClientSends() throws Exception {
        try (RunningCentralSystem cs = start()) {
            String out = sClientNaming(cs, "cp-b.octt.test", "-tls1_2", "-cipher", "AES128-GCM-SHA256",
                    "-CAfile", caFile(cs), "-verify_hostname", "cp-b.octt.test", "-tlsextdebug");

            assertThat(out).contains("Cipher is AES128-GCM-SHA256", "Server public key is 2048 bit",
                    "subject=O = octt reference CSMS, CN = cp-b.octt.test", "Verify return code: 0 (ok)",
                    "TLS server extension \"server name\"");
            X509Certificate leaf = servedLeaf(out);
            assertThat(dnsNames(leaf)).as(SAN_DNS).containsExactly("cp-b.octt.test");
            // the same key pair as the primary host name's certificate: only the certificate differs
            assertThat(leaf.getPublicKey()).isEqualTo(cs.rsaCertificate().orElseThrow().getPublicKey());
            assertThat(cs.handshakes()).singleElement().extracting(ObservedHandshake::certificateKeyAlgorithm)
                    .isEqualTo("RSA");
        }
    }

    @Test
    void servesEcdsaCertificateOfTheNameTheClientSendsWhateverItsCase() throws Exception {
        try (RunningCentralSystem cs = start()) {
            String tls12 = sClientNaming(cs, "CP-A.Octt.Test", "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256",
                    "-CAfile", caFile(cs), "-verify_hostname", "cp-a.octt.test");
            String tls13 = sClientNaming(cs, "cp-a.octt.test", "-tls1_3", "-CAfile", caFile(cs),
                    "-verify_hostname", "cp-a.octt.test");

            for (String out : List.of(tls12, tls13)) {
                assertThat(out).contains("Server public key is 256 bit",
                        "subject=O = octt reference CSMS, CN = cp-a.octt.test", "Verify return code: 0 (ok)");
                X509Certificate leaf = servedLeaf(out);
                assertThat(dnsNames(leaf)).as(SAN_DNS).containsExactly("cp-a.octt.test");
                assertThat(leaf.getPublicKey()).isEqualTo(cs.ecCertificate().orElseThrow().getPublicKey());
            }
            assertThat(cs.handshakes()).extracting(ObservedHandshake::certificateKeyAlgorithm)
                    .containsExactly("EC", "EC");
        }
    }

    @Test
    void servesPrimaryCertificateForAnUnknownNameOrNoName() throws Exception {
        try (RunningCentralSystem cs = start()) {
            String unknown = sClientNaming(cs, "cp-z.octt.test", "-tls1_2", "-tlsextdebug");
            String noName = run(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + cs.port(), "-noservername",
                    "-tls1_3"));

            for (String out : List.of(unknown, noName)) {
                assertThat(out).contains("subject=O = octt reference CSMS, CN = csms.octt.test");
                assertThat(dnsNames(servedLeaf(out))).as(SAN_DNS).containsExactly("csms.octt.test");
            }
            // RFC 6066: the server acknowledges server_name only when it used the name
            assertThat(unknown).doesNotContain("TLS server extension \"server name\"");
            assertThat(cs.handshakes()).hasSize(2);
        }
    }

    @Test
    void leavesEachNameOutOfItsOwnCertificateWithSanMismatch() throws Exception {
        try (RunningCentralSystem cs = start(Fault.SAN_MISMATCH)) {
            String out = sClientNaming(cs, "cp-a.octt.test", "-tls1_2", "-CAfile", caFile(cs),
                    "-verify_hostname", "cp-a.octt.test");

            assertThat(out).contains("subject=O = octt reference CSMS, CN = cp-a.octt.test",
                    "Verify return code: 62 (hostname mismatch)");
            assertThat(dnsNames(servedLeaf(out))).as(SAN_DNS).containsExactly("other-cp-a.octt.test");
        }
    }

    @Test
    void putsAnotherHostInTheCnOfEachNameWithCnMismatch() throws Exception {
        try (RunningCentralSystem cs = start(Fault.CN_MISMATCH)) {
            String out = sClientNaming(cs, "cp-b.octt.test", "-tls1_3");

            assertThat(out).contains("subject=O = octt reference CSMS, CN = other-cp-b.octt.test");
            assertThat(dnsNames(servedLeaf(out))).as(SAN_DNS).containsExactly("cp-b.octt.test");
        }
    }

    @Test
    void listsEveryHostNamePrimaryFirstWhileTheUrlNamesThePrimary() {
        try (RunningCentralSystem cs = start()) {
            assertThat(cs.hostNames()).containsExactly("csms.octt.test", "cp-a.octt.test", "cp-b.octt.test");
            assertThat(cs.hostName()).isEqualTo("csms.octt.test");
            assertThat(cs.url().getHost()).isEqualTo("csms.octt.test");
        }
        try (RunningCentralSystem cs = ReferenceCentralSystem.builder().pki(PKI).build().start()) {
            assertThat(cs.hostNames()).containsExactly("csms.octt.test");
        }
    }
}
