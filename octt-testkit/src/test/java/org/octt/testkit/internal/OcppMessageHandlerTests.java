package org.octt.testkit.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.octt.testkit.Fault;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OcppMessageHandlerTests {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T12:00:00.123456Z"), ZoneOffset.UTC);
    private static final String BOOT =
            "[2,\"m1\",\"BootNotification\",{\"chargePointVendor\":\"octt\",\"chargePointModel\":\"t\"}]";

    private final TrafficRecorder traffic = new TrafficRecorder();

    private OcppMessageHandler handler(Fault... faults) {
        return new OcppMessageHandler(new ObjectMapper(), Set.of(faults), traffic, CLOCK);
    }

    @Test
    void acceptsBootNotificationWithCurrentTimeAndInterval() {
        assertThat(handler().handle(BOOT))
                .contains("[3,\"m1\",{\"currentTime\":\"2025-06-01T12:00:00.123Z\",\"interval\":300,\"status\":\"Accepted\"}]");
        assertThat(traffic.snapshot().bootNotifications()).isEqualTo(1);
    }

    @Test
    void rejectsBootNotificationWithBootRejected() {
        assertThat(handler(Fault.BOOT_REJECTED).handle(BOOT)).hasValueSatisfying(
                s -> assertThat(s).contains("\"status\":\"Rejected\"", "\"currentTime\""));
    }

    @Test
    void answersWithoutCurrentTimeAndWithTextIntervalWithBootInvalid() {
        assertThat(handler(Fault.BOOT_INVALID).handle(BOOT))
                .contains("[3,\"m1\",{\"interval\":\"300s\",\"status\":\"Accepted\"}]");
    }

    @Test
    void answersStatusNotificationWithEmptyPayloadAndRecordsConnector() {
        assertThat(handler().handle(
                "[2,\"m2\",\"StatusNotification\",{\"connectorId\":1,\"errorCode\":\"NoError\",\"status\":\"Available\"}]"))
                .contains("[3,\"m2\",{}]");
        assertThat(traffic.snapshot().statusNotificationConnectorIds()).containsExactly(1);
    }

    @Test
    void answersStatusNotificationWithCallErrorWithStatusNotificationError() {
        assertThat(handler(Fault.STATUS_NOTIFICATION_ERROR).handle(
                "[2,\"m2\",\"StatusNotification\",{\"connectorId\":0,\"errorCode\":\"NoError\",\"status\":\"Available\"}]"))
                .contains("[4,\"m2\",\"InternalError\",\"StatusNotification could not be processed\",{}]");
    }

    @Test
    void answersHeartbeatWithCurrentTime() {
        assertThat(handler().handle("[2,\"m3\",\"Heartbeat\",{}]"))
                .contains("[3,\"m3\",{\"currentTime\":\"2025-06-01T12:00:00.123Z\"}]");
    }

    @Test
    void answersUnknownActionWithNotImplemented() {
        assertThat(handler().handle("[2,\"m4\",\"DataTransfer\",{\"vendorId\":\"x\"}]"))
                .contains("[4,\"m4\",\"NotImplemented\",\"action DataTransfer is not implemented\",{}]");
    }

    @Test
    void answersMalformedMessagesWithFormationViolation() {
        assertThat(handler().handle("not json")).contains("[4,\"-1\",\"FormationViolation\",\"message is not JSON\",{}]");
        assertThat(handler().handle("{\"a\":1}")).hasValueSatisfying(s -> assertThat(s).startsWith("[4,\"-1\",\"FormationViolation\""));
        assertThat(handler().handle("[2,\"m5\",\"Heartbeat\",[]]"))
                .contains("[4,\"m5\",\"FormationViolation\",\"payload is not a JSON object\",{}]");
    }

    @Test
    void answersIncompleteBootNotificationWithProtocolErrorNamingField() {
        assertThat(handler().handle("[2,\"m6\",\"BootNotification\",{\"chargePointVendor\":\"octt\"}]"))
                .contains("[4,\"m6\",\"ProtocolError\",\"BootNotification.req lacks chargePointModel\",{}]");
        assertThat(traffic.snapshot().bootNotifications()).isZero();
    }

    @Test
    void ignoresResultsAndErrorsFromTheChargePoint() {
        assertThat(handler().handle("[3,\"x\",{}]")).isEmpty();
        assertThat(handler().handle("[4,\"x\",\"GenericError\",\"\",{}]")).isEmpty();
    }

    @Test
    void sendsItsOwnCallOnBootNotificationAndAnswersBootOnlyAfterTheChargePointAnsweredIt() {
        OcppMessageHandler.Session session = handler(Fault.SENDS_CALL_FIRST).session();

        assertThat(session.handle(BOOT)).containsExactly("[2,\"octt-cs-1\",\"GetConfiguration\",{}]");
        assertThat(session.handle("[2,\"m3\",\"Heartbeat\",{}]"))
                .containsExactly("[3,\"m3\",{\"currentTime\":\"2025-06-01T12:00:00.123Z\"}]");
        assertThat(session.handle("[3,\"octt-cs-1\",{\"configurationKey\":[]}]")).containsExactly(
                "[3,\"m1\",{\"currentTime\":\"2025-06-01T12:00:00.123Z\",\"interval\":300,\"status\":\"Accepted\"}]");
        assertThat(traffic.snapshot().answersToCentralSystemCalls())
                .containsExactly("[3,\"octt-cs-1\",{\"configurationKey\":[]}]");
        // one CALL per WebSocket: a second BootNotification is answered at once
        assertThat(session.handle(BOOT)).singleElement().asString().startsWith("[3,\"m1\",");
    }

    @Test
    void neverAnswersBootNotificationWhileItsOwnCallIsUnanswered() {
        OcppMessageHandler.Session session = handler(Fault.SENDS_CALL_FIRST).session();

        session.handle(BOOT);

        assertThat(session.handle("[3,\"other\",{}]")).isEmpty();
        assertThat(traffic.snapshot().answersToCentralSystemCalls()).isEmpty();
    }

    @Test
    void answersEachFrameAsHandleDoesWithoutTheFault() {
        assertThat(handler().session().handle(BOOT)).singleElement().asString().startsWith("[3,\"m1\",");
    }

    @Test
    void recordsButNeverAnswersWithNoAnswer() {
        assertThat(handler(Fault.NO_ANSWER).handle(BOOT)).isEmpty();
        assertThat(traffic.snapshot().bootNotifications()).isEqualTo(1);
    }
}
