package org.octt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.Step;
import reactor.core.publisher.Flux;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Ctrl-C through the real engine: the run stops, the reports of what finished are written. */
class InterruptTests {

    private static final String ID = "TC_HANGS_ON_CP002";

    @TempDir
    Path dir;

    @Test
    @Timeout(20)
    void stopsTheRunOnInterruptAndWritesTheReportsOfWhatFinished() throws Exception {
        AtomicReference<Runnable> onInterrupt = new AtomicReference<>();
        Interrupts interrupts = action -> {
            onInterrupt.set(action);
            return () -> onInterrupt.set(null);
        };
        CountDownLatch interruptReturned = new CountDownLatch(1);
        CountDownLatch stepCancelled = new CountDownLatch(1);
        // CP001 passes; on CP002 the step hangs and, once it runs, Ctrl-C comes (on another thread, as a shutdown hook)
        Step exchange = Step.of("exchange", "Exchange a message", ctx -> {
            if (ctx.chargePointId().orElseThrow().equals("CP001")) {
                return Flux.just(CheckResult.passed("exchange.ok", "answered"));
            }
            return Flux.<CheckResult>never()
                    .doOnSubscribe(s -> new Thread(() -> {
                        onInterrupt.get().run();
                        interruptReturned.countDown();
                    }, "test-ctrl-c").start())
                    .doOnCancel(stepCancelled::countDown);
        });
        CliEnvironment env = TestEnvironments.engine(new ScriptedTestCase(ID, "Hangs on CP002", exchange))
                .withInterrupts(interrupts).withEnv(Map.of(CliEnvironment.PASSWORD_ENV, "pw"));
        Path targets = Files.writeString(dir.resolve("fleet.csv"),
                "url\nwss://a.example.com/ocpp/CP001\nwss://b.example.com/ocpp/CP002\n");
        Path json = dir.resolve("report.json");
        Path junit = dir.resolve("report.xml");

        Cli.Result result = Cli.run(env, "run", ID, "--targets", targets.toString(), "--concurrency", "1",
                "--report-json", json.toString(), "--report-junit", junit.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.INCONCLUSIVE);
        assertThat(stepCancelled.await(5, TimeUnit.SECONDS)).as("the hanging step is cancelled").isTrue();
        assertThat(interruptReturned.await(5, TimeUnit.SECONDS)).as("the interrupt waits for the reports, then returns").isTrue();
        assertThat(onInterrupt.get()).as("unregistered after the run").isNull();
        assertThat(result.out()).contains("PASSED        " + ID + " @ wss://a.example.com/ocpp/CP001",
                "cancelled: the run was stopped before every test case finished",
                "Result: INCONCLUSIVE  2 test case runs: 1 passed, 0 failed, 1 inconclusive");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.at("/cancelled").asBoolean()).isTrue();
        assertThat(report.at("/verdict").asText()).isEqualTo("INCONCLUSIVE");
        assertThat(report.at("/notRun").toString()).as("it had started: it has a result").isEqualTo("[]");
        assertThat(report.at("/testCases")).hasSize(2);
        assertThat(report.at("/testCases/0/target/url").asText()).isEqualTo("wss://a.example.com/ocpp/CP001");
        assertThat(report.at("/testCases/0/verdict").asText()).isEqualTo("PASSED");
        assertThat(report.at("/testCases/1/target/url").asText()).isEqualTo("wss://b.example.com/ocpp/CP002");
        assertThat(report.at("/testCases/1/verdict").asText()).isEqualTo("INCONCLUSIVE");
        assertThat(report.at("/testCases/1/reasons").toString()).isEqualTo("[\"exchange: the run was cancelled\"]");
        assertThat(report.at("/testCases/1/steps/0/reason").asText()).isEqualTo("the run was cancelled");
        assertThat(Files.readString(junit)).contains("<testsuites name=\"octt\" tests=\"2\" failures=\"0\" errors=\"1\" skipped=\"0\"",
                "<testsuite name=\"" + ID + " @ wss://a.example.com/ocpp/CP001\"",
                "<testsuite name=\"" + ID + " @ wss://b.example.com/ocpp/CP002\"");
    }
}
