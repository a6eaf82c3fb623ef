package org.octt.core.report;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.octt.core.engine.Engine;
import org.octt.core.engine.NotRun;
import org.octt.core.engine.RunEvent;
import org.octt.core.engine.RunPlan;
import org.octt.core.engine.RunResult;
import org.octt.core.engine.TestCaseResult;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.Step;
import org.octt.core.spi.Target;
import org.octt.core.spi.TestCase;
import org.octt.core.spi.Verdict;
import org.octt.testsupport.ReportSchema;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON reports of the engine's runs, of every shape, are valid against docs/report.schema.json. */
class ReportSchemaTests {

    private static String json(RunResult result) throws IOException {
        StringWriter out = new StringWriter();
        JsonReport.write(result, out);
        return out.toString();
    }

    @Test
    void aRunWithEveryCheckVerdictAMessageLogAndANotApplicableTestCaseIsValid() throws IOException {
        RunResult finished = ReportFixtures.run();
        RunResult result = RunResult.of(finished.startedAt(), finished.duration(), finished.testCases(), false,
                List.of(NotRun.notApplicable("TC_P3", "Profile 3 card", finished.testCases().get(0).target(),
                        "applies to security profile 3, the target is configured with profile 2")));
        String json = json(result);

        assertThat(result.testCases().get(0).checks()).extracting(CheckResult::verdict)
                .contains(Verdict.PASSED, Verdict.FAILED, Verdict.SKIPPED);
        assertThat(result.testCases().get(0).steps()).extracting(s -> s.verdict())
                .containsExactly(Verdict.FAILED, Verdict.INCONCLUSIVE, Verdict.SKIPPED);
        assertThat(json).contains("\"messageLog\" : [ {");
        assertThat(ReportSchema.violations(json)).isEmpty();
    }

    @Test
    void aRunCancelledMidwayWithTestCasesNotStartedIsValid() throws IOException {
        Sinks.Empty<Void> ctrlC = Sinks.empty();
        TestCase quick = ReportFixtures.testCase("TC_QUICK", "passes", List.of(
                Step.of("only", "passes", c -> Flux.just(CheckResult.passed("ok", "fine")))));
        TestCase hang = ReportFixtures.testCase("TC_HANG", "hangs", List.of(
                Step.of("hang", "connects, then never answers", List.of("hang.connected", "hang.answered"),
                        c -> Flux.concat(Flux.just(CheckResult.passed("hang.connected", "connected")
                                .withEvidence(ExchangeLog.EVIDENCE_KEY, List.of(Map.of("dir", "SENT",
                                        "time", "2025-01-01T00:00:00Z", "frame", "[2,\"1\",\"Heartbeat\",{}]")))),
                                Flux.never())),
                Step.of("after", "never reached", List.of("after"), c -> Flux.just(CheckResult.passed("after", "never")))));
        TestCase never = ReportFixtures.testCase("TC_NEVER", "never starts", quick.steps());
        RunPlan plan = RunPlan.of(List.of(quick, hang, never), List.of(ReportFixtures.context()), 1);

        RunEvent last = Engine.create(new SimpleMeterRegistry()).run(plan, ctrlC.asMono())
                .doOnNext(e -> {
                    if (e instanceof RunEvent.CheckReported c && c.check().id().equals("hang.connected")) {
                        ctrlC.tryEmitEmpty();
                    }
                })
                .last().block(Duration.ofSeconds(10));
        RunResult result = ((RunEvent.RunFinished) last).result();

        assertThat(result.cancelled()).isTrue();
        assertThat(result.testCases()).extracting(TestCaseResult::id, TestCaseResult::verdict)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("TC_QUICK", Verdict.PASSED),
                        org.assertj.core.groups.Tuple.tuple("TC_HANG", Verdict.INCONCLUSIVE));
        assertThat(result.testCases().get(1).checks()).extracting(CheckResult::id, CheckResult::verdict).containsExactly(
                org.assertj.core.groups.Tuple.tuple("hang.connected", Verdict.PASSED),
                org.assertj.core.groups.Tuple.tuple("hang.answered", Verdict.INCONCLUSIVE),
                org.assertj.core.groups.Tuple.tuple("after", Verdict.SKIPPED));
        assertThat(result.notRun()).extracting(NotRun::kind).containsExactly(NotRun.Kind.CANCELLED);
        assertThat(ReportSchema.violations(json(result))).isEmpty();
    }

    @Test
    void aCancelledRunThatFinishedNothingAndAnEmptyRunAreValid() throws IOException {
        RunResult cancelled = RunResult.of(Instant.parse("2025-01-02T03:04:05Z"), Duration.ofMillis(1500), List.of(),
                true, List.of(NotRun.cancelled("TC_086_CSMS", "TLS", Target.parse("wss://a.example.com/ocpp/CP1"))));
        RunResult empty = RunResult.of(Instant.parse("2025-01-02T03:04:05Z"), Duration.ZERO, List.of(), false, List.of());

        assertThat(ReportSchema.violations(json(cancelled))).isEmpty();
        assertThat(json(empty)).contains("\"target\" : null");
        assertThat(ReportSchema.violations(json(empty))).isEmpty();
    }

    @Test
    void theSchemaRejectsAReportThatBreaksIt() throws IOException {
        String json = json(ReportFixtures.run());

        assertThat(ReportSchema.violations(json.replace("\"schemaVersion\" : \"2\"", "\"schemaVersion\" : \"1\"")))
                .singleElement().asString().contains("schemaVersion");
        assertThat(ReportSchema.violations(json.replace("\"dir\" : \"SENT\"", "\"dir\" : \"OUT\"")))
                .singleElement().asString().contains("dir");
        assertThat(ReportSchema.violations(json.replace("\"insecure\" : false,", "")))
                .singleElement().asString().contains("insecure");
        assertThat(ReportSchema.violations(json.replace("\"startedAt\" : \"", "\"startedAt\" : \"yesterday ")))
                .isNotEmpty().allSatisfy(m -> assertThat(m).contains("startedAt"));
    }
}
