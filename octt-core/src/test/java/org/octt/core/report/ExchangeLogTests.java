package org.octt.core.report;

import org.junit.jupiter.api.Test;
import org.octt.core.engine.StepResult;
import org.octt.core.engine.TestCaseResult;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.Target;
import org.octt.core.spi.Verdict;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ExchangeLogTests {

    private static Map<String, Object> entry(String dir, String time, String frame) {
        return Map.of("dir", dir, "time", time, "frame", frame);
    }

    private static TestCaseResult testCase(StepResult... steps) {
        return TestCaseResult.of(Target.parse("wss://cs.example.com/ocpp/CP1"), "TC_X", "X", Verdict.PASSED, List.of(),
                Instant.parse("2025-01-01T00:00:00Z"), Duration.ofSeconds(1), false, List.of(steps));
    }

    private static StepResult step(String name, CheckResult... checks) {
        return StepResult.of(name, name, Verdict.PASSED, "", Duration.ZERO, List.of(checks));
    }

    @Test
    void collectsTheEntriesOfEveryCheckOnceInTimeOrderNamingTheCheckThatRecordedThem() {
        Map<String, Object> upgrade = entry("SENT", "2025-01-01T00:00:00.100Z", "GET /ocpp/CP1 HTTP/1.1");
        CheckResult ws = CheckResult.passed("ws.upgrade", "upgraded").withEvidence(ExchangeLog.EVIDENCE_KEY,
                List.of(upgrade, entry("RECEIVED", "2025-01-01T00:00:00.300Z", "HTTP/1.1 101 Switching Protocols")));
        CheckResult boot = CheckResult.passed("ocpp.boot", "accepted").withEvidence(ExchangeLog.EVIDENCE_KEY,
                List.of(upgrade, entry("SENT", "2025-01-01T00:00:00.200Z", "[2,\"1\",\"BootNotification\",{}]"),
                        entry("RECEIVED", "2025-01-01T00:00:00.300Z", "[3,\"1\",{}]")));

        List<ExchangeLog.Entry> log = ExchangeLog.of(testCase(step("connect", ws), step("boot", boot)));

        assertThat(log).containsExactly(
                ExchangeLog.Entry.of("connect", "ws.upgrade", "SENT", "2025-01-01T00:00:00.100Z", "GET /ocpp/CP1 HTTP/1.1"),
                ExchangeLog.Entry.of("boot", "ocpp.boot", "SENT", "2025-01-01T00:00:00.200Z", "[2,\"1\",\"BootNotification\",{}]"),
                ExchangeLog.Entry.of("connect", "ws.upgrade", "RECEIVED", "2025-01-01T00:00:00.300Z",
                        "HTTP/1.1 101 Switching Protocols"),
                ExchangeLog.Entry.of("boot", "ocpp.boot", "RECEIVED", "2025-01-01T00:00:00.300Z", "[3,\"1\",{}]"));
    }

    @Test
    void leavesEvidenceUnderTheKeyThatIsNotALogInTheEvidence() {
        CheckResult odd = CheckResult.passed("c", "m").withEvidence(ExchangeLog.EVIDENCE_KEY,
                List.of(entry("SIDEWAYS", "2025-01-01T00:00:00Z", "x")));
        CheckResult text = CheckResult.passed("d", "m").withEvidence(ExchangeLog.EVIDENCE_KEY, "a note");
        CheckResult badTime = CheckResult.passed("e", "m").withEvidence(ExchangeLog.EVIDENCE_KEY,
                List.of(entry("SENT", "yesterday", "x")));
        StepResult s = step("s", odd, text, badTime);

        assertThat(ExchangeLog.of(testCase(s))).isEmpty();
        assertThat(ExchangeLog.evidenceWithoutLog(s, odd)).containsOnlyKeys(ExchangeLog.EVIDENCE_KEY);
        assertThat(ExchangeLog.evidenceWithoutLog(s, text)).containsEntry(ExchangeLog.EVIDENCE_KEY, "a note");
        assertThat(ExchangeLog.text(s, badTime)).isEmpty();
    }

    @Test
    void writesAnEntryAsTimeDirectionAndFrameWithFurtherLinesIndentedUnderTheFrame() {
        CheckResult c = CheckResult.passed("ws.upgrade", "m").withEvidence(ExchangeLog.EVIDENCE_KEY, List.of(
                entry("SENT", "2025-01-01T00:00:00.100Z", "GET /ocpp/CP1 HTTP/1.1\r\nHost: cs.example.com"),
                entry("RECEIVED", "2025-01-01T00:00:00.200Z", "HTTP/1.1 401 Unauthorized")));

        assertThat(ExchangeLog.text(step("s", c), c)).isEqualTo(
                "2025-01-01T00:00:00.100Z  >>  GET /ocpp/CP1 HTTP/1.1\n"
                        + "                              Host: cs.example.com\n"
                        + "2025-01-01T00:00:00.200Z  <<  HTTP/1.1 401 Unauthorized\n");
    }
}
