package org.octt.testkit.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.octt.testkit.CallHandler;
import org.octt.testkit.ChargePointAnswer;
import org.octt.testkit.Fault;
import org.octt.testkit.ReceivedCall;
import org.octt.testkit.ReferenceCentralSystem;
import org.octt.testkit.Reply;
import org.octt.testkit.ScheduledCall;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One OCPP-J conversation, frame by frame, on the calling thread: the standard answers, the faults'
 * presets and the answers and CALLs of {@link ReferenceCentralSystem.Builder} as a session applies them.
 */
class OcppSessionTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T12:00:00.123456Z"), ZoneOffset.UTC);
    private static final String BOOT =
            "[2,\"m1\",\"BootNotification\",{\"chargePointVendor\":\"octt\",\"chargePointModel\":\"t\"}]";
    private static final String BOOT_ACCEPTED =
            "[3,\"m1\",{\"currentTime\":\"2025-06-01T12:00:00.123Z\",\"interval\":300,\"status\":\"Accepted\"}]";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TrafficRecorder traffic = new TrafficRecorder();
    private final List<String> sent = new ArrayList<>();

    private OcppSession session(ReferenceCentralSystem.Builder config) {
        ReferenceCentralSystem cs = config.build();
        OcppBehaviour behaviour = new OcppBehaviour(cs.answers(), cs.otherActions(), cs.calls(),
                !cs.faults().contains(Fault.NO_ANSWER));
        OcppSession session = new OcppSession(1, "CP001", behaviour, new StandardAnswers(JSON, CLOCK),
                traffic, sent::add, Runnable::run);
        session.opened();
        return session;
    }

    private OcppSession session(Fault... faults) {
        return session(ReferenceCentralSystem.builder().faults(faults));
    }

    /** The frames sent in answer to {@code text}. */
    private List<String> answers(OcppSession session, String... texts) {
        sent.clear();
        for (String text : texts) {
            session.receive(text);
        }
        return List.copyOf(sent);
    }

    // ---------------------------------------------------------------- standard answers

    @Test
    void acceptsBootNotificationWithCurrentTimeAndInterval() {
        assertThat(answers(session(), BOOT)).containsExactly(BOOT_ACCEPTED);
        assertThat(traffic.snapshot().bootNotifications()).isEqualTo(1);
    }

    @Test
    void answersStatusNotificationWithEmptyPayloadAndRecordsConnector() {
        assertThat(answers(session(),
                "[2,\"m2\",\"StatusNotification\",{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\"Available\"}]"))
                .containsExactly("[3,\"m2\",{}]");
        assertThat(traffic.snapshot().statusNotificationConnectorIds()).containsExactly(1);
    }

    @Test
    void answersSecurityEventNotificationWithEmptyPayload() {
        assertThat(answers(session(), "[2,\"m4\",\"SecurityEventNotification\",{\"type\":\"InvalidChargePointCertificate\","
                + "\"timestamp\":\"2025-06-01T12:00:00Z\"}]")).containsExactly("[3,\"m4\",{}]");
    }

    @Test
    void answersSecurityEventNotificationWithACallErrorUnderItsFault() {
        assertThat(answers(session(Fault.SECURITY_EVENT_NOTIFICATION_ERROR), "[2,\"m6\",\"SecurityEventNotification\","
                + "{\"type\":\"InvalidChargePointCertificate\",\"timestamp\":\"2025-06-01T12:00:00Z\"}]"))
                .containsExactly("[4,\"m6\",\"InternalError\",\"SecurityEventNotification could not be processed\",{}]");
    }

    @Test
    void sendsTheFollowUpCallOfAReplyRightAfterTheReplyAndTakesItsAnswer() {
        OcppSession session = session(ReferenceCentralSystem.builder().answer("SignCertificate",
                Reply.result("{\"status\":\"Accepted\"}").followedBy(
                        ScheduledCall.of("CertificateSigned", "{\"certificateChain\":\"pem\"}"))));

        assertThat(answers(session, "[2,\"m5\",\"SignCertificate\",{\"csr\":\"x\"}]")).containsExactly(
                "[3,\"m5\",{\"status\":\"Accepted\"}]",
                "[2,\"octt-cs-1\",\"CertificateSigned\",{\"certificateChain\":\"pem\"}]");
        session.receive("[3,\"octt-cs-1\",{\"status\":\"Accepted\"}]");
        assertThat(traffic.snapshot().answersToCentralSystemCalls()).containsExactly("[3,\"octt-cs-1\",{\"status\":\"Accepted\"}]");
    }

    @Test
    void answersHeartbeatWithCurrentTime() {
        assertThat(answers(session(), "[2,\"m3\",\"Heartbeat\",{}]"))
                .containsExactly("[3,\"m3\",{\"currentTime\":\"2025-06-01T12:00:00.123Z\"}]");
    }

    @Test
    void answersTheSecurityNotificationsWithAnEmptyObject() {
        assertThat(answers(session(), "[2,\"m5\",\"LogStatusNotification\",{\"status\":\"Uploaded\",\"requestId\":1}]",
                "[2,\"m6\",\"SignedFirmwareStatusNotification\",{\"status\":\"Downloaded\",\"requestId\":1}]",
                "[2,\"m7\",\"SecurityEventNotification\",{\"type\":\"FirmwareUpdated\",\"timestamp\":\"2025-06-01T12:00:00Z\"}]"))
                .containsExactly("[3,\"m5\",{}]", "[3,\"m6\",{}]", "[3,\"m7\",{}]");
    }

    @Test
    void answersUnknownActionWithNotImplemented() {
        assertThat(answers(session(), "[2,\"m4\",\"DataTransfer\",{\"vendorId\":\"x\"}]"))
                .containsExactly("[4,\"m4\",\"NotImplemented\",\"action DataTransfer is not implemented\",{}]");
    }

    @Test
    void answersMalformedMessagesWithFormationViolation() {
        OcppSession session = session();
        assertThat(answers(session, "not json")).containsExactly("[4,\"-1\",\"FormationViolation\",\"message is not JSON\",{}]");
        assertThat(answers(session, "{\"a\":1}")).singleElement().asString().startsWith("[4,\"-1\",\"FormationViolation\"");
        assertThat(answers(session, "[2,\"m5\",\"Heartbeat\",[]]"))
                .containsExactly("[4,\"m5\",\"FormationViolation\",\"payload is not a JSON object\",{}]");
    }

    @Test
    void answersIncompleteBootNotificationWithProtocolErrorNamingField() {
        assertThat(answers(session(), "[2,\"m6\",\"BootNotification\",{\"chargePointVendor\":\"octt\"}]"))
                .containsExactly("[4,\"m6\",\"ProtocolError\",\"BootNotification.req lacks chargePointModel\",{}]");
        assertThat(traffic.snapshot().bootNotifications()).isZero();
    }

    @Test
    void ignoresResultsAndErrorsThatAnswerNoCallOfItsOwn() {
        OcppSession session = session();
        assertThat(answers(session, "[3,\"x\",{}]")).isEmpty();
        assertThat(answers(session, "[4,\"x\",\"GenericError\",\"\",{}]")).isEmpty();
        assertThat(traffic.snapshot().answersToCentralSystemCalls()).isEmpty();
    }

    // ---------------------------------------------------------------- the faults as presets

    @Test
    void rejectsBootNotificationWithBootRejected() {
        assertThat(answers(session(Fault.BOOT_REJECTED), BOOT)).singleElement().asString()
                .startsWith("[3,\"m1\",{\"currentTime\":\"").endsWith("\",\"interval\":300,\"status\":\"Rejected\"}]");
    }

    @Test
    void answersWithoutCurrentTimeAndWithTextIntervalWithBootInvalid() {
        assertThat(answers(session(Fault.BOOT_INVALID), BOOT))
                .containsExactly("[3,\"m1\",{\"interval\":\"300s\",\"status\":\"Accepted\"}]");
    }

    @Test
    void answersStatusNotificationWithCallErrorWithStatusNotificationError() {
        assertThat(answers(session(Fault.STATUS_NOTIFICATION_ERROR),
                "[2,\"m2\",\"StatusNotification\",{\"connectorId\":0,\"errorCode\":\"NoError\",\"status\":\"Available\"}]"))
                .containsExactly("[4,\"m2\",\"InternalError\",\"StatusNotification could not be processed\",{}]");
    }

    @Test
    void recordsButNeverAnswersWithNoAnswer() {
        OcppSession session = session(Fault.NO_ANSWER);
        assertThat(answers(session, BOOT)).isEmpty();
        assertThat(answers(session, "not json")).isEmpty();
        assertThat(traffic.snapshot().bootNotifications()).isEqualTo(1);
    }

    @Test
    void sendsItsOwnCallOnBootNotificationAndAnswersBootOnlyAfterTheChargePointAnsweredIt() {
        OcppSession session = session(Fault.SENDS_CALL_FIRST);

        assertThat(answers(session, BOOT)).containsExactly("[2,\"octt-cs-1\",\"GetConfiguration\",{}]");
        assertThat(answers(session, "[2,\"m3\",\"Heartbeat\",{}]"))
                .containsExactly("[3,\"m3\",{\"currentTime\":\"2025-06-01T12:00:00.123Z\"}]");
        assertThat(answers(session, "[3,\"octt-cs-1\",{\"configurationKey\":[]}]")).containsExactly(BOOT_ACCEPTED);
        assertThat(traffic.snapshot().answersToCentralSystemCalls())
                .containsExactly("[3,\"octt-cs-1\",{\"configurationKey\":[]}]");
        // one CALL per WebSocket: a second BootNotification is answered at once
        assertThat(answers(session, BOOT)).containsExactly(BOOT_ACCEPTED);
    }

    @Test
    void neverAnswersBootNotificationWhileItsOwnCallIsUnanswered() {
        OcppSession session = session(Fault.SENDS_CALL_FIRST);
        session.receive(BOOT);

        assertThat(answers(session, "[3,\"other\",{}]")).isEmpty();
        assertThat(traffic.snapshot().answersToCentralSystemCalls()).isEmpty();
    }

    // ---------------------------------------------------------------- answers by action

    @Test
    void answersEachActionAsItsHandlerSaysAndOtherActionsAsTheDefaultSays() {
        AtomicReference<ReceivedCall> seen = new AtomicReference<>();
        OcppSession session = session(ReferenceCentralSystem.builder()
                .answer("BootNotification", CallHandler.bootNotification("Pending"))
                .answer("Heartbeat", Reply.error("InternalError", "busy"))
                .answer("Authorize", call -> {
                    seen.set(call);
                    return Reply.result("{\"idTagInfo\":{\"status\":\"Blocked\"}}");
                })
                .answer("MeterValues", Reply.frame("not even JSON"))
                .otherActions(CallHandler.always(Reply.none())));

        assertThat(answers(session, BOOT)).singleElement().asString().endsWith(",\"interval\":300,\"status\":\"Pending\"}]");
        assertThat(answers(session, "[2,\"h\",\"Heartbeat\",{}]")).containsExactly("[4,\"h\",\"InternalError\",\"busy\",{}]");
        assertThat(answers(session, "[2,\"a\",\"Authorize\",{\"idTag\":\"T1\"}]"))
                .containsExactly("[3,\"a\",{\"idTagInfo\":{\"status\":\"Blocked\"}}]");
        assertThat(answers(session, "[2,\"v\",\"MeterValues\",{}]")).containsExactly("not even JSON");
        assertThat(answers(session, "[2,\"d\",\"DataTransfer\",{}]")).isEmpty();
        assertThat(seen.get().session()).isEqualTo(1);
        assertThat(seen.get().chargePointId()).isEqualTo("CP001");
        assertThat(seen.get().uniqueId()).isEqualTo("a");
        assertThat(seen.get().payload().get("idTag").textValue()).isEqualTo("T1");
        assertThat(seen.get().problem()).isEmpty();
    }

    @Test
    void givesTheHandlerTheStandardAnswersObjectionAndAnswersAMalformedBootNotificationAsStandard() {
        AtomicReference<ReceivedCall> seen = new AtomicReference<>();
        CallHandler pending = CallHandler.bootNotification("Pending");
        OcppSession session = session(ReferenceCentralSystem.builder().answer("BootNotification", call -> {
            seen.set(call);
            return pending.answer(call);
        }));

        assertThat(answers(session, "[2,\"b\",\"BootNotification\",{}]"))
                .containsExactly("[4,\"b\",\"ProtocolError\",\"BootNotification.req lacks chargePointVendor\",{}]");
        assertThat(seen.get().problem()).contains("BootNotification.req lacks chargePointVendor");
    }

    @Test
    void answersInternalErrorWhenTheHandlerThrows() {
        OcppSession session = session(ReferenceCentralSystem.builder().answer("Heartbeat", call -> {
            throw new IllegalStateException("boom");
        }));

        assertThat(answers(session, "[2,\"h\",\"Heartbeat\",{}]")).containsExactly(
                "[4,\"h\",\"InternalError\",\"the answer to Heartbeat failed: java.lang.IllegalStateException: boom\",{}]");
    }

    // ---------------------------------------------------------------- CALLs of the Central System

    @Test
    void sendsScheduledCallsAfterTheUpgradeAndAfterTheBootNotificationAnswerOncePerSession() {
        OcppSession session = session(ReferenceCentralSystem.builder()
                .call(ScheduledCall.of("TriggerMessage", "{\"requestedMessage\":\"Heartbeat\"}"))
                .call(ScheduledCall.of("GetConfiguration", "{}").at(ScheduledCall.When.AFTER_UPGRADE)));

        assertThat(sent).containsExactly("[2,\"octt-cs-1\",\"GetConfiguration\",{}]");
        assertThat(answers(session, BOOT)).containsExactly(BOOT_ACCEPTED,
                "[2,\"octt-cs-2\",\"TriggerMessage\",{\"requestedMessage\":\"Heartbeat\"}]");
        assertThat(answers(session, BOOT)).containsExactly(BOOT_ACCEPTED);
        assertThat(answers(session, "[3,\"octt-cs-2\",{\"status\":\"Accepted\"}]")).isEmpty();
        assertThat(traffic.snapshot().answersToCentralSystemCalls())
                .containsExactly("[3,\"octt-cs-2\",{\"status\":\"Accepted\"}]");
    }

    @Test
    void sendCompletesWithTheChargePointsResultOrError() {
        OcppSession session = session();
        AtomicReference<ChargePointAnswer> result = new AtomicReference<>();
        AtomicReference<ChargePointAnswer> error = new AtomicReference<>();

        session.send("Reset", JSON.createObjectNode().put("type", "Soft")).subscribe(result::set);
        session.send("UnlockConnector", JSON.createObjectNode().put("connectorId", 1)).subscribe(error::set);
        assertThat(sent).containsExactly("[2,\"octt-cs-1\",\"Reset\",{\"type\":\"Soft\"}]",
                "[2,\"octt-cs-2\",\"UnlockConnector\",{\"connectorId\":1}]");
        session.receive("[4,\"octt-cs-2\",\"NotSupported\",\"no lock\",{\"x\":1}]");
        session.receive("[3,\"octt-cs-1\",{\"status\":\"Accepted\"}]");

        assertThat(result.get().isError()).isFalse();
        assertThat(result.get().payload().get("status").textValue()).isEqualTo("Accepted");
        assertThat(error.get().isError()).isTrue();
        assertThat(error.get().errorCode()).contains("NotSupported");
        assertThat(error.get().errorDescription()).contains("no lock");
        assertThat(error.get().payload().get("x").intValue()).isEqualTo(1);
        assertThat(error.get().frame()).isEqualTo("[4,\"octt-cs-2\",\"NotSupported\",\"no lock\",{\"x\":1}]");
    }

    @Test
    void sendFailsWhenTheSessionClosesBeforeTheAnswerOrIsClosedAlready() {
        OcppSession session = session();
        Mono<ChargePointAnswer> unanswered = session.send("Reset", JSON.createObjectNode());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        unanswered.subscribe(a -> { }, failure::set);

        session.close();

        assertThat(failure.get()).isInstanceOf(IllegalStateException.class)
                .hasMessage("the WebSocket of Charge Point CP001 (session 1) closed before it answered Reset");
        AtomicReference<Throwable> late = new AtomicReference<>();
        session.send("Reset", JSON.createObjectNode()).subscribe(a -> { }, late::set);
        assertThat(late.get()).hasMessage("the WebSocket of Charge Point CP001 (session 1) closed before it answered Reset");
    }
}
