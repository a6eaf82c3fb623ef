package org.octt.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.ssl.SslContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.octt.testkit.TestSupport.PKI;
import static org.octt.testkit.TestSupport.basic;
import static org.octt.testkit.TestSupport.bootNotification;
import static org.octt.testkit.TestSupport.exchange;
import static org.octt.testkit.TestSupport.jdkTls;
import static org.octt.testkit.TestSupport.statusNotification;

/**
 * The WebSocket and OCPP side, seen by a Reactor Netty WebSocket client on the JDK's TLS (an
 * independent implementation), trusting only {@link RunningCentralSystem#rootCertificate()} and
 * verifying the host name.
 */
@Timeout(30)
class ReferenceCentralSystemWebSocketTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static RunningCentralSystem start(Fault... faults) {
        return ReferenceCentralSystem.builder().pki(PKI).faults(faults).build().start();
    }

    private static Optional<String> credentials(RunningCentralSystem cs) {
        return Optional.of(basic(cs.chargePointId(), cs.chargePointPasswordAsString()));
    }

    private static SslContext tls(RunningCentralSystem cs) throws Exception {
        return jdkTls(cs.rootCertificate(), Optional.empty());
    }

    @Test
    void acceptsBootNotificationAndStatusNotificationsWithBasicAuth() throws Exception {
        try (RunningCentralSystem cs = start()) {
            List<String> answers = exchange(cs, tls(cs), credentials(cs), List.of(bootNotification("b1"),
                    statusNotification("s0", 0), statusNotification("s1", 1),
                    "[2,\"h1\",\"Heartbeat\",{}]"), 4, WAIT);

            assertThat(answers).hasSize(4);
            JsonNode boot = JSON.readTree(answers.get(0));
            assertThat(boot.get(0).intValue()).isEqualTo(3);
            assertThat(boot.get(1).textValue()).isEqualTo("b1");
            assertThat(boot.get(2).get("status").textValue()).isEqualTo("Accepted");
            assertThat(boot.get(2).get("interval").intValue()).isEqualTo(300);
            assertThat(Instant.parse(boot.get(2).get("currentTime").textValue()))
                    .isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
            assertThat(answers.get(1)).isEqualTo("[3,\"s0\",{}]");
            assertThat(answers.get(2)).isEqualTo("[3,\"s1\",{}]");
            assertThat(JSON.readTree(answers.get(3)).get(2).has("currentTime")).isTrue();

            assertThat(cs.bootNotificationCount()).isEqualTo(1);
            assertThat(cs.statusNotificationConnectorIds()).containsExactly(0, 1);
            assertThat(cs.authorizationHeaders()).containsExactly(true);
            assertThat(cs.traffic().webSocketSessions()).isEqualTo(1);
            assertThat(cs.traffic().heartbeats()).isEqualTo(1);
            assertThat(cs.handshakes()).singleElement().satisfies(h -> assertThat(h.protocol()).isEqualTo("TLSv1.3"));
        }
    }

    @Test
    void selectsOcpp16Subprotocol() throws Exception {
        try (RunningCentralSystem cs = start()) {
            // a 101 with the subprotocol is the only way the exchange can succeed: Netty's client
            // refuses an upgrade that does not select the offered subprotocol
            assertThat(exchange(cs, tls(cs), credentials(cs), List.of(bootNotification("b")), 1, WAIT)).hasSize(1);
        }
    }

    @Test
    void answers401WithChallengeForWrongPassword() throws Exception {
        try (RunningCentralSystem cs = start(Fault.WRONG_PASSWORD)) {
            WebSocketClientHandshakeException e = catchThrowableOfType(WebSocketClientHandshakeException.class,
                    () -> exchange(cs, tls(cs), credentials(cs), List.of(bootNotification("b")), 1, WAIT));

            assertThat(e.response().status().code()).isEqualTo(401);
            assertThat(e.response().headers().get(HttpHeaderNames.WWW_AUTHENTICATE)).isEqualTo("Basic realm=\"octt\"");
            assertThat(cs.authorizationHeaders()).containsExactly(true);
            assertThat(cs.bootNotificationCount()).isZero();
        }
    }

    @Test
    void answers401WithoutCredentialsOrWithAnotherUser() throws Exception {
        try (RunningCentralSystem cs = start()) {
            assertThatThrownBy(() -> exchange(cs, tls(cs), Optional.empty(), List.of(bootNotification("b")), 1, WAIT))
                    .isInstanceOfSatisfying(WebSocketClientHandshakeException.class,
                            e -> assertThat(e.response().status().code()).isEqualTo(401));
            assertThatThrownBy(() -> exchange(cs, tls(cs), Optional.of(basic("CP002", cs.chargePointPasswordAsString())),
                    List.of(bootNotification("b")), 1, WAIT))
                    .isInstanceOfSatisfying(WebSocketClientHandshakeException.class,
                            e -> assertThat(e.response().status().code()).isEqualTo(401));
            assertThat(cs.authorizationHeaders()).containsExactly(false, true);
        }
    }

    @Test
    void upgradesWithoutSubprotocolWithNoSubprotocol() throws Exception {
        try (RunningCentralSystem cs = start(Fault.NO_SUBPROTOCOL)) {
            WebSocketClientHandshakeException e = catchThrowableOfType(WebSocketClientHandshakeException.class,
                    () -> exchange(cs, tls(cs), credentials(cs), List.of(bootNotification("b")), 1, WAIT));

            assertThat(e.response().status().code()).isEqualTo(101);
            assertThat(e.response().headers().contains(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL)).isFalse();
            assertThat(e.getMessage()).contains("Invalid subprotocol");
        }
    }

    @Test
    void rejectsBootNotificationWithBootRejected() throws Exception {
        try (RunningCentralSystem cs = start(Fault.BOOT_REJECTED)) {
            JsonNode conf = JSON.readTree(exchange(cs, tls(cs), credentials(cs), List.of(bootNotification("b")), 1, WAIT)
                    .get(0)).get(2);

            assertThat(conf.get("status").textValue()).isEqualTo("Rejected");
            assertThat(conf.has("currentTime")).isTrue();
        }
    }

    @Test
    void answersInvalidBootNotificationConfWithBootInvalid() throws Exception {
        try (RunningCentralSystem cs = start(Fault.BOOT_INVALID)) {
            JsonNode conf = JSON.readTree(exchange(cs, tls(cs), credentials(cs), List.of(bootNotification("b")), 1, WAIT)
                    .get(0)).get(2);

            assertThat(conf.has("currentTime")).isFalse();
            assertThat(conf.get("interval").isInt()).isFalse();
        }
    }

    @Test
    void receivesButNeverAnswersWithNoAnswer() throws Exception {
        try (RunningCentralSystem cs = start(Fault.NO_ANSWER)) {
            List<String> answers = exchange(cs, tls(cs), credentials(cs), List.of(bootNotification("b")), 1,
                    Duration.ofMillis(700));

            assertThat(answers).isEmpty();
            assertThat(cs.bootNotificationCount()).isEqualTo(1);
        }
    }

    @Test
    void answersStatusNotificationWithCallErrorWithStatusNotificationError() throws Exception {
        try (RunningCentralSystem cs = start(Fault.STATUS_NOTIFICATION_ERROR)) {
            List<String> answers = exchange(cs, tls(cs), credentials(cs),
                    List.of(bootNotification("b"), statusNotification("s", 0)), 2, WAIT);

            assertThat(JSON.readTree(answers.get(0)).get(2).get("status").textValue()).isEqualTo("Accepted");
            assertThat(JSON.readTree(answers.get(1)).get(0).intValue()).isEqualTo(4);
            assertThat(JSON.readTree(answers.get(1)).get(2).textValue()).isEqualTo("InternalError");
        }
    }

    @Test
    void acceptsClientCertificateUnderProfile3WithoutBasicAuth() throws Exception {
        try (RunningCentralSystem cs = ReferenceCentralSystem.builder().pki(PKI).securityProfile(3).build().start()) {
            SslContext tls = jdkTls(cs.rootCertificate(), Optional.of(cs.issueClientCertificate("CP001")));

            List<String> answers = exchange(cs, tls, Optional.empty(), List.of(bootNotification("b")), 1, WAIT);

            assertThat(JSON.readTree(answers.get(0)).get(2).get("status").textValue()).isEqualTo("Accepted");
            assertThat(cs.handshakes()).singleElement().extracting(ObservedHandshake::clientCertificate).isEqualTo(true);
            assertThat(cs.authorizationHeaders()).containsExactly(false);
        }
    }

    @Test
    void refusesConnectionWithoutClientCertificateUnderProfile3() throws Exception {
        try (RunningCentralSystem cs = ReferenceCentralSystem.builder().pki(PKI).securityProfile(3).build().start()) {
            assertThatThrownBy(() -> exchange(cs, tls(cs), Optional.empty(), List.of(bootNotification("b")), 1, WAIT))
                    .isNotNull();
            assertThat(cs.traffic().tlsAlerts()).containsExactly("certificate_required");
            assertThat(cs.anyRequestReceived()).isFalse();
        }
    }

    @Test
    void jdkClientRefusesUntrustedServerBeforeSendingCredentials() throws Exception {
        try (RunningCentralSystem cs = start(Fault.UNTRUSTED)) {
            assertThatThrownBy(() -> exchange(cs, tls(cs), credentials(cs), List.of(bootNotification("b")), 1, WAIT))
                    .hasStackTraceContaining("PKIX path");
            assertThat(cs.anyRequestReceived()).isFalse();
            assertThat(cs.traffic().anyAuthorizationHeader()).isFalse();
        }
    }
}
