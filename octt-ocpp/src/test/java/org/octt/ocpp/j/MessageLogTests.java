package org.octt.ocpp.j;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MessageLogTests {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private static MessageLog log() {
        return MessageLog.create(Clock.fixed(T0, ZoneOffset.UTC));
    }

    @Test
    void redactsTheAuthorizationKeyOfAChangeConfigurationCall() {
        MessageLog log = log();
        log.received("[2,\"c1\",\"ChangeConfiguration\",{\"key\":\"AuthorizationKey\",\"value\":\"0123456789abcdef\"}]");
        log.received("[2,\"c2\",\"ChangeConfiguration\",{\"key\":\"HeartbeatInterval\",\"value\":\"60\"}]");

        assertThat(log.entries()).extracting(MessageLog.Entry::frame).containsExactly(
                "[2,\"c1\",\"ChangeConfiguration\",{\"key\":\"AuthorizationKey\",\"value\":\"****\"}]",
                "[2,\"c2\",\"ChangeConfiguration\",{\"key\":\"HeartbeatInterval\",\"value\":\"60\"}]");
    }

    @Test
    void redactsAnAuthorizationKeyInAConfigurationKeyList() {
        MessageLog log = log();
        log.sent("[3,\"g1\",{\"configurationKey\":[{\"key\":\"AuthorizationKey\",\"readonly\":false,\"value\":\"abcdabcd\"}]}]");

        assertThat(log.entries().get(0).frame()).doesNotContain("abcdabcd").contains("\"value\":\"****\"");
    }

    @Test
    void cutsAFrameThatNamesAuthorizationKeyButIsNoJsonAfterTheKey() {
        MessageLog log = log();
        log.received("[2,\"c1\",\"ChangeConfiguration\",{\"key\":\"AuthorizationKey\",\"value\":\"0123456789abcdef\"");

        assertThat(log.entries().get(0).frame())
                .isEqualTo("[2,\"c1\",\"ChangeConfiguration\",{\"key\":\"AuthorizationKey **** (frame cut: not JSON)");
    }

    @Test
    void redactsMarkedSecretsInEntriesBeforeAndAfterTheMark() {
        MessageLog log = log();
        log.sent("[2,\"d1\",\"DataTransfer\",{\"vendorId\":\"x\",\"data\":\"my-secret-token\"}]");
        log.markSecret("my-secret-token");
        log.received("[3,\"d1\",{\"status\":\"Accepted\",\"data\":\"echo my-secret-token\"}]");
        log.markSecret("ab"); // too short to search for

        assertThat(log.entries()).extracting(MessageLog.Entry::frame).containsExactly(
                "[2,\"d1\",\"DataTransfer\",{\"vendorId\":\"x\",\"data\":\"****\"}]",
                "[3,\"d1\",{\"status\":\"Accepted\",\"data\":\"echo ****\"}]");
    }

    @Test
    void givesEvidenceAsDirTimeFrameMapsAndMarksForLaterSlices() {
        MessageLog log = log();
        log.sent("[2,\"h1\",\"Heartbeat\",{}]");
        int mark = log.size();
        log.received("[3,\"h1\",{\"currentTime\":\"2025-01-01T00:00:00Z\"}]");

        assertThat(MessageLog.evidence(log.since(mark))).isEqualTo(List.of(Map.of("dir", "RECEIVED",
                "time", "2025-01-01T00:00:00Z", "frame", "[3,\"h1\",{\"currentTime\":\"2025-01-01T00:00:00Z\"}]")));
        assertThat(log.evidence()).hasSize(2).first().isEqualTo(Map.of("dir", "SENT", "time", "2025-01-01T00:00:00Z",
                "frame", "[2,\"h1\",\"Heartbeat\",{}]"));
    }

    @Test
    void keepsAtMostMaxEntriesAndCutsLongFrames() {
        MessageLog log = log();
        for (int i = 0; i < MessageLog.MAX_ENTRIES + 5; i++) {
            log.sent("x".repeat(i == 0 ? MessageLog.MAX_FRAME + 1 : 1));
        }

        assertThat(log.size()).isEqualTo(MessageLog.MAX_ENTRIES);
        assertThat(log.dropped()).isEqualTo(5);
        assertThat(log.entries().get(0).frame()).endsWith("... (" + (MessageLog.MAX_FRAME + 1) + " characters)");
    }
}
