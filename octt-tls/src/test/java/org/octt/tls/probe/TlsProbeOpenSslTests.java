package org.octt.tls.probe;

import org.octt.testsupport.OpenSslServer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.octt.tls.pki.CertificateBuilder;
import org.octt.tls.pki.IssuedCertificate;
import org.octt.tls.pki.KeyPairs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Probes against {@code openssl s_server} in the configurations TC_086 meets. */
@Timeout(60)
class TlsProbeOpenSslTests {

    private static final TlsProbe PROBE = TlsProbe.create().withHandshakeTimeout(Duration.ofSeconds(5));
    private static final String ECDSA_SUITE = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    private static final String RSA_SUITE = "TLS_RSA_WITH_AES_128_GCM_SHA256";
    private static final String LEGACY = "DEFAULT:@SECLEVEL=0";

    @TempDir
    static Path dir;

    static IssuedCertificate rsa;
    static IssuedCertificate ec;
    static OpenSslServer dual;
    static OpenSslServer rsaOnly;

    @BeforeAll
    static void startServers() throws IOException {
        IssuedCertificate root = CertificateBuilder.create().subject("CN=octt probe test root")
                .keyPair(KeyPairs.ec("secp256r1")).ca().build();
        rsa = CertificateBuilder.create().subject("CN=localhost, O=rsa").issuer(root).build();
        ec = CertificateBuilder.create().subject("CN=localhost, O=ec").keyPair(KeyPairs.ec("secp256r1"))
                .issuer(root).build();
        dual = OpenSslServer.builder(dir.resolve("dual")).cert(rsa.chainWithoutRoot(), rsa.privateKey()).dcert(ec.chainWithoutRoot(), ec.privateKey()).start();
        rsaOnly = OpenSslServer.builder(dir.resolve("rsa")).cert(rsa.chainWithoutRoot(), rsa.privateKey()).start();
    }

    @AfterAll
    static void stopServers() {
        for (OpenSslServer s : new OpenSslServer[] {dual, rsaOnly}) {
            if (s != null) {
                s.close();
            }
        }
    }

    private static ProbeOutcome probe(OpenSslServer server, TlsVersion version, String suite) {
        return probe(request(server, List.of(version), List.of(suite)));
    }

    private static ProbeOutcome probe(ProbeRequest request) {
        return PROBE.probe(request).block(Duration.ofSeconds(20));
    }

    private static ProbeRequest request(OpenSslServer server, List<TlsVersion> versions, List<String> suites) {
        return ProbeRequest.of("localhost", server.port(), versions, suites).withConnectAddress(server.address());
    }

    private static ProbeOutcome.Accepted accepted(ProbeOutcome outcome) {
        assertThat(outcome).as(outcome.message()).isInstanceOf(ProbeOutcome.Accepted.class);
        return (ProbeOutcome.Accepted) outcome;
    }

    private static ProbeOutcome.Refused refused(ProbeOutcome outcome) {
        assertThat(outcome).as(outcome.message()).isInstanceOf(ProbeOutcome.Refused.class);
        return (ProbeOutcome.Refused) outcome;
    }

    @Test
    void servesEcCertificateForEcdheEcdsaSuite() throws Exception {
        ProbeOutcome.Accepted a = accepted(probe(dual, TlsVersion.TLS1_2, ECDSA_SUITE));

        assertThat(a.version()).isEqualTo(TlsVersion.TLS1_2);
        assertThat(a.cipherSuite()).isEqualTo(ECDSA_SUITE);
        assertThat(a.namedGroup()).contains("x25519");
        assertThat(a.compression()).isEqualTo("null");
        assertThat(a.chain()).hasSize(1);
        assertThat(a.encodedChain().get(0)).isEqualTo(ec.certificate().getEncoded());
        assertThat(a.certificates().get(0).getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(a.elapsed()).isPositive();
        assertThat(a.message()).isEqualTo("server accepted TLSv1.2 with " + ECDSA_SUITE
                + " (group x25519); it sent 1 certificate, leaf O=ec,CN=localhost");
    }

    @Test
    void servesRsaCertificateForRsaKeyExchangeSuite() throws Exception {
        ProbeOutcome.Accepted a = accepted(probe(dual, TlsVersion.TLS1_2, RSA_SUITE));

        assertThat(a.cipherSuite()).isEqualTo(RSA_SUITE);
        assertThat(a.namedGroup()).isEmpty();
        assertThat(a.encodedChain().get(0)).isEqualTo(rsa.certificate().getEncoded());
        assertThat(a.message()).isEqualTo("server accepted TLSv1.2 with " + RSA_SUITE
                + "; it sent 1 certificate, leaf O=rsa,CN=localhost");
    }

    @Test
    void servesRsaCertificateForEcdheRsaSuite() throws Exception {
        ProbeOutcome.Accepted a = accepted(probe(dual, TlsVersion.TLS1_2, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"));

        assertThat(a.cipherSuite()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
        assertThat(a.encodedChain().get(0)).isEqualTo(rsa.certificate().getEncoded());
    }

    @Test
    void refusesEcdsaSuiteWithHandshakeFailureWhenServerHasOnlyRsaCertificate() {
        ProbeOutcome.Refused r = refused(probe(rsaOnly, TlsVersion.TLS1_2, ECDSA_SUITE));

        assertThat(r.alert()).isEqualTo("handshake_failure(40)");
        assertThat(r.alertCode()).isEqualTo(40);
        assertThat(r.level()).isEqualTo("fatal");
        assertThat(r.chain()).isEmpty();
        assertThat(r.message()).isEqualTo("localhost:" + rsaOnly.port() + " (connecting to 127.0.0.1:"
                + rsaOnly.port() + ") refused the handshake with fatal alert handshake_failure(40) in answer to a"
                + " ClientHello offering TLSv1.2 with [" + ECDSA_SUITE + "]");
    }

    @Test
    void refusesTls12WithProtocolVersionAlertButAcceptsTls13OnTls13OnlyServer() throws Exception {
        try (OpenSslServer tls13 = OpenSslServer.builder(dir.resolve("tls13")).cert(rsa.chainWithoutRoot(), rsa.privateKey()).args("-tls1_3").start()) {
            ProbeOutcome.Refused r = refused(probe(tls13, TlsVersion.TLS1_2, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
            assertThat(r.alert()).isEqualTo("protocol_version(70)");
            assertThat(r.message()).contains("refused the handshake with fatal alert protocol_version(70)")
                    .endsWith("offering TLSv1.2 with [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]");

            ProbeOutcome.Accepted a = accepted(probe(tls13, TlsVersion.TLS1_3, "TLS_AES_128_GCM_SHA256"));
            assertThat(a.version()).isEqualTo(TlsVersion.TLS1_3);
            assertThat(a.cipherSuite()).isEqualTo("TLS_AES_128_GCM_SHA256");
            assertThat(a.namedGroup()).contains("x25519");
            assertThat(a.encodedChain().get(0)).isEqualTo(rsa.certificate().getEncoded());
            assertThat(a.message()).startsWith("server accepted TLSv1.3 with TLS_AES_128_GCM_SHA256 (group x25519)");
        }
    }

    @Test
    void reportsTheVersionAndSuiteTheServerSelectsFromSeveralOffered() {
        ProbeOutcome.Accepted a = accepted(probe(request(dual, List.of(TlsVersion.TLS1_2, TlsVersion.TLS1_3),
                List.of("TLS_AES_256_GCM_SHA384", ECDSA_SUITE))));

        assertThat(a.version()).isEqualTo(TlsVersion.TLS1_3);
        assertThat(a.cipherSuite()).isEqualTo("TLS_AES_256_GCM_SHA384");
    }

    @ParameterizedTest
    @CsvSource({"TLS1_2, TLS1_3", "TLS1_3, TLS1_2"})
    void negotiatesTls13WhenOfferingTls12AndTls13ToServerSupportingBoth(TlsVersion first, TlsVersion second) {
        ProbeRequest offer = request(rsaOnly, List.of(first, second),
                List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256"));
        ProbeOutcome.Accepted a = accepted(probe(offer));

        assertThat(a.version()).isEqualTo(TlsVersion.TLS1_3);
        assertThat(a.cipherSuite()).isEqualTo("TLS_AES_128_GCM_SHA256");
        assertThat(a.message()).startsWith("server accepted TLSv1.3 with TLS_AES_128_GCM_SHA256");
        // the same server still speaks TLS 1.2 when only that is offered
        assertThat(accepted(probe(offer.withVersions(List.of(TlsVersion.TLS1_2)))).version())
                .isEqualTo(TlsVersion.TLS1_2);
    }

    @ParameterizedTest
    @CsvSource({"-tls1, TLS1_0", "-tls1_1, TLS1_1"})
    void acceptsLegacyVersionWhenServerAllowsItAtSecurityLevelZero(String flag, TlsVersion version)
            throws IOException {
        try (OpenSslServer legacy = OpenSslServer.builder(dir.resolve("legacy" + flag)).cert(rsa.chainWithoutRoot(), rsa.privateKey()).dcert(ec.chainWithoutRoot(), ec.privateKey())
                .args(flag, "-cipher", LEGACY).start()) {
            ProbeOutcome.Accepted a = accepted(probe(legacy, version, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"));

            assertThat(a.version()).isEqualTo(version);
            assertThat(a.cipherSuite()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");
            assertThat(a.message()).startsWith("server accepted " + version.protocolName()
                    + " with TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");
        }
    }

    @Test
    void refusesLegacyVersionOnServerWithDefaultSecurityLevel() {
        ProbeOutcome.Refused r = refused(probe(rsaOnly, TlsVersion.TLS1_0, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"));

        // OpenSSL 3.0 has no usable TLS 1.0 at security level 1 and above, and says internal_error
        assertThat(r.alert()).isEqualTo("internal_error(80)");
        assertThat(r.message()).contains("offering TLSv1 with [TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA]");
    }

    @Test
    void capturesRsa1024CertificateAtSecurityLevelZero() throws Exception {
        IssuedCertificate small = CertificateBuilder.create().subject("CN=localhost, O=rsa1024")
                .keyPair(KeyPairs.rsa(1024)).build();
        try (OpenSslServer server = OpenSslServer.builder(dir.resolve("rsa1024")).cert(small.chainWithoutRoot(), small.privateKey())
                .args("-cipher", LEGACY).start()) {
            ProbeOutcome.Accepted a = accepted(probe(server, TlsVersion.TLS1_2, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));

            assertThat(a.encodedChain().get(0)).isEqualTo(small.certificate().getEncoded());
            assertThat(((RSAPublicKey) a.certificates().get(0).getPublicKey()).getModulus().bitLength())
                    .isEqualTo(1024);
            assertThat(a.message()).endsWith("leaf O=rsa1024,CN=localhost");
        }
    }

    @Test
    void capturesP192CertificateAtSecurityLevelZero() throws Exception {
        IssuedCertificate small = CertificateBuilder.create().subject("CN=localhost, O=p192")
                .keyPair(KeyPairs.ec("secp192r1")).build();
        try (OpenSslServer server = OpenSslServer.builder(dir.resolve("p192")).cert(small.chainWithoutRoot(), small.privateKey())
                .args("-cipher", LEGACY).start()) {
            ProbeOutcome.Accepted a = accepted(probe(server, TlsVersion.TLS1_2, ECDSA_SUITE));

            byte[] leaf = a.encodedChain().get(0);
            assertThat(leaf).isEqualTo(small.certificate().getEncoded());
            assertThat(a.chain().get(0).certificate()).isPresent();
            SubjectPublicKeyInfo spki = org.bouncycastle.asn1.x509.Certificate.getInstance(leaf)
                    .getSubjectPublicKeyInfo();
            assertThat(spki.getAlgorithm().getParameters().toString()).isEqualTo("1.2.840.10045.3.1.1"); // P-192
            assertThat(a.message()).endsWith("leaf O=p192,CN=localhost");
        }
    }

    @Test
    void sendsHostNameAsSniAndNoSniForIpLiteral() throws Exception {
        IssuedCertificate named = CertificateBuilder.create().subject("CN=csms.octt.test")
                .keyPair(KeyPairs.ec("secp256r1")).build();
        IssuedCertificate fallback = CertificateBuilder.create().subject("CN=fallback")
                .keyPair(KeyPairs.ec("secp256r1")).build();
        try (OpenSslServer server = OpenSslServer.builder(dir.resolve("sni")).cert(fallback.chainWithoutRoot(), fallback.privateKey())
                .sni("csms.octt.test", named.chainWithoutRoot(), named.privateKey()).start()) {
            ProbeRequest byName = ProbeRequest.of("csms.octt.test", server.port(), TlsVersion.TLS1_2, ECDSA_SUITE)
                    .withConnectAddress(server.address());
            ProbeRequest byAddress = ProbeRequest.of("127.0.0.1", server.port(), TlsVersion.TLS1_2, ECDSA_SUITE);

            assertThat(accepted(probe(byName)).encodedChain().get(0)).isEqualTo(named.certificate().getEncoded());
            assertThat(accepted(probe(byAddress)).encodedChain().get(0))
                    .isEqualTo(fallback.certificate().getEncoded());
        }
    }

    @Test
    void answersLikeOpenSslClientForAcceptedAndRefusedSuites() throws Exception {
        Map<String, String> openSslNames = openSslCipherNames();
        Map<String, ProbeOutcome> probed = new HashMap<>();
        for (String suite : List.of(RSA_SUITE, ECDSA_SUITE, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")) {
            ProbeOutcome outcome = probe(rsaOnly, TlsVersion.TLS1_2, suite);
            SClientResult s = sClient(rsaOnly, openSslNames.get(suite));
            probed.put(suite, outcome);
            if (outcome instanceof ProbeOutcome.Accepted a) {
                assertThat(s.cipher()).as("s_client for " + suite + ": " + s.output())
                        .isEqualTo(openSslNames.get(a.cipherSuite()));
            } else {
                assertThat(s.cipher()).as("s_client for " + suite).isEqualTo("(NONE)");
                assertThat(s.alert()).as("s_client for " + suite + ": " + s.output())
                        .isEqualTo(((ProbeOutcome.Refused) outcome).alertCode());
            }
        }
        assertThat(probed.get(RSA_SUITE)).isInstanceOf(ProbeOutcome.Accepted.class);
        assertThat(probed.get("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")).isInstanceOf(ProbeOutcome.Accepted.class);
        assertThat(probed.get(ECDSA_SUITE)).isInstanceOf(ProbeOutcome.Refused.class);
    }

    @Test
    void recordsHandshakeTimerWithOutcomeProtocolAndSuiteTags() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        TlsProbe metered = PROBE.withMeterRegistry(registry);

        metered.probe(request(dual, List.of(TlsVersion.TLS1_2), List.of(RSA_SUITE))).block(Duration.ofSeconds(20));
        metered.probe(request(rsaOnly, List.of(TlsVersion.TLS1_2), List.of(ECDSA_SUITE))).block(Duration.ofSeconds(20));

        Timer accepted = registry.find(TlsProbe.TIMER_NAME)
                .tags("outcome", "accepted", "protocol", "TLSv1.2", "suite", RSA_SUITE).timer();
        Timer refused = registry.find(TlsProbe.TIMER_NAME)
                .tags("outcome", "refused", "protocol", "TLSv1.2", "suite", ECDSA_SUITE).timer();
        assertThat(accepted).isNotNull();
        assertThat(accepted.count()).isEqualTo(1);
        assertThat(refused).isNotNull();
        assertThat(refused.count()).isEqualTo(1);
        assertThat(refused.totalTime(TimeUnit.NANOSECONDS)).isPositive();
    }

    // ---- openssl s_client ----

    record SClientResult(String cipher, int alert, String output) {
    }

    private static SClientResult sClient(OpenSslServer server, String openSslCipher) throws Exception {
        Process p = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + server.port(),
                "-servername", "localhost", "-tls1_2", "-cipher", openSslCipher)
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        String out;
        try {
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("s_client finished").isTrue();
        } finally {
            p.destroyForcibly();
        }
        Matcher cipher = Pattern.compile("Cipher is (\\S+)").matcher(out);
        Matcher alert = Pattern.compile("SSL alert number (\\d+)").matcher(out);
        return new SClientResult(cipher.find() ? cipher.group(1) : "?", alert.find() ? Integer.parseInt(alert.group(1)) : -1,
                out);
    }

    /** IANA name to OpenSSL name, from {@code openssl ciphers -stdname}. */
    private static Map<String, String> openSslCipherNames() throws Exception {
        Process p = new ProcessBuilder("openssl", "ciphers", "-stdname", "ALL:COMPLEMENTOFALL:@SECLEVEL=0")
                .redirectErrorStream(true).start();
        Map<String, String> names = new HashMap<>();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            for (String line : out.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 2 && "-".equals(f[1])) {
                    names.put(f[0], f[2]);
                }
            }
        } finally {
            p.destroyForcibly();
        }
        return names;
    }
}
