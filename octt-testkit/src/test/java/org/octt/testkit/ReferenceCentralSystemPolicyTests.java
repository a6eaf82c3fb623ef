package org.octt.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.ssl.SslContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.Disposable;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.octt.testkit.TestSupport.PKI;
import static org.octt.testkit.TestSupport.answeringCalls;
import static org.octt.testkit.TestSupport.basic;
import static org.octt.testkit.TestSupport.bootNotification;
import static org.octt.testkit.TestSupport.converse;
import static org.octt.testkit.TestSupport.exchange;
import static org.octt.testkit.TestSupport.jdkTls;
import static org.octt.testkit.TestSupport.statusNotification;

/**
 * Each policy of {@link ReferenceCentralSystem.Builder} seen by a Reactor Netty WebSocket client on
 * the JDK's TLS: auth, subprotocol, client certificate, answers by action and per session, and the
 * Central System's own CALLs, scheduled or sent by the test.
 */
@Timeout(30)
class ReferenceCentralSystemPolicyTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final ReferencePki OTHER_PKI = ReferencePki.generate();

    private static ReferenceCentralSystem.Builder config() {
        return ReferenceCentralSystem.builder().pki(PKI);
    }

    private static SslContext tls(RunningCentralSystem cs) throws Exception {
        return jdkTls(cs.rootCertificate(), Optional.empty());
    }

    private static Optional<String> handedOut(RunningCentralSystem cs) {
        return Optional.of(basic(cs.chargePointId(), cs.chargePointPasswordAsString()));
    }

    private static int upgradeStatus(RunningCentralSystem cs, Optional<String> authorization) throws Exception {
        try {
            exchange(cs, tls(cs), authorization, List.of(bootNotification("b")), 1, WAIT);
            return 101;
        } catch (WebSocketClientHandshakeException e) {
            return e.response().status().code();
        }
    }

    private static JsonNode json(String frame) throws Exception {
        return JSON.readTree(frame);
    }

    // ---------------------------------------------------------------- auth

    @Test
    void acceptsAnAddedPasswordAndRefusesTheHandedOutOneWhenTheAuthPolicyDropsIt() throws Exception {
        try (RunningCentralSystem cs = config().auth(AuthPolicy.handedOut().withoutHandedOutPassword()
                .accepting("CP001", "another-secret-42")).build().start()) {
            assertThat(upgradeStatus(cs, Optional.of(basic("CP001", "another-secret-42")))).isEqualTo(101);
            assertThat(upgradeStatus(cs, handedOut(cs))).isEqualTo(401);
            assertThat(cs.bootNotificationCount()).isEqualTo(1);
            assertThat(cs.toString()).doesNotContain("another-secret-42");
        }
    }

    @Test
    void locksTheAccountAfterTheGivenNumberOfFailuresEvenForTheRightPassword() throws Exception {
        try (RunningCentralSystem cs = config().auth(AuthPolicy.handedOut().lockingAfter(2)).build().start()) {
            Optional<String> wrong = Optional.of(basic("CP001", "wrong-password"));

            assertThat(upgradeStatus(cs, wrong)).isEqualTo(401);
            assertThat(upgradeStatus(cs, handedOut(cs))).as("one failure: not locked yet").isEqualTo(101);
            assertThat(upgradeStatus(cs, Optional.empty())).isEqualTo(401);
            assertThat(upgradeStatus(cs, handedOut(cs))).as("two failures: locked").isEqualTo(401);
            assertThat(cs.bootNotificationCount()).isEqualTo(1);
        }
    }

    @Test
    void acceptsAnyRequestWithTheOpenAuthPolicy() throws Exception {
        try (RunningCentralSystem cs = config().auth(AuthPolicy.open()).build().start()) {
            assertThat(upgradeStatus(cs, Optional.empty())).isEqualTo(101);
            assertThat(cs.authorizationHeaders()).containsExactly(false);
        }
    }

    @Test
    void upgradesWithoutCredentialsButStillRefusesWrongOnesWhenAcceptingMissingCredentials() throws Exception {
        assertThat(config().faults(Fault.NO_AUTH_ACCEPTED).build().auth().acceptsMissingCredentials()).isTrue();
        try (RunningCentralSystem cs = config().faults(Fault.NO_AUTH_ACCEPTED).build().start()) {
            assertThat(upgradeStatus(cs, Optional.empty())).isEqualTo(101);
            assertThat(upgradeStatus(cs, Optional.of(basic("CP001", "wrong-password")))).isEqualTo(401);
        }
    }

    @Test
    void acceptsAnyPasswordOfTheChargePointButNoOtherUserWithTheAnyPasswordFault() throws Exception {
        try (RunningCentralSystem cs = config().faults(Fault.ANY_PASSWORD).build().start()) {
            assertThat(upgradeStatus(cs, Optional.of(basic("CP001", "wrong-password")))).isEqualTo(101);
            assertThat(upgradeStatus(cs, Optional.of(basic("CP002", "wrong-password")))).isEqualTo(401);
            assertThat(upgradeStatus(cs, Optional.empty())).isEqualTo(401);
        }
    }

    @Test
    void acceptsTheRightPasswordUnderAnyUserButNoWrongPasswordWithTheAnyUserFault() throws Exception {
        try (RunningCentralSystem cs = config().faults(Fault.ANY_USER).build().start()) {
            assertThat(upgradeStatus(cs, Optional.of(basic("someone-else", cs.chargePointPasswordAsString())))).isEqualTo(101);
            assertThat(upgradeStatus(cs, Optional.of(basic("CP001", "wrong-password")))).isEqualTo(401);
        }
    }

    @Test
    void locksAfterOneFailureWithTheLocksAfterFailureFault() throws Exception {
        try (RunningCentralSystem cs = config().faults(Fault.LOCKS_AFTER_FAILURE).build().start()) {
            assertThat(upgradeStatus(cs, handedOut(cs))).isEqualTo(101);
            assertThat(upgradeStatus(cs, Optional.of(basic("CP001", "wrong-password")))).isEqualTo(401);
            assertThat(upgradeStatus(cs, handedOut(cs))).as("locked").isEqualTo(401);
        }
    }

    @Test
    void refusesContradictoryPasswordFaultsAndSubprotocolFaults() {
        assertThatThrownBy(() -> config().faults(Fault.WRONG_PASSWORD, Fault.ANY_PASSWORD).build())
                .hasMessage("faults [wrong-password, any-password] cannot be combined");
        assertThatThrownBy(() -> config().faults(Fault.NO_SUBPROTOCOL, Fault.UNKNOWN_SUBPROTOCOL_KEPT).build())
                .hasMessage("faults [unknown-subprotocol-kept, no-subprotocol] cannot be combined");
    }

    // ---------------------------------------------------------------- subprotocols

    @Test
    void closesAnUnacceptableSessionByDefaultAndKeepsItWithTheFault() {
        assertThat(config().build().subprotocols().closesUnacceptable()).isTrue();
        assertThat(config().faults(Fault.UNKNOWN_SUBPROTOCOL_KEPT).build().subprotocols().closesUnacceptable()).isFalse();
        assertThat(config().faults(Fault.WRONG_SUBPROTOCOL_SELECTED).build().subprotocols().subprotocols())
                .containsExactly("ocpp0.1", "ocpp1.6");
        assertThat(SubprotocolPolicy.selectNone().closesUnacceptable()).isFalse();
        assertThat(SubprotocolPolicy.ocpp16().refusingUnacceptable().closesUnacceptable()).isFalse();
    }

    @Test
    void selectsTheFirstOfTheClientsOffersTheSubprotocolPolicyNames() throws Exception {
        try (RunningCentralSystem cs = config().subprotocols(SubprotocolPolicy.select("ocpp1.6", "ocpp2.0.1"))
                .build().start()) {
            // Netty's client fails the upgrade unless the server selects one of its offers
            List<String> answers = converse(cs, tls(cs), handedOut(cs), "ocpp2.0.1",
                    List.of(bootNotification("b")), f -> List.of(), 1, WAIT).collectList().block(WAIT.multipliedBy(2));

            assertThat(answers).singleElement().asString().startsWith("[3,\"b\",");
        }
    }

    @Test
    void upgradesWithoutASubprotocolWhenNoneOfferedIsAcceptableByDefault() throws Exception {
        try (RunningCentralSystem cs = config().build().start()) {
            WebSocketClientHandshakeException e = catchThrowableOfType(WebSocketClientHandshakeException.class,
                    () -> converse(cs, tls(cs), handedOut(cs), "ocpp2.0.1", List.of(), f -> List.of(), 1, WAIT)
                            .blockLast(WAIT.multipliedBy(2)));

            assertThat(e.response().status().code()).isEqualTo(101);
            assertThat(e.response().headers().contains(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL)).isFalse();
        }
    }

    @Test
    void refusesTheUpgradeWith400WhenNoOfferedSubprotocolIsAcceptableAndThePolicySaysSo() throws Exception {
        try (RunningCentralSystem cs = config().subprotocols(SubprotocolPolicy.ocpp16().refusingUnacceptable())
                .build().start()) {
            WebSocketClientHandshakeException e = catchThrowableOfType(WebSocketClientHandshakeException.class,
                    () -> converse(cs, tls(cs), handedOut(cs), "ocpp2.0.1", List.of(), f -> List.of(), 1, WAIT)
                            .blockLast(WAIT.multipliedBy(2)));

            assertThat(e.response().status().code()).isEqualTo(400);
            assertThat(cs.traffic().webSocketSessions()).isZero();
            // ocpp1.6 among the offers is still selected
            assertThat(exchange(cs, tls(cs), handedOut(cs), List.of(bootNotification("b")), 1, WAIT)).hasSize(1);
        }
    }

    // ---------------------------------------------------------------- client certificates

    @Test
    void letsAClientWithoutCertificateInWhenClientCertificatesAreOptional() throws Exception {
        try (RunningCentralSystem cs = config().securityProfile(3).clientCertificates(ClientCertificatePolicy.optional())
                .build().start()) {
            List<String> answers = exchange(cs, tls(cs), Optional.empty(), List.of(bootNotification("b")), 1, WAIT);

            assertThat(answers).hasSize(1);
            assertThat(cs.handshakes()).singleElement().extracting(ObservedHandshake::clientCertificate).isEqualTo(false);
        }
    }

    @Test
    void refusesACertificateOfAnotherIssuerEvenWhenOptional() throws Exception {
        try (RunningCentralSystem cs = config().securityProfile(3).clientCertificates(ClientCertificatePolicy.optional())
                .build().start()) {
            SslContext foreign = jdkTls(cs.rootCertificate(), Optional.of(OTHER_PKI.issueClientCertificate("CP001")));

            assertThatThrownBy(() -> exchange(cs, foreign, Optional.empty(), List.of(bootNotification("b")), 1, WAIT))
                    .isNotNull();
            assertThat(cs.traffic().tlsAlerts()).containsExactly("unknown_ca");
            assertThat(cs.anyRequestReceived()).isFalse();
        }
    }

    @Test
    void acceptsOnlyTheIssuersTheClientCertificatePolicyNames() throws Exception {
        try (RunningCentralSystem cs = config().securityProfile(3).clientCertificates(ClientCertificatePolicy.required()
                .acceptingIssuers(OTHER_PKI.clientCaCertificate())).build().start()) {
            SslContext accepted = jdkTls(cs.rootCertificate(), Optional.of(OTHER_PKI.issueClientCertificate("CP001")));
            SslContext reference = jdkTls(cs.rootCertificate(), Optional.of(cs.issueClientCertificate("CP001")));

            assertThat(exchange(cs, accepted, Optional.empty(), List.of(bootNotification("b")), 1, WAIT)).hasSize(1);
            assertThatThrownBy(() -> exchange(cs, reference, Optional.empty(), List.of(bootNotification("b")), 1, WAIT))
                    .isNotNull();
            assertThat(cs.traffic().tlsAlerts()).containsExactly("unknown_ca");
            assertThat(cs.handshakes()).singleElement().extracting(ObservedHandshake::clientCertificate).isEqualTo(true);
        }
    }

    @Test
    void answers403ToAClientCertificateWhoseCnIsAnotherChargePointUnlessTheFaultSaysOtherwise() throws Exception {
        try (RunningCentralSystem cs = config().securityProfile(3).build().start()) {
            SslContext other = jdkTls(cs.rootCertificate(), Optional.of(cs.issueClientCertificate("CP002")));
            SslContext own = jdkTls(cs.rootCertificate(), Optional.of(cs.issueClientCertificate("CP001")));

            assertThat(catchThrowableOfType(WebSocketClientHandshakeException.class, () -> exchange(cs, other,
                    Optional.empty(), List.of(bootNotification("b")), 1, WAIT)).response().status().code()).isEqualTo(403);
            assertThat(exchange(cs, own, Optional.empty(), List.of(bootNotification("b")), 1, WAIT)).hasSize(1);
        }
        try (RunningCentralSystem cs = config().securityProfile(3)
                .faults(java.util.EnumSet.of(Fault.WRONG_CN_CLIENT_CERT_ACCEPTED)).build().start()) {
            SslContext other = jdkTls(cs.rootCertificate(), Optional.of(cs.issueClientCertificate("CP002")));

            assertThat(exchange(cs, other, Optional.empty(), List.of(bootNotification("b")), 1, WAIT)).hasSize(1);
        }
    }

    @Test
    void requiresAClientCertificateAndBasicAuthWhenProfile2IsGivenARequiredPolicy() throws Exception {
        try (RunningCentralSystem cs = config().clientCertificates(ClientCertificatePolicy.required()).build().start()) {
            SslContext withCertificate = jdkTls(cs.rootCertificate(), Optional.of(cs.issueClientCertificate("CP001")));

            assertThatThrownBy(() -> exchange(cs, tls(cs), handedOut(cs), List.of(bootNotification("b")), 1, WAIT))
                    .isNotNull();
            assertThat(cs.traffic().tlsAlerts()).containsExactly("certificate_required");
            assertThat(catchThrowableOfType(WebSocketClientHandshakeException.class, () -> exchange(cs, withCertificate,
                    Optional.empty(), List.of(bootNotification("b")), 1, WAIT)).response().status().code()).isEqualTo(401);
            assertThat(exchange(cs, withCertificate, handedOut(cs), List.of(bootNotification("b")), 1, WAIT)).hasSize(1);
        }
    }

    // ---------------------------------------------------------------- answers

    @Test
    void answersBootNotificationPendingPerTheTableAndHeartbeatWithACallError() throws Exception {
        try (RunningCentralSystem cs = config().answer("BootNotification", CallHandler.bootNotification("Pending"))
                .answer("Heartbeat", Reply.error("SecurityError", "not now")).build().start()) {
            List<String> answers = exchange(cs, tls(cs), handedOut(cs),
                    List.of(bootNotification("b"), "[2,\"h\",\"Heartbeat\",{}]"), 2, WAIT);

            assertThat(json(answers.get(0)).get(2).get("status").textValue()).isEqualTo("Pending");
            assertThat(answers.get(1)).isEqualTo("[4,\"h\",\"SecurityError\",\"not now\",{}]");
        }
    }

    @Test
    void answersEachSessionAsTheHandlerDecidesFromTheSessionNumber() throws Exception {
        try (RunningCentralSystem cs = config().answer("BootNotification", call -> call.session() == 1
                ? CallHandler.bootNotification("Rejected").answer(call) : Reply.standard()).build().start()) {
            String first = exchange(cs, tls(cs), handedOut(cs), List.of(bootNotification("b")), 1, WAIT).get(0);
            String second = exchange(cs, tls(cs), handedOut(cs), List.of(bootNotification("b")), 1, WAIT).get(0);

            assertThat(json(first).get(2).get("status").textValue()).isEqualTo("Rejected");
            assertThat(json(second).get(2).get("status").textValue()).isEqualTo("Accepted");
        }
    }

    @Test
    void sendsADelayedAnswerAfterLaterImmediateOnes() throws Exception {
        try (RunningCentralSystem cs = config().answer("Heartbeat", Reply.standard().after(Duration.ofMillis(300)))
                .build().start()) {
            List<String> answers = exchange(cs, tls(cs), handedOut(cs),
                    List.of("[2,\"h\",\"Heartbeat\",{}]", statusNotification("s", 0)), 2, WAIT);

            assertThat(answers).hasSize(2);
            assertThat(answers.get(0)).isEqualTo("[3,\"s\",{}]");
            assertThat(answers.get(1)).startsWith("[3,\"h\",{\"currentTime\":");
        }
    }

    // ---------------------------------------------------------------- CALLs to the Charge Point

    @Test
    void sendsAScheduledCallAfterTheUpgradeAndRecordsTheChargePointsAnswer() throws Exception {
        try (RunningCentralSystem cs = config().call(ScheduledCall.of("GetConfiguration", "{\"key\":[\"HeartbeatInterval\"]}")
                .at(ScheduledCall.When.AFTER_UPGRADE)).build().start()) {
            // the Charge Point answers the CALL, then sends a Heartbeat: its answer proves the server read the first
            Function<String, List<String>> answerThenHeartbeat = frame -> frame.startsWith("[2,")
                    ? List.of("[3,\"octt-cs-1\",{\"configurationKey\":[]}]", "[2,\"h\",\"Heartbeat\",{}]") : List.of();
            List<String> received = converse(cs, tls(cs), handedOut(cs), "ocpp1.6", List.of(), answerThenHeartbeat, 2,
                    WAIT).collectList().block(WAIT.multipliedBy(2));

            assertThat(received).hasSize(2);
            assertThat(received.get(0)).isEqualTo("[2,\"octt-cs-1\",\"GetConfiguration\",{\"key\":[\"HeartbeatInterval\"]}]");
            assertThat(received.get(1)).startsWith("[3,\"h\",");
            assertThat(cs.traffic().answersToCentralSystemCalls()).containsExactly("[3,\"octt-cs-1\",{\"configurationKey\":[]}]");
        }
    }

    @Test
    void sendsACallOnTheTestsTriggerAndGivesTheChargePointsAnswer() throws Exception {
        try (RunningCentralSystem cs = config().build().start()) {
            Disposable chargePoint = converse(cs, tls(cs), handedOut(cs), "ocpp1.6", List.of(bootNotification("b")),
                    answeringCalls("{\"status\":\"Accepted\"}"), 100, Duration.ofSeconds(20)).subscribe();
            try {
                cs.connected("CP001").block(WAIT);

                ChargePointAnswer answer = cs.send("CP001", "Reset", "{\"type\":\"Soft\"}").block(WAIT);

                assertThat(answer.isError()).isFalse();
                assertThat(answer.frame()).isEqualTo("[3,\"octt-cs-1\",{\"status\":\"Accepted\"}]");
                assertThat(cs.traffic().answersToCentralSystemCalls()).containsExactly(answer.frame());
                assertThatThrownBy(() -> cs.send("CP002", "Reset", "{\"type\":\"Soft\"}").block(WAIT))
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessage("no WebSocket session of Charge Point CP002 is open");
            } finally {
                chargePoint.dispose();
            }
        }
    }

    @Test
    void failsTheTestsCallWhenTheChargePointClosesWithoutAnswering() throws Exception {
        try (RunningCentralSystem cs = config().build().start()) {
            Disposable chargePoint = converse(cs, tls(cs), handedOut(cs), "ocpp1.6", List.of(), f -> List.of(),
                    100, Duration.ofSeconds(20)).subscribe();
            cs.connected("CP001").block(WAIT);
            var pending = cs.send("CP001", "Reset", "{\"type\":\"Hard\"}").toFuture();

            chargePoint.dispose();

            assertThatThrownBy(() -> pending.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the WebSocket of Charge Point CP001 (session 1) closed before it answered Reset");
        }
    }
}
