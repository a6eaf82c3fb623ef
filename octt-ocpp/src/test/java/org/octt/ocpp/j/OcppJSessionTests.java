package org.octt.ocpp.j;

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
                .connect(WebSocketRequest.to(URI.create("wss://localhost:" + server.port() + "/ocpp"), "CP001")
                        .withSubprotocol("ocpp1.6"))
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

    /** Waits (bounded) until the server's event loop has recorded {@code text}. */
    private void awaitReceived(String text) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!server.received.contains(text) && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
        }
        assertThat(server.received).contains(text);
    }

    /** Makes the server send each of {@code frames} as it is, then answer the Echo CALL. */
    private CallOutcome serverSends(OcppJSession on, String... frames) {
        ObjectNode payload = MAPPER.createObjectNode();
        var send = payload.putArray("send");
        for (String f : frames) {
            send.add(f);
        }
        return on.call("Echo", payload, CALL_TIMEOUT).block(WAIT);
    }

    @Test
    void logsEveryFrameBothWaysAndRedactsTheAuthorizationKeyTheServerSets() {
        String change = "[2,\"srv-7\",\"ChangeConfiguration\",{\"key\":\"AuthorizationKey\",\"value\":\"00112233445566778899\"}]";
        serverSends(session, change);
        awaitReceived("[3,\"srv-7\",{\"status\":\"NotSupported\"}]");
        session.sendFrame("[2,\"raw-1\",\"Heartbeat\"").block(WAIT);

        List<MessageLog.Entry> log = session.log().entries();
        assertThat(log).extracting(MessageLog.Entry::direction).startsWith(MessageLog.Direction.SENT,
                MessageLog.Direction.RECEIVED);
        assertThat(log.get(0).frame()).contains("\"Echo\"");
        assertThat(log.get(1).frame()).isEqualTo(
                "[2,\"srv-7\",\"ChangeConfiguration\",{\"key\":\"AuthorizationKey\",\"value\":\"****\"}]");
        assertThat(log).extracting(MessageLog.Entry::frame).contains("[3,\"srv-7\",{\"status\":\"NotSupported\"}]",
                "[2,\"raw-1\",\"Heartbeat\"");
        // the Echo CALL carries the server's frame as a string: it is test scaffolding, the rest has no key
        assertThat(log.subList(1, log.size()).toString()).doesNotContain("00112233445566778899");
        awaitReceived("[2,\"raw-1\",\"Heartbeat\"");
    }

    @Test
    void answersTheServersCallAtOnceWithTheDefaultAnswerAndRecordsTheExchange() {
        CallOutcome outcome = session.call("CallMeBack", MAPPER.createObjectNode(), CALL_TIMEOUT).block(WAIT);
        assertThat(outcome).isInstanceOf(CallOutcome.Result.class);

        awaitReceived("[3,\"srv-1\",{\"configurationKey\":[]}]");
        assertThat(session.answeredCalls()).singleElement().satisfies(a -> {
            assertThat(a.received()).isEqualTo("[2,\"srv-1\",\"GetConfiguration\",{\"key\":[]}]");
            assertThat(a.answered()).isEqualTo("[3,\"srv-1\",{\"configurationKey\":[]}]");
            assertThat(a.action()).isEqualTo("GetConfiguration");
            assertThat(a.summary()).isEqualTo("GetConfiguration answered with CALLRESULT {\"configurationKey\":[]}");
        });
        IncomingCall call = session.incomingCalls().blockFirst(WAIT);
        assertThat(call).isNotNull();
        assertThat(call.uniqueId()).isEqualTo("srv-1");
    }

    @Test
    void answersWithTheRespondersAnswerInsteadOfTheDefault() {
        session.close(Duration.ofSeconds(2)).block(WAIT);
        WebSocketOutcome outcome = SecureWebSocketClient.create()
                .withServerCertificatePolicy(ServerCertificatePolicy.trustAnchors(List.of(pki.serverRoot.certificate())))
                .connect(WebSocketRequest.to(URI.create("wss://localhost:" + server.port() + "/ocpp"), "CP001")
                        .withSubprotocol("ocpp1.6"))
                .block(WAIT);
        CallResponder defaults = ChargePointResponder.defaults();
        session = OcppJSession.over(((WebSocketOutcome.Connected) outcome).session(),
                call -> call.action().equals("Reset") ? CallAnswer.status("Accepted") : defaults.answer(call));

        serverSends(session, "[2,\"r-1\",\"Reset\",{\"type\":\"Soft\"}]", "[2,\"r-2\",\"UnlockConnector\",{\"connectorId\":1}]");

        awaitReceived("[3,\"r-1\",{\"status\":\"Accepted\"}]");
        awaitReceived("[3,\"r-2\",{\"status\":\"NotSupported\"}]");
    }

    @Test
    void answersUnknownActionWithNotImplementedAndKnownUnsupportedOneWithNotSupported() {
        serverSends(session, "[2,\"u-1\",\"FlyToTheMoon\",{}]", "[2,\"u-2\",\"GetDiagnostics\",{\"location\":\"ftp://x\"}]");

        awaitReceived("[4,\"u-1\",\"NotImplemented\",\"unknown action FlyToTheMoon\",{}]");
        awaitReceived("[4,\"u-2\",\"NotSupported\",\"GetDiagnostics is not supported by this Charge Point\",{}]");
    }

    @Test
    void answersMalformedCallWithFormationViolationAndReportsItAsUnexpected() {
        serverSends(session, "[2,\"bad-1\",\"Reset\",[]]", "[2,\"bad-2\",7,{}]");

        awaitReceived("[4,\"bad-1\",\"FormationViolation\",\"the payload of a CALL must be a JSON object, was: []\",{}]");
        awaitReceived("[4,\"bad-2\",\"FormationViolation\",\"the action of a CALL must be a string, was: 7\",{}]");
        assertThat(session.answeredCalls()).extracting(AnsweredCall::summary).containsExactly(
                "malformed CALL answered with CALLERROR FormationViolation",
                "malformed CALL answered with CALLERROR FormationViolation");
        assertThat(session.answeredCalls()).allSatisfy(a -> assertThat(a.call()).isEmpty());
        StepVerifier.create(session.unexpectedFrames().take(2).map(UnexpectedFrame::raw))
                .expectNext("[2,\"bad-1\",\"Reset\",[]]", "[2,\"bad-2\",7,{}]")
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void sendsAFurtherFrameOnlyWhenTheCallerAsksForIt() {
        session.call("CallMeBack", MAPPER.createObjectNode(), CALL_TIMEOUT).block(WAIT);
        ObjectNode reply = MAPPER.createObjectNode();
        reply.putArray("configurationKey").addObject();
        session.sendCallResult("srv-1", reply).block(WAIT);

        awaitReceived("[3,\"srv-1\",{\"configurationKey\":[{}]}]");
        assertThat(server.received).containsSubsequence("[3,\"srv-1\",{\"configurationKey\":[]}]",
                "[3,\"srv-1\",{\"configurationKey\":[{}]}]");
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
