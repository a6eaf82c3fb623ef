package org.octt.core;

import org.junit.jupiter.api.Test;
import org.octt.core.engine.NotRun;
import org.octt.core.engine.RunResult;
import org.octt.core.example.HelloTestCase;
import org.octt.core.plugin.PluginRegistry;
import org.octt.core.spi.Target;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Verdict;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OcttTests {

    private static final TestContext TARGET = TestContext.builder(Target.parse("wss://csms.example.com/ocpp/CP9")).build();

    @Test
    void rejectsAnUnknownTestCaseIdNamingItAndTheKnownOnes() throws IOException {
        try (PluginRegistry registry = PluginRegistry.load(getClass().getClassLoader(), Optional.empty())) {
            assertThatThrownBy(() -> Octt.builder().testCases(registry, "TC_999"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unknown test case id: TC_999 (known: OCTT_HELLO)");
        }
    }

    @Test
    void rejectsABuildWithoutTargetsOrWithABadConcurrency() {
        assertThatThrownBy(() -> Octt.builder().testCase(new HelloTestCase()).build())
                .hasMessage("a run needs at least one target");
        assertThatThrownBy(() -> Octt.builder().concurrency(0))
                .hasMessage("concurrency must be at least 1, was: 0");
    }

    @Test
    void runsAgainOnEachSubscriptionAndStreamsEventsEndingWithTheResult() {
        Octt octt = Octt.builder().testCase(new HelloTestCase()).target(TARGET).build();

        StepVerifier.create(octt.events().map(e -> e.getClass().getSimpleName()))
                .expectNext("RunStarted", "TestCaseStarted", "StepStarted", "CheckReported", "StepFinished",
                        "TestCaseFinished", "RunFinished")
                .verifyComplete();
        RunResult again = octt.result().block(Duration.ofSeconds(10));
        assertThat(again).isNotNull();
        assertThat(again.verdict()).isEqualTo(Verdict.PASSED);
        assertThat(again.testCases().get(0).checks().get(0).message()).isEqualTo("the URL names Charge Point CP9");
    }

    @Test
    void endsWithACancelledResultWhenTheCancelSignalFiresBeforeTheRunStarts() {
        RunResult result = Octt.builder().testCase(new HelloTestCase()).target(TARGET).cancelOn(Mono.just("stop"))
                .build().result().block(Duration.ofSeconds(10));

        assertThat(result).isNotNull();
        assertThat(result.cancelled()).isTrue();
        assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(result.notRun()).extracting(NotRun::label, NotRun::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("OCTT_HELLO @ wss://csms.example.com/ocpp/CP9", NotRun.Kind.CANCELLED));
        assertThat(result.testCases()).isEmpty();
    }

    @Test
    void reportsTheBuiltVersion() {
        assertThat(Version.current()).matches("\\d+\\.\\d+\\.\\d+.*");
    }
}
