package org.octt.core.engine;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.Step;
import org.octt.core.spi.Target;
import org.octt.core.spi.TestContext;
import reactor.core.publisher.Flux;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedder's registry, given to the engine, holds the meters the instrument records through the context. */
class OneMeterRegistryTests {

    private static final Step RECORDS_A_METER = Step.of("measure", "records a meter on the context's registry", ctx -> {
        ctx.meterRegistry().counter("instrument.handshakes").increment();
        return Flux.just(CheckResult.passed("measure.done", "recorded"));
    });

    private static void run(SimpleMeterRegistry engineRegistry, TestContext context) {
        Engine.create(engineRegistry).run(RunPlan.of(java.util.List.of(FakeTestCase.of("TC_METERS", RECORDS_A_METER)), context))
                .blockLast(Duration.ofSeconds(10));
    }

    @Test
    void aContextWithoutARegistryRecordsOnTheEnginesRegistry() {
        SimpleMeterRegistry embedder = new SimpleMeterRegistry();
        TestContext context = TestContext.builder(Target.parse("wss://csms.example.com/ocpp/CP001")).build();

        run(embedder, context);

        assertThat(embedder.counter("instrument.handshakes").count()).isEqualTo(1.0);
        assertThat(context.meterRegistry().find("instrument.handshakes").counter()).isNull();
    }

    @Test
    void aContextWithItsOwnRegistryKeepsIt() {
        SimpleMeterRegistry embedder = new SimpleMeterRegistry();
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        TestContext context = TestContext.builder(Target.parse("wss://csms.example.com/ocpp/CP001")).meterRegistry(own).build();

        run(embedder, context);

        assertThat(own.counter("instrument.handshakes").count()).isEqualTo(1.0);
        assertThat(embedder.find("instrument.handshakes").counter()).isNull();
    }
}
