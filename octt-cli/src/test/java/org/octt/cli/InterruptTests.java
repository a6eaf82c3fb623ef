package org.octt.cli;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.octt.core.engine.RunEvent;
import org.octt.core.engine.RunPlan;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.octt.cli.TestEnvironments.ID;

class InterruptTests {

    @TempDir
    Path dir;

    @Test
    @Timeout(10)
    void stopsTheRunOnInterruptAndWritesTheReportsOfWhatFinished() throws Exception {
        AtomicReference<Runnable> onInterrupt = new AtomicReference<>();
        Interrupts interrupts = action -> {
            onInterrupt.set(action);
            return () -> onInterrupt.set(null);
        };
        CountDownLatch interruptReturned = new CountDownLatch(1);
        AtomicBoolean cancelled = new AtomicBoolean();
        // the first target's events, then an interrupt (as Ctrl-C would, on another thread), then nothing
        RunService hanging = new RunService() {
            @Override
            public Flux<RunEvent> run(RunPlan plan, MeterRegistry registry) {
                RunPlan first = new RunPlan(plan.testCases(), plan.targets().subList(0, 1), 1);
                Flux<RunEvent> firstTarget = Flux.<RunEvent>just(new RunEvent.RunStarted(java.time.Instant.now(),
                                plan.testCases().size(), plan.targets().size()))
                        .concatWith(FakeRunService.passing().run(first, registry).skip(1)
                                .filter(e -> !(e instanceof RunEvent.RunFinished)));
                Flux<RunEvent> interrupt = Flux.defer(() -> {
                    Thread t = new Thread(() -> {
                        onInterrupt.get().run();
                        interruptReturned.countDown();
                    });
                    t.start();
                    return Flux.never();
                });
                return firstTarget.concatWith(interrupt).doOnCancel(() -> cancelled.set(true));
            }
        };
        Path targets = Files.writeString(dir.resolve("fleet.csv"),
                "url\nwss://a.example.com/ocpp/CP001\nwss://b.example.com/ocpp/CP002\n");
        Path json = dir.resolve("report.json");
        CliEnvironment env = TestEnvironments.with(hanging).withInterrupts(interrupts)
                .withEnv(Map.of(CliEnvironment.PASSWORD_ENV, "pw"));

        Cli.Result result = Cli.run(env, "run", ID, "--targets", targets.toString(), "--report-json", json.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INCONCLUSIVE);
        assertThat(cancelled).isTrue();
        assertThat(interruptReturned.await(5, TimeUnit.SECONDS)).as("the interrupt waits for the reports, then returns").isTrue();
        assertThat(onInterrupt.get()).as("unregistered after the run").isNull();
        assertThat(result.out()).contains("PASSED        " + ID + " @ wss://a.example.com/ocpp/CP001",
                "cancelled: 1 test case run did not run: " + ID + " @ wss://b.example.com/ocpp/CP002",
                "Result: INCONCLUSIVE  1 test case run: 1 passed");
        String report = Files.readString(json);
        assertThat(report).contains("cancelled=true", "notRun=[" + ID + " @ wss://b.example.com/ocpp/CP002]",
                "testCases=[TestCaseResult[target=wss://a.example.com/ocpp/CP001")
                .doesNotContain("TestCaseResult[target=wss://b.example.com");
    }
}
