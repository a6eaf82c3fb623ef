package org.octt.tls.ocppj;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.octt.tls.ws.SecureWebSocketClient;
import org.octt.tls.ws.ServerCertificatePolicy;
import org.octt.tls.ws.TestPki;
import org.octt.tls.ws.WebSocketOutcome;
import org.octt.tls.ws.WebSocketRequest;
import org.octt.tls.ws.WebSocketSession;
import org.octt.tls.ws.WssTestServer;
import reactor.test.StepVerifier;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(30)
class OcppJSessionTests {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static TestPki pki;
    private WssTestServer server;
    private OcppJSession session;

    @BeforeAll
    static void createPki() {
        pki = TestPki.shared();
    }

    @BeforeEach
    void connect() {
        server = WssTestServer.start(WssTestServer.Config.of(pki.ecServer));
        WebSocketOutcome outcome = SecureWebSocketClient.create()
                .withServerCertificatePolicy(ServerCertificatePolicy.trustAnchors(List.of(pki.serverRoot.certificate())))
                .connect(WebSocketRequest.to(URI.create("wss://localhost:" + server.port() + "/ocpp"), "CP001"))
                .block(WAIT);
        assertThat(outcome).isInstanceOf(WebSocketOutcome.Connected.class);
        session = OcppJSession.over(((WebSocketOutcome.Connected) outcome).session());
    }

    @AfterEach
    void close() {
        session.close(Duration.ofSeconds(2)).block(WAIT);
        server.close();
    }

    private static ObjectNode bootNotification() {
        return MAPPER.createObjectNode().put("chargePointVendor", "octt").put("chargePointModel", "tester");
    }

    @Test
    void sendsCallAndMatchesCallResult() throws Exception {
        CallOutcome outcome = session.call("BootNotification", bootNotification(), CALL_TIMEOUT).block(WAIT);

        assertThat(outcome).isInstanceOf(CallOutcome.Result.class);
        CallOutcome.Result r = (CallOutcome.Result) outcome;
        assertThat(r.payload().get("status").asText()).isEqualTo("Accepted");
        assertThat(r.payload().get("interval").asInt()).isEqualTo(300);
        assertThat(r.action()).isEqualTo("BootNotification");
        assertThat(server.received).singleElement().satisfies(text -> {
            var frame = MAPPER.readTree(text);
            assertThat(frame.get(0).asInt()).isEqualTo(2);
            assertThat(frame.get(1).asText()).isEqualTo(r.uniqueId());
            assertThat(frame.get(2).asText()).isEqualTo("BootNotification");
            assertThat(frame.get(3)).isEqualTo(bootNotification());
        });
    }

    @Test
    void mapsCallErrorToErrorOutcome() {
        CallOutcome outcome = session.call("Unknown", MAPPER.createObjectNode(), CALL_TIMEOUT).block(WAIT);

        assertThat(outcome).isInstanceOf(CallOutcome.Error.class);
        CallOutcome.Error e = (CallOutcome.Error) outcome;
        assertThat(e.code()).isEqualTo("NotImplemented");
        assertThat(e.description()).isEqualTo("no such action");
        assertThat(e.details().get("hint").asText()).isEqualTo("none");
        assertThat(e.message()).contains("CALLERROR NotImplemented 'no such action'");
    }

    @Test
    void reportsAnswerThatIsNotJsonAsMalformed() {
        CallOutcome outcome = session.call("Garbage", MAPPER.createObjectNode(), CALL_TIMEOUT).block(WAIT);

        assertThat(outcome).isInstanceOf(CallOutcome.Malformed.class);
        CallOutcome.Malformed m = (CallOutcome.Malformed) outcome;
        assertThat(m.raw()).isEqualTo("this is not json");
        assertThat(m.reason()).startsWith("not valid JSON");
        assertThat(m.message()).contains("malformed answer to Garbage");
    }

    @Test
    void timesOutWhenServerDoesNotAnswer() {
        Duration timeout = Duration.ofMillis(300);
        StepVerifier.create(session.call("Silent", MAPPER.createObjectNode(), timeout))
                .assertNext(o -> {
                    assertThat(o).isInstanceOf(CallOutcome.TimedOut.class);
                    assertThat(((CallOutcome.TimedOut) o).timeout()).isEqualTo(timeout);
                    assertThat(o.message()).contains("no answer to Silent").contains("within 300ms");
                })
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void reportsAnswerForUnknownIdAsUnexpectedFrameAndTimesOut() {
        CallOutcome outcome = session.call("WrongId", MAPPER.createObjectNode(), Duration.ofMillis(300)).block(WAIT);

        assertThat(outcome).isInstanceOf(CallOutcome.TimedOut.class);
        StepVerifier.create(session.unexpectedFrames().take(1))
                .assertNext(f -> {
                    assertThat(f.raw()).isEqualTo("[3,\"not-" + outcome.uniqueId() + "\",{}]");
                    assertThat(f.reason()).contains("which no waiting call has");
                })
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void usesUniqueMessageIds() throws Exception {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            CallOutcome o = session.call("StatusNotification", MAPPER.createObjectNode().put("connectorId", i), CALL_TIMEOUT)
                    .block(WAIT);
            assertThat(o).isInstanceOf(CallOutcome.Result.class);
            ids.add(o.uniqueId());
        }
        assertThat(ids).hasSize(20).allSatisfy(id -> assertThat(id.length()).isLessThanOrEqualTo(36));
        Set<String> seen = new HashSet<>();
        for (String text : server.received) {
            seen.add(MAPPER.readTree(text).get(1).asText());
        }
        assertThat(seen).isEqualTo(ids);
    }

    @Test
    void exposesServerCallsAndSendsTheCallersReply() throws Exception {
        CallOutcome outcome = session.call("CallMeBack", MAPPER.createObjectNode(), CALL_TIMEOUT).block(WAIT);
        assertThat(outcome).isInstanceOf(CallOutcome.Result.class);

        IncomingCall call = session.incomingCalls().blockFirst(WAIT);
        assertThat(call).isNotNull();
        assertThat(call.uniqueId()).isEqualTo("srv-1");
        assertThat(call.action()).isEqualTo("GetConfiguration");
        ObjectNode reply = MAPPER.createObjectNode();
        reply.putArray("configurationKey").addObject();
        session.sendCallResult(call.uniqueId(), reply).block(WAIT);
        // sent is not yet received: wait (bounded) until the server's event loop has recorded it
        String expected = "[3,\"srv-1\",{\"configurationKey\":[{}]}]";
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!server.received.contains(expected) && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
        }
        session.close(Duration.ofSeconds(2)).block(WAIT);
        assertThat(server.received).last().isEqualTo("[3,\"srv-1\",{\"configurationKey\":[{}]}]");
    }

    @Test
    void closesWithCloseFrameAndReportsLaterCallsAsClosed() {
        WebSocketSession.CloseStatus status = session.close(Duration.ofSeconds(2)).block(WAIT);

        assertThat(status).isNotNull();
        assertThat(status.code()).isEqualTo(1000);
        assertThat(session.webSocket().isClosed()).isTrue();
        CallOutcome after = session.call("BootNotification", bootNotification(), CALL_TIMEOUT).block(WAIT);
        assertThat(after).isInstanceOf(CallOutcome.Closed.class);
        assertThat(((CallOutcome.Closed) after).code()).isEqualTo(1000);
        assertThat(after.message()).contains("the WebSocket closed before BootNotification was answered");
    }
}
