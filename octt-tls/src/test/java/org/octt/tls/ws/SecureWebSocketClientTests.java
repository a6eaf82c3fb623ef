package org.octt.tls.ws;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.handler.ssl.ClientAuth;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@Timeout(30)
class SecureWebSocketClientTests {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String PASSWORD = "0123456789abcdef-secret";

    private static TestPki pki;

    @BeforeAll
    static void createPki() {
        pki = TestPki.shared();
    }

    private static SecureWebSocketClient trustingClient() {
        return SecureWebSocketClient.create()
                .withServerCertificatePolicy(ServerCertificatePolicy.trustAnchors(List.of(pki.serverRoot.certificate())))
                .withTimeouts(WebSocketTimeouts.of(Duration.ofSeconds(5)));
    }

    private static WebSocketRequest request(WssTestServer server) {
        return WebSocketRequest.to(URI.create("wss://localhost:" + server.port() + "/ocpp"), "CP001")
                .withSubprotocol("ocpp1.6");
    }

    private static WebSocketOutcome connect(SecureWebSocketClient client, WebSocketRequest request) {
        WebSocketOutcome outcome = client.connect(request).block(WAIT);
        assertThat(outcome).isNotNull();
        if (outcome instanceof WebSocketOutcome.Connected c) {
            assertThat(c.session().close(Duration.ofSeconds(2)).block(WAIT)).isNotNull();
        }
        return outcome;
    }

    @Test
    void connectsAndReportsSelectedSubprotocolTlsAndChain() {
        try (WssTestServer server = WssTestServer.start(WssTestServer.Config.of(pki.server))) {
            WebSocketOutcome outcome = connect(trustingClient(), request(server));

            assertThat(outcome).isInstanceOf(WebSocketOutcome.Connected.class);
            WebSocketOutcome.Connected c = (WebSocketOutcome.Connected) outcome;
            assertThat(c.selectedSubprotocol()).contains("ocpp1.6");
            assertThat(c.subprotocolAgreed()).isTrue();
            assertThat(c.tlsProtocol()).isIn("TLSv1.3", "TLSv1.2");
            assertThat(c.cipherSuite()).startsWith("TLS_");
            assertThat(c.tls().serverChain()).first().isEqualTo(pki.server.certificate());
            assertThat(c.tls().policyRejection()).isEmpty();
            assertThat(c.responseHeaders()).containsKey("sec-websocket-accept");
            assertThat(c.message()).contains("subprotocol ocpp1.6 selected");
            assertThat(server.requests).singleElement().satisfies(r -> {
                assertThat(r.path()).isEqualTo("ocpp/CP001");
                assertThat(r.header("sec-websocket-protocol")).contains("ocpp1.6");
                assertThat(r.header("authorization")).isEmpty();
            });
        }
    }

    @Test
    void connectsOverPlainWsWithoutTlsAndSendsBasicAuthForSecurityProfile1() {
        try (WssTestServer server = WssTestServer.startPlain(WssTestServer.Config.of(pki.server).withPassword(PASSWORD))) {
            WebSocketOutcome outcome = connect(SecureWebSocketClient.create(),
                    WebSocketRequest.to(URI.create("ws://127.0.0.1:" + server.port() + "/ocpp"), "CP001")
                            .withSubprotocol("ocpp1.6").withBasicAuth(PASSWORD.toCharArray()));

            assertThat(outcome).isInstanceOf(WebSocketOutcome.Connected.class);
            WebSocketOutcome.Connected c = (WebSocketOutcome.Connected) outcome;
            assertThat(c.tlsProtocol()).isEmpty();
            assertThat(c.tls().serverChain()).isEmpty();
            assertThat(c.selectedSubprotocol()).contains("ocpp1.6");
            assertThat(c.message()).startsWith("WebSocket open at ws://127.0.0.1:" + server.port() + "/ocpp/CP001 (no TLS)");
            assertThat(server.requests).singleElement().satisfies(r -> assertThat(r.header("authorization"))
                    .contains("Basic " + java.util.Base64.getEncoder().encodeToString(("CP001:" + PASSWORD).getBytes())));
        }
    }

    @Test
    void offersSeveralSubprotocolsAndAgreesOnTheOneTheServerSelects() {
        try (WssTestServer server = WssTestServer.start(WssTestServer.Config.of(pki.server))) {
            WebSocketOutcome outcome = connect(trustingClient(),
                    request(server).withSubprotocols(List.of("ocpp0.1", "ocpp1.6")));

            WebSocketOutcome.Connected c = (WebSocketOutcome.Connected) outcome;
            assertThat(c.requestedSubprotocol()).contains("ocpp0.1,ocpp1.6");
            assertThat(c.selectedSubprotocol()).contains("ocpp1.6");
            assertThat(c.subprotocolAgreed()).isTrue();
            assertThat(c.message()).contains("subprotocol ocpp1.6 selected (offered ocpp0.1,ocpp1.6)");
            assertThat(server.requests).singleElement().satisfies(r ->
                    assertThat(r.header("sec-websocket-protocol")).contains("ocpp0.1,ocpp1.6"));
        }
    }

    @Test
    void offersOnlyAnUnknownSubprotocolAndReportsThatTheServerSelectedNone() {
        try (WssTestServer server = WssTestServer.start(WssTestServer.Config.of(pki.server))) {
            WebSocketOutcome outcome = connect(trustingClient(), request(server).withSubprotocol("ocpp0.1"));

            WebSocketOutcome.Connected c = (WebSocketOutcome.Connected) outcome;
            assertThat(c.selectedSubprotocol()).isEmpty();
            assertThat(c.subprotocolAgreed()).isFalse();
            assertThat(c.message()).contains("the server selected no subprotocol (offered ocpp0.1)");
        }
    }

    @Test
    void sendsBasicAuthAsAnotherUserWhenTold() {
        try (WssTestServer server = WssTestServer.start(WssTestServer.Config.of(pki.ecServer).withPassword(PASSWORD))) {
            WebSocketOutcome outcome = connect(trustingClient(),
                    request(server).withBasicAuth("CP999", PASSWORD.toCharArray()));

            assertThat(outcome).isInstanceOf(WebSocketOutcome.Rejected.class);
            assertThat(((WebSocketOutcome.Rejected) outcome).status()).isEqualTo(401);
            assertThat(server.requests).singleElement().satisfies(r -> assertThat(r.header("authorization"))
                    .contains("Basic " + java.util.Base64.getEncoder().encodeToString(("CP999:" + PASSWORD).getBytes())));
        }
    }

    @Test
    void reportsServerSelectingNoSubprotocolAsFindingNotFailure() {
        try (WssTestServer server = WssTestServer.start(WssTestServer.Config.of(pki.server)
                .withSubprotocol(Optional.empty()))) {
            WebSocketOutcome outcome = connect(trustingClient(), request(server));

            assertThat(outcome).isInstanceOf(WebSocketOutcome.Connected.class);
            WebSocketOutcome.Connected c = (WebSocketOutcome.Connected) outcome;
            assertThat(c.requestedSubprotocol()).contains("ocpp1.6");
            assertThat(c.selectedSubprotocol()).isEmpty();
            assertThat(c.subprotocolAgreed()).isFalse();
            assertThat(c.message()).contains("the server selected no subprotocol (offered ocpp1.6)");
        }
    }

    @Test
    void reportsServerSelectingAnotherSubprotocolAsFindingNotFailure() {
        try (WssTestServer server = WssTestServer.start(WssTestServer.Config.of(pki.server)
                .withForcedSubprotocolHeader("ocpp2.0.1"))) {
            WebSocketOutcome outcome = connect(trustingClient(), request(server));

            assertThat(outcome).isInstanceOf(WebSocketOutcome.Connected.class);
            WebSocketOutcome.Connected c = (WebSocketOutcome.Connected) outcome;
            assertThat(c.selectedSubprotocol()).contains("ocpp2.0.1");
            assertThat(c.responseHeaders().get("sec-websocket-protocol")).containsExactly("ocpp2.0.1");
            assertThat(c.subprotocolAgreed()).isFalse();
            assertThat(c.message()).contains("the server selected subprotocol 'ocpp2.0.1' (offered ocpp1.6)");
        }
    }

    @Test
    void connectsWithBasicAuthOfChargePointIdAndPassword() {
        try (WssTestServer server = WssTestServer.start(WssTestServer.Config.of(pki.ecServer).withPassword(PASSWORD))) {
            WebSocketOutcome outcome = connect(trustingClient(),
                    request(server).withBasicAuth(PASSWORD.toCharArray()));

            assertThat(outcome).isInstanceOf(WebSocketOutcome.Connected.class);
            assertThat(server.requests).singleElement().satisfies(r -> assertThat(r.header("authorization"))
                    .contains("Basic " + Base64.getEncoder().encodeToString(
                            ("CP001:" + PASSWORD).getBytes(StandardCharsets.UTF_8))));
            assertThat(outcome.toString()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void reportsRejectedWithStatusAndWwwAuthenticateForWrongPassword() {
        try (WssTestServer server = WssTestServer.start(WssTestServer.Config.of(pki.server).withPassword(PASSWORD))) {
            WebSocketOutcome outcome = connect(trustingClient(),
                    request(server).withBasicAuth("wrong-password-0123".toCharArray()));

            assertThat(outcome).isInstanceOf(WebSocketOutcome.Rejected.class);
            WebSocketOutcome.Rejected r = (WebSocketOutcome.Rejected) outcome;
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.reasonPhrase()).isEqualTo("Unauthorized");
            assertThat(r.wwwAuthenticate()).contains("Basic realm=\"octt-test\"");
            assertThat(r.message()).contains("401 Unauthorized instead of 101 Switching Protocols")
                    .contains("WWW-Authenticate: Basic realm=\"octt-test\"")
                    .doesNotContain("wrong-password-0123");
            assertThat(r.tls().serverChain()).first().isEqualTo(pki.server.certificate());
        }
    }

    @Test
    void connectsWithClientCertificateWhenServerRequiresOne() {
        try (WssTestServer server = WssTestServer.start(WssTestServer.Config.of(pki.server)
                .withClientAuth(ClientAuth.REQUIRE, pki.clientRoot.certificate()))) {
            WebSocketOutcome outcome = connect(trustingClient(), request(server)
                    .withClientKeyMaterial(new ClientKeyMaterial(pki.client.chainWithoutRoot(), pki.client.privateKey())));

            assertThat(outcome).isInstanceOf(WebSocketOutcome.Connected.class);
            assertThat(server.requests).singleElement().satisfies(r ->
                    assertThat(r.clientChain()).first().isEqualTo(pki.client.certificate()));
        }
    }

    @Test
    void reportsClearFailureWhenServerRequiresClientCertificateAndNoneIsConfigured() {
        try (WssTestServer server = WssTestServer.start(WssTestServer.Config.of(pki.server)
                .withClientAuth(ClientAuth.REQUIRE, pki.clientRoot.certificate()))) {
            WebSocketOutcome outcome = connect(trustingClient(), request(server));

            assertThat(outcome).isInstanceOfAny(WebSocketOutcome.TlsFailed.class, WebSocketOutcome.TransportFailed.class);
            assertThat(outcome.message()).contains("localhost:" + server.port())
                    .contains("no client certificate was configured");
            assertThat(server.requests).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void abortsHandshakeWithoutSendingCredentialsWhenPolicyRejectsServerCertificate(String protocol) {
        try (WssTestServer server = WssTestServer.start(WssTestServer.Config.of(pki.server)
                .withTlsProtocols(protocol)
                .withClientAuth(ClientAuth.OPTIONAL, pki.clientRoot.certificate()))) {
            SecureWebSocketClient client = SecureWebSocketClient.create()
                    .withServerCertificatePolicy(ServerCertificatePolicy.trustAnchors(List.of(pki.strangerRoot.certificate())));
            WebSocketOutcome outcome = connect(client, request(server)
                    .withBasicAuth(PASSWORD.toCharArray())
                    .withClientKeyMaterial(new ClientKeyMaterial(pki.client.chainWithoutRoot(), pki.client.privateKey())));

            assertThat(outcome).isInstanceOf(WebSocketOutcome.TlsFailed.class);
            assertThat(outcome.tls().serverChain()).first().isEqualTo(pki.server.certificate());
            assertThat(outcome.tls().policyRejection()).hasValueSatisfying(reason ->
                    assertThat(reason).contains("no trust anchor for"));
            assertThat(outcome.tls().validationOverridden()).isFalse();
            assertThat(outcome.message()).contains("server certificate was rejected").contains("no credential was sent");
            assertThat(server.requests).as("HTTP requests the server received").isEmpty();
            assertThat(server.clientChainsOffered).as("client certificates the server received").isEmpty();

            // Control: the same request to the same server, with its certificate accepted, delivers both.
            WebSocketOutcome accepted = connect(trustingClient(), request(server)
                    .withBasicAuth(PASSWORD.toCharArray())
                    .withClientKeyMaterial(new ClientKeyMaterial(pki.client.chainWithoutRoot(), pki.client.privateKey())));
            assertThat(accepted).isInstanceOf(WebSocketOutcome.Connected.class);
            assertThat(((WebSocketOutcome.Connected) accepted).tlsProtocol()).isEqualTo(protocol);
            assertThat(server.requests).singleElement().satisfies(r -> assertThat(r.header("authorization")).isPresent());
            assertThat(server.clientChainsOffered).singleElement().satisfies(c ->
                    assertThat(c).first().isEqualTo(pki.client.certificate()));
        }
    }

    @Test
    void insecureConnectsDespiteRejectedCertificateAndRecordsTheOverride() {
        try (WssTestServer server = WssTestServer.start(WssTestServer.Config.of(pki.server))) {
            SecureWebSocketClient client = SecureWebSocketClient.create()
                    .withServerCertificatePolicy(ServerCertificatePolicy.trustAnchors(List.of(pki.strangerRoot.certificate())))
                    .withInsecure(true);
            WebSocketOutcome outcome = connect(client, request(server));

            assertThat(outcome).isInstanceOf(WebSocketOutcome.Connected.class);
            assertThat(outcome.tls().validationOverridden()).isTrue();
            assertThat(outcome.tls().policyRejection()).hasValueSatisfying(r -> assertThat(r).contains("no trust anchor for"));
            assertThat(outcome.message()).contains("INSECURE: the server certificate was rejected");
        }
    }

    @Test
    void rejectsCertificateForAnotherHost() {
        try (WssTestServer server = WssTestServer.start(WssTestServer.Config.of(pki.server))) {
            WebSocketRequest req = WebSocketRequest.to(URI.create("wss://other.octt.test:" + server.port() + "/ocpp"), "CP001")
                    .withConnectAddress(new InetSocketAddress("127.0.0.1", server.port()));
            WebSocketOutcome outcome = connect(trustingClient(), req);

            assertThat(outcome).isInstanceOf(WebSocketOutcome.TlsFailed.class);
            assertThat(outcome.tls().policyRejection()).hasValueSatisfying(r ->
                    assertThat(r).contains("does not name the host other.octt.test").contains("csms.octt.test"));
        }
    }

    @Test
    void rejectsACertificateWithoutTheIpv6LiteralOfTheUrlAdvisingADnsNameAndResolve() {
        assumeTrue(ipv6Loopback(), "no IPv6 loopback (::1) on this machine");
        try (WssTestServer server = WssTestServer.startOn("::1", WssTestServer.Config.of(pki.server))) {
            WebSocketRequest req = WebSocketRequest.to(URI.create("wss://[0:0:0:0:0:0:0:1]:" + server.port() + "/ocpp"), "CP001");
            WebSocketOutcome outcome = connect(trustingClient(), req);

            assertThat(outcome).isInstanceOf(WebSocketOutcome.TlsFailed.class);
            assertThat(outcome.tls().policyRejection()).contains("the server certificate does not name the host ::1:"
                    + " it names subjectAltName [csms.octt.test, localhost] [127.0.0.1]; use the Central System's DNS"
                    + " name in the URL (wss://<name>/...) and the resolve override <name>:<port>:[::1] to reach this address"
                    + " without DNS");
            assertThat(outcome.message()).startsWith("TLS handshake with [::1]:" + server.port() + " aborted")
                    .doesNotContain("0:0:0:0");
        }
    }

    @Test
    void namesAnIpv6ConnectAddressInBracketsAndShortForm() throws Exception {
        WebSocketRequest req = WebSocketRequest.to(URI.create("wss://csms.octt.test:8443/ocpp"), "CP001")
                .withConnectAddress(new InetSocketAddress(java.net.InetAddress.getByName("0:0:0:0:0:0:0:1"), 8443));

        assertThat(req.toString()).contains(", connect to [::1]:8443,");
    }

    private static boolean ipv6Loopback() {
        try (java.net.ServerSocket s = new java.net.ServerSocket()) {
            s.bind(new InetSocketAddress(java.net.InetAddress.getByName("::1"), 0));
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @Test
    void connectsToGivenAddressKeepingUrlHostForSniAndHostHeader() {
        try (WssTestServer server = WssTestServer.start(WssTestServer.Config.of(pki.server))) {
            WebSocketRequest req = WebSocketRequest.to(URI.create("wss://" + TestPki.HOST + ":" + server.port() + "/ocpp"), "CP001")
                    .withConnectAddress(new InetSocketAddress("127.0.0.1", server.port()));
            WebSocketOutcome outcome = connect(trustingClient(), req);

            assertThat(outcome).isInstanceOf(WebSocketOutcome.Connected.class);
            assertThat(server.requests).singleElement().satisfies(r -> {
                assertThat(r.sniNames()).containsExactly(TestPki.HOST);
                assertThat(r.header("host")).contains(TestPki.HOST + ":" + server.port());
            });
        }
    }

    @Test
    void timesOutUpgradeWhenServerNeverAnswersHttp() {
        try (WssTestServer server = WssTestServer.start(WssTestServer.Config.of(pki.server).neverAnsweringHttp())) {
            SecureWebSocketClient client = trustingClient()
                    .withTimeouts(WebSocketTimeouts.of(Duration.ofSeconds(5)).withUpgrade(Duration.ofMillis(500)));
            WebSocketOutcome outcome = connect(client, request(server));

            assertThat(outcome).isInstanceOf(WebSocketOutcome.TimedOut.class);
            WebSocketOutcome.TimedOut t = (WebSocketOutcome.TimedOut) outcome;
            assertThat(t.phase()).isEqualTo(WebSocketOutcome.Phase.UPGRADE);
            assertThat(t.timeout()).isEqualTo(Duration.ofMillis(500));
            assertThat(t.elapsed()).isLessThan(Duration.ofSeconds(4));
            assertThat(t.message()).contains("no answer to the WebSocket upgrade request").contains("within 500ms");
            assertThat(server.requests).hasSize(1);
        }
    }

    @Test
    void timesOutHandshakeWhenServerNeverAnswersClientHello() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            SecureWebSocketClient client = trustingClient()
                    .withTimeouts(WebSocketTimeouts.of(Duration.ofSeconds(5)).withHandshake(Duration.ofMillis(500)));
            WebSocketOutcome outcome = connect(client,
                    WebSocketRequest.to(URI.create("wss://127.0.0.1:" + silent.getLocalPort() + "/ocpp"), "CP001"));

            assertThat(outcome).isInstanceOf(WebSocketOutcome.TimedOut.class);
            assertThat(((WebSocketOutcome.TimedOut) outcome).phase()).isEqualTo(WebSocketOutcome.Phase.HANDSHAKE);
            assertThat(outcome.message()).contains("TLS handshake").contains("did not finish within 500ms");
        }
    }

    @Test
    void reportsConnectionRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        WebSocketOutcome outcome = connect(trustingClient(),
                WebSocketRequest.to(URI.create("wss://127.0.0.1:" + port + "/ocpp"), "CP001"));

        assertThat(outcome).isInstanceOf(WebSocketOutcome.TransportFailed.class);
        assertThat(((WebSocketOutcome.TransportFailed) outcome).kind())
                .isEqualTo(WebSocketOutcome.TransportFailure.CONNECTION_REFUSED);
        assertThat(outcome.message()).contains("connection to 127.0.0.1:" + port + " refused");
    }

    @Test
    void recordsUpgradeTimerWithOutcomeTagInGivenRegistry() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (WssTestServer server = WssTestServer.start(WssTestServer.Config.of(pki.server).withPassword(PASSWORD))) {
            SecureWebSocketClient client = trustingClient().withMeterRegistry(registry);
            connect(client, request(server).withBasicAuth(PASSWORD.toCharArray()));
            connect(client, request(server));
        }
        assertThat(registry.get(SecureWebSocketClient.UPGRADE_TIMER).tag("outcome", "connected").timer().count())
                .isEqualTo(1);
        assertThat(registry.get(SecureWebSocketClient.UPGRADE_TIMER).tag("outcome", "rejected").timer().count())
                .isEqualTo(1);
    }
}
