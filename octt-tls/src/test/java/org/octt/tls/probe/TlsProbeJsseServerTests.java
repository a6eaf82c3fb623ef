package org.octt.tls.probe;

import io.netty.handler.ssl.ClientAuth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.octt.tls.pki.IssuedCertificate;
import org.octt.tls.ws.TestPki;
import org.octt.tls.ws.WssTestServer;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Probes against an in-process JSSE server (Reactor Netty with the JDK's TLS, as the reference Central
 * System uses). Unlike OpenSSL, JSSE picks the first version of the client's supported_versions it
 * supports, so the probe's version order matters.
 */
@Timeout(60)
class TlsProbeJsseServerTests {

    private static final TlsProbe PROBE = TlsProbe.create().withHandshakeTimeout(Duration.ofSeconds(5));
    private static final String TLS12_SUITE = "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256";
    private static final String TLS13_SUITE = "TLS_AES_128_GCM_SHA256";

    private static final TestPki PKI = TestPki.shared();

    private static ProbeRequest request(WssTestServer server, List<TlsVersion> versions) {
        return ProbeRequest.of("localhost", server.port(), versions, List.of(TLS12_SUITE, TLS13_SUITE))
                .withConnectAddress(new InetSocketAddress("127.0.0.1", server.port()));
    }

    private static ProbeOutcome probe(ProbeRequest request) {
        return PROBE.probe(request).block(Duration.ofSeconds(20));
    }

    private static ProbeOutcome.Accepted accepted(ProbeOutcome outcome) {
        assertThat(outcome).as(outcome.message()).isInstanceOf(ProbeOutcome.Accepted.class);
        return (ProbeOutcome.Accepted) outcome;
    }

    private static ProbeOutcome.Refused refused(ProbeOutcome outcome) {
        assertThat(outcome).as(outcome.message()).isInstanceOf(ProbeOutcome.Refused.class);
        return (ProbeOutcome.Refused) outcome;
    }

    private static WssTestServer requiringClientCertificate() {
        return WssTestServer.start(WssTestServer.Config.of(PKI.server)
                .withClientAuth(ClientAuth.REQUIRE, PKI.clientRoot.certificate()));
    }

    @ParameterizedTest
    @CsvSource({"TLS1_2, TLS1_3", "TLS1_3, TLS1_2"})
    void negotiatesTls13WhenOfferingTls12AndTls13(TlsVersion first, TlsVersion second) {
        try (WssTestServer server = WssTestServer.start(WssTestServer.Config.of(PKI.server))) {
            ProbeOutcome.Accepted a = accepted(probe(request(server, List.of(first, second))));

            assertThat(a.version()).isEqualTo(TlsVersion.TLS1_3);
            assertThat(a.cipherSuite()).isEqualTo(TLS13_SUITE);
        }
    }

    @ParameterizedTest
    @CsvSource({"TLS1_2", "TLS1_3"})
    void presentsClientCertificateTheServerValidates(TlsVersion version) {
        IssuedCertificate client = PKI.client;
        try (WssTestServer server = requiringClientCertificate()) {
            ProbeOutcome.Accepted a = accepted(probe(request(server, List.of(version))
                    .withClientCertificate(client.chainWithoutRoot(), client.privateKey())));

            assertThat(a.version()).isEqualTo(version);
            assertThat(server.clientChainsOffered).hasSize(1);
            assertThat(server.clientChainsOffered.get(0).get(0)).isEqualTo(client.certificate());
        }
    }

    @Test
    void refusesTls12WithoutClientCertificate() {
        try (WssTestServer server = requiringClientCertificate()) {
            ProbeOutcome.Refused r = refused(probe(request(server, List.of(TlsVersion.TLS1_2))));

            // JDK 17's JSSE answers bad_certificate, JDK 25's handshake_failure
            assertThat(r.alert()).isIn("bad_certificate(42)", "handshake_failure(40)");
            assertThat(r.message()).endsWith("; it asked for a client certificate and none was configured,"
                    + " so the probe sent an empty Certificate");
            assertThat(server.clientChainsOffered).isEmpty();
        }
    }

    @Test
    void refusesTls13WithoutClientCertificate() {
        try (WssTestServer server = requiringClientCertificate()) {
            ProbeOutcome.Refused r = refused(probe(request(server, List.of(TlsVersion.TLS1_3))));

            // JDK 17's JSSE answers bad_certificate, JDK 25's certificate_required (RFC 8446)
            assertThat(r.alert()).isIn("bad_certificate(42)", "certificate_required(116)");
            assertThat(r.level()).isEqualTo("fatal");
            assertThat(r.message()).contains("refused the handshake with fatal alert " + r.alert())
                    .endsWith("; it asked for a client certificate and none was configured,"
                            + " so the probe sent an empty Certificate");
        }
    }

    @Test
    void refusesTls13ClientCertificateFromAnotherCa() {
        IssuedCertificate stranger = org.octt.tls.pki.CertificateBuilder.create().subject("CN=CP999")
                .keyPair(org.octt.tls.pki.KeyPairs.ec("secp256r1")).issuer(PKI.strangerRoot).build();
        try (WssTestServer server = requiringClientCertificate()) {
            ProbeOutcome.Refused r = refused(probe(request(server, List.of(TlsVersion.TLS1_3))
                    .withClientCertificate(stranger.chainWithoutRoot(), stranger.privateKey())));

            assertThat(r.alert()).isEqualTo("certificate_unknown(46)");
            assertThat(r.message()).endsWith("the probe sent client certificate CN=CP999"
                    + " (EC key on secp256r1, signing with ecdsa_secp256r1_sha256)");
            assertThat(server.clientChainsOffered).hasSize(1);
        }
    }
}
