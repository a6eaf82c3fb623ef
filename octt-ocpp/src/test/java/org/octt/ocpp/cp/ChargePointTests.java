package org.octt.ocpp.cp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.KeyMaterial;
import org.octt.core.spi.Secret;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.Target;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Timeouts;
import org.octt.core.spi.Verdict;
import org.octt.ocpp.j.CallAnswer;
import org.octt.ocpp.j.CallOutcome;
import org.octt.ocpp.j.MessageLog;
import org.octt.ocpp.v16.message.BootNotificationRequest;
import org.octt.ocpp.v16.message.BootNotificationResponse;
import org.octt.ocpp.v16.message.RegistrationStatus;
import org.octt.testkit.Fault;
import org.octt.testkit.ReferenceCentralSystem;
import org.octt.testkit.ReferencePki;
import org.octt.testkit.RunningCentralSystem;
import org.octt.tls.pki.IssuedCertificate;
import org.octt.tls.ws.SecureWebSocketClient;
import org.octt.tls.ws.TestPki;
import org.octt.tls.ws.WebSocketOutcome;
import org.octt.tls.ws.WssTestServer;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link ChargePoint#connect} and {@link ChargePointSession} against the reference Central System of
 * octt-testkit (profiles 2 and 3) and a plain ws test server (profile 1).
 */
@Timeout(60)
class ChargePointTests {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static ReferencePki pki;

    @BeforeAll
    static void generatePki() {
        pki = ReferencePki.generate();
    }

    private static RunningCentralSystem start(Fault... faults) {
        return ReferenceCentralSystem.builder().pki(pki).faults(List.of(faults)).build().start();
    }

    private static TestContext.Builder profile2(RunningCentralSystem cs) {
        return TestContext.builder(Target.of(cs.url()).withConnectAddress(cs.connectAddress()))
                .securityProfile(SecurityProfile.TLS_BASIC_AUTH)
                .basicAuthPassword(Secret.of(cs.chargePointPasswordAsString()))
                .trustAnchors(List.of(cs.rootCertificate()))
                .timeouts(Timeouts.DEFAULTS.withNetwork(Duration.ofSeconds(5)));
    }

    private static Connection connect(TestContext context, ConnectOptions options) {
        Connection c = ChargePoint.connect(context, options).block(WAIT);
        assertThat(c).isNotNull();
        return c;
    }

    private static ChargePointSession open(Connection c) {
        assertThat(c).as(c.message()).isInstanceOf(Connection.Open.class);
        return ((Connection.Open) c).session();
    }

    private static BootNotificationRequest boot() {
        return new BootNotificationRequest("octt", "toolkit-test", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void opensAProfile2SessionFromTheContextAndBootsWithATypedCallWhoseAnswerIsValid() {
        try (RunningCentralSystem cs = start()) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            Connection c = connect(profile2(cs).meterRegistry(registry).build(), ConnectOptions.defaults());
            ChargePointSession session = open(c);
            try {
                CallOutcome outcome = session.call(boot()).block(WAIT);

                assertThat(outcome).isInstanceOf(CallOutcome.Result.class);
                CallOutcome.Result r = (CallOutcome.Result) outcome;
                assertThat(r.violations()).isEmpty();
                assertThat(r.payloadAs(BootNotificationResponse::fromJson).status()).isEqualTo(RegistrationStatus.Accepted);
                assertThat(Ocpp16Checks.answered("x.boot", outcome).verdict()).isEqualTo(Verdict.PASSED);
                assertThat(session.upgrade().selectedSubprotocol()).contains("ocpp1.6");
                assertThat(cs.authorizationHeaders()).containsExactly(true);
                assertThat(registry.find(SecureWebSocketClient.UPGRADE_TIMER).tag("outcome", "connected").timer())
                        .isNotNull();
                List<MessageLog.Entry> log = session.log().entries();
                assertThat(log).extracting(MessageLog.Entry::direction).containsExactly(MessageLog.Direction.SENT,
                        MessageLog.Direction.RECEIVED, MessageLog.Direction.SENT, MessageLog.Direction.RECEIVED);
                assertThat(log.get(0).frame()).startsWith("GET /ocpp/CP001 HTTP/1.1\nHost: ")
                        .contains("\nSec-WebSocket-Protocol: ocpp1.6", "\nAuthorization: Basic **** (user CP001)");
                assertThat(log.get(1).frame()).isEqualTo("HTTP/1.1 101 Switching Protocols\nsec-websocket-protocol: ocpp1.6");
                assertThat(log.get(2).frame()).startsWith("[2,\"").contains("\"BootNotification\",{\"chargePointVendor\":\"octt\"");
                assertThat(log.get(3).frame()).startsWith("[3,\"").contains("\"status\":\"Accepted\"");
                assertThat(log.toString()).doesNotContain(cs.chargePointPasswordAsString());
            } finally {
                c.close().block(WAIT);
            }
        }
    }

    @Test
    void namesEachSchemaViolationOfTheCentralSystemsAnswer() {
        try (RunningCentralSystem cs = start(Fault.BOOT_INVALID)) {
            Connection c = connect(profile2(cs).build(), ConnectOptions.defaults());
            try {
                CallOutcome outcome = open(c).call(boot()).block(WAIT);

                assertThat(((CallOutcome.Result) outcome).violations()).extracting(Object::toString)
                        .contains("(root): required property \"currentTime\" is missing");
                CheckResult check = Ocpp16Checks.schemaViolations("x.boot", outcome).orElseThrow();
                assertThat(check.verdict()).isEqualTo(Verdict.FAILED);
                assertThat(check.message()).startsWith("BootNotification.conf breaks the OCPP 1.6 schema: ")
                        .contains("(root): required property \"currentTime\" is missing", "/interval: expected integer");
                assertThat(Ocpp16Checks.answered("x.boot", outcome).message()).isEqualTo(check.message());
            } finally {
                c.close().block(WAIT);
            }
        }
    }

    @Test
    void refusesToSendARequestThatBreaksItsSchemaOrIsNoOcppAction() {
        try (RunningCentralSystem cs = start()) {
            Connection c = connect(profile2(cs).build(), ConnectOptions.defaults());
            try {
                ChargePointSession session = open(c);

                assertThatIllegalArgumentException().isThrownBy(() -> session.call("BootNotification",
                                MAPPER.createObjectNode().put("chargePointVendor", "octt")))
                        .withMessage("octt would send an invalid BootNotification.req: (root): required property"
                                + " \"chargePointModel\" is missing");
                assertThatIllegalArgumentException().isThrownBy(() -> session.call("Hello", MAPPER.createObjectNode()))
                        .withMessage("'Hello' is not an OCPP 1.6 action; to send it on purpose, use sendFrame");
                assertThat(session.log().size()).isEqualTo(2); // the upgrade only: nothing was sent
            } finally {
                c.close().block(WAIT);
            }
        }
    }

    @Test
    void opensASecondSessionWithAnotherPasswordWhichIsRefusedWith401AndLogged() {
        try (RunningCentralSystem cs = start()) {
            TestContext context = profile2(cs).build();
            Connection first = connect(context, ConnectOptions.defaults());
            open(first);
            first.close().block(WAIT);

            Connection second = connect(context, ConnectOptions.defaults().withBasicAuth(Secret.of("not-the-password")));

            assertThat(second).isInstanceOf(Connection.Failed.class);
            assertThat(((Connection.Failed) second).status()).hasValue(401);
            assertThat(second.message()).contains("with 401");
            assertThat(second.log().entries()).extracting(MessageLog.Entry::frame).satisfiesExactly(
                    request -> assertThat(request).contains("Authorization: Basic **** (user CP001)"),
                    answer -> assertThat(answer).startsWith("HTTP/1.1 401 ").contains("www-authenticate: Basic"));
            assertThat(second.log().entries().toString()).doesNotContain("not-the-password");
        }
    }

    @Test
    void sendsNoCredentialsToAServerWhoseChainFailsValidationUnlessInsecure() {
        try (RunningCentralSystem cs = start(Fault.UNTRUSTED)) {
            Connection refused = connect(profile2(cs).build(), ConnectOptions.defaults());

            assertThat(refused).isInstanceOf(Connection.Failed.class);
            assertThat(refused.outcome()).get().isInstanceOf(WebSocketOutcome.TlsFailed.class);
            assertThat(refused.message()).contains("the server certificate was rejected", "no credential was sent");
            assertThat(refused.log().entries()).isEmpty();
            assertThat(cs.authorizationHeaders()).isEmpty();

            Connection insecure = connect(profile2(cs).insecure(true).build(), ConnectOptions.defaults());
            try {
                assertThat(insecure).isInstanceOf(Connection.Open.class);
                assertThat(insecure.outcome().orElseThrow().tls().validationOverridden()).isTrue();
                assertThat(cs.authorizationHeaders()).containsExactly(true);
            } finally {
                insecure.close().block(WAIT);
            }
        }
    }

    @Test
    void offersTheProfile3ClientCertificateAndNoneWhenTold() {
        try (RunningCentralSystem cs = ReferenceCentralSystem.builder().pki(pki).securityProfile(3).build().start()) {
            IssuedCertificate client = cs.issueClientCertificate(cs.chargePointId());
            TestContext context = TestContext.builder(Target.of(cs.url()).withConnectAddress(cs.connectAddress()))
                    .securityProfile(SecurityProfile.TLS_CLIENT_CERTIFICATE)
                    .clientKeyMaterial(KeyMaterial.of(client.chain(), client.privateKey()))
                    .trustAnchors(List.of(cs.rootCertificate()))
                    .timeouts(Timeouts.DEFAULTS.withNetwork(Duration.ofSeconds(5)))
                    .build();

            Connection withCertificate = connect(context, ConnectOptions.defaults());
            open(withCertificate);
            withCertificate.close().block(WAIT);
            Connection without = connect(context, ConnectOptions.defaults().withoutClientCertificate());

            assertThat(withCertificate.log().entries().get(0).frame())
                    .contains("(client certificate offered: ").doesNotContain("Authorization");
            assertThat(without).isInstanceOf(Connection.Failed.class);
            assertThat(cs.handshakes()).anyMatch(h -> h.clientCertificate());
        }
    }

    @Test
    void attemptsNothingWhenTheConfigurationDoesNotAllowAConnection() {
        TestContext noPassword = TestContext.builder(Target.parse("wss://csms.example.com/ocpp/CP001"))
                .securityProfile(SecurityProfile.TLS_BASIC_AUTH).build();
        TestContext plainProfile2 = TestContext.builder(Target.parse("ws://csms.example.com/ocpp/CP001"))
                .securityProfile(SecurityProfile.TLS_BASIC_AUTH).basicAuthPassword(Secret.of("s3cret-s3cret")).build();
        TestContext noCertificate = TestContext.builder(Target.parse("wss://csms.example.com/ocpp/CP001"))
                .securityProfile(SecurityProfile.TLS_CLIENT_CERTIFICATE).build();
        TestContext noId = TestContext.builder(Target.parse("wss://csms.example.com/"))
                .basicAuthPassword(Secret.of("s3cret-s3cret")).build();

        Connection none = connect(noPassword, ConnectOptions.defaults());
        assertThat(none).isInstanceOf(Connection.NotAttempted.class);
        assertThat(none.message()).isEqualTo("security profile 2 needs the Basic auth password, and none is configured");
        assertThat(none.outcome()).isEmpty();
        assertThat(connect(plainProfile2, ConnectOptions.defaults()).message()).isEqualTo("security profile 2 needs"
                + " a wss:// URL; ws:// (no TLS) is only for security profile 1, was: ws://csms.example.com/ocpp/CP001");
        assertThat(connect(noCertificate, ConnectOptions.defaults()).message())
                .isEqualTo("security profile 3 needs a client certificate and key, and none is configured");
        assertThat(connect(noId, ConnectOptions.defaults()).message())
                .isEqualTo("the URL has no ChargePointId as its last path segment: wss://csms.example.com/");
    }

    @Test
    void opensAProfile1SessionOverPlainWsWithBasicAuthAsTheChargePointId() {
        try (WssTestServer server = WssTestServer.startPlain(WssTestServer.Config.of(TestPki.shared().server)
                .withPassword("profile-1-password"))) {
            TestContext context = TestContext.builder(Target.parse("ws://127.0.0.1:" + server.port() + "/ocpp/CP001"))
                    .securityProfile(SecurityProfile.UNSECURED_BASIC_AUTH)
                    .basicAuthPassword(Secret.of("profile-1-password")).build();

            Connection c = connect(context, ConnectOptions.defaults());
            try {
                assertThat(open(c).upgrade().tlsProtocol()).isEmpty();
                assertThat(server.requests).singleElement().satisfies(r -> {
                    assertThat(r.header("authorization")).contains("Basic "
                            + Base64.getEncoder().encodeToString("CP001:profile-1-password".getBytes()));
                    assertThat(r.header("sec-websocket-protocol")).contains("ocpp1.6");
                });
            } finally {
                c.close().block(WAIT);
            }
        }
    }

    @Test
    void offersTheSubprotocolsItIsToldInOrder() {
        try (RunningCentralSystem cs = start()) {
            Connection c = connect(profile2(cs).build(), ConnectOptions.defaults().withSubprotocols("ocpp0.1", "ocpp1.6"));
            try {
                assertThat(c.outcome().orElseThrow()).isInstanceOfSatisfying(WebSocketOutcome.Connected.class, o -> {
                    assertThat(o.requestedSubprotocol()).contains("ocpp0.1,ocpp1.6");
                    assertThat(o.selectedSubprotocol()).contains("ocpp1.6");
                });
                assertThat(c.log().entries().get(0).frame()).contains("Sec-WebSocket-Protocol: ocpp0.1,ocpp1.6");
            } finally {
                c.close().block(WAIT);
            }
        }
        assertThatIllegalArgumentException().isThrownBy(() -> ConnectOptions.defaults().withSubprotocols("a,b"))
                .withMessage("a subprotocol must be one non-blank token, was: 'a,b'");
    }

    @Test
    void waitsForTheCentralSystemsCallAndAnswersItWithTheTestCasesAnswer() {
        try (RunningCentralSystem cs = start(Fault.SENDS_CALL_FIRST)) {
            Connection c = connect(profile2(cs).build(), ConnectOptions.defaults());
            try {
                ChargePointSession session = open(c);
                var conf = MAPPER.createObjectNode();
                conf.putArray("configurationKey").addObject().put("key", "HeartbeatInterval").put("readonly", true)
                        .put("value", "60");
                CallAnswer mine = CallAnswer.result(conf);
                Mono<ExpectedCall> expected = session.expectCall("GetConfiguration", Duration.ofSeconds(10), call -> mine)
                        .cache();
                expected.subscribe();

                CallOutcome boot = session.call(boot()).block(WAIT);
                ExpectedCall call = expected.block(WAIT);

                assertThat(boot).isInstanceOf(CallOutcome.Result.class);
                assertThat(call).isInstanceOfSatisfying(ExpectedCall.Received.class, r -> {
                    assertThat(r.call().action()).isEqualTo("GetConfiguration");
                    assertThat(r.answer()).isEqualTo(mine);
                    assertThat(r.violations()).isEmpty();
                });
                assertThat(session.answeredCalls()).singleElement().satisfies(a -> assertThat(a.answer()).isEqualTo(mine));
            } finally {
                c.close().block(WAIT);
            }
        }
    }

    @Test
    void reportsACallThatDoesNotComeAsTimedOutOnTheContextsScheduler() {
        try (RunningCentralSystem cs = start()) {
            VirtualTimeScheduler virtual = VirtualTimeScheduler.create();
            Connection c = connect(profile2(cs).scheduler(virtual).build(), ConnectOptions.defaults());
            try {
                Mono<ExpectedCall> reset = open(c).expectCall("Reset", Duration.ofHours(1)).cache();
                reset.subscribe();
                virtual.advanceTimeBy(Duration.ofHours(1));

                assertThat(reset.block(WAIT)).isEqualTo(new ExpectedCall.TimedOut("Reset", Duration.ofHours(1)));
                assertThat(reset.block(WAIT).message()).isEqualTo("the Central System sent no Reset.req within 1h");
            } finally {
                c.close().block(WAIT);
            }
        }
    }

    @Test
    void splitsTheUrlIntoEndpointAndChargePointId() {
        assertThat(ChargePoint.endpoint(URI.create("wss://csms.example.com:8443/ocpp/CP001")))
                .isEqualTo(URI.create("wss://csms.example.com:8443/ocpp"));
        assertThat(ChargePoint.endpoint(URI.create("wss://csms.example.com/ocpp/CP001/?x=1")))
                .isEqualTo(URI.create("wss://csms.example.com/ocpp"));
        assertThat(ChargePoint.endpoint(URI.create("ws://[::1]:9000/CP001")))
                .isEqualTo(URI.create("ws://[::1]:9000"));
    }
}
