package org.octt.core.embedding;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.octt.core.engine.RunEvent;
import org.octt.core.engine.RunResult;
import org.octt.core.spi.Secret;
import org.octt.core.spi.Verdict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the embedding snippet of docs/embedding.md and checks the doc quotes it verbatim. */
class ComplianceRunTests {

    @Test
    void runsTheDocumentedSnippetAndStreamsEventsThenTheResult() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        List<RunEvent> seen = new CopyOnWriteArrayList<>();

        RunResult result = ComplianceRun.check("wss://csms.example.com/ocpp/CP001", Secret.of("not-printed"),
                meters, seen::add).block(Duration.ofSeconds(10));

        assertThat(result).isNotNull();
        assertThat(result.verdict()).isEqualTo(Verdict.PASSED);
        assertThat(result.testCases()).singleElement().satisfies(tc -> {
            assertThat(tc.id()).isEqualTo("OCTT_HELLO");
            assertThat(tc.checks()).singleElement().satisfies(c ->
                    assertThat(c.message()).isEqualTo("the URL names Charge Point CP001"));
        });
        assertThat(seen.get(0)).isInstanceOf(RunEvent.RunStarted.class);
        assertThat(seen.get(seen.size() - 1)).isInstanceOf(RunEvent.RunFinished.class);
        assertThat(meters.get("octt.testcase.duration").tag("testcase", "OCTT_HELLO").timer().count()).isEqualTo(1);
    }

    @Test
    void failsWithTheReasonWhenTheUrlNamesNoChargePoint() {
        RunResult result = ComplianceRun.check("wss://csms.example.com", Secret.of("x"), new SimpleMeterRegistry(),
                e -> { }).block(Duration.ofSeconds(10));

        assertThat(result).isNotNull();
        assertThat(result.verdict()).isEqualTo(Verdict.FAILED);
        assertThat(result.testCases().get(0).reasons()).containsExactly("hello.charge-point-id: expected the URL's "
                + "last path segment to be the ChargePointId, saw no path; use wss://host/path/<ChargePointId>");
    }

    @Test
    void docsQuoteTheSnippetVerbatim() throws IOException {
        String source = Files.readString(Path.of("src/test/java/org/octt/core/embedding/ComplianceRun.java"));
        String snippet = source.substring(source.indexOf('\n', source.indexOf("// snippet:start")) + 1,
                source.indexOf("// snippet:end"));
        String doc = Files.readString(Path.of("../docs/embedding.md"));

        assertThat(doc).contains("```java\n" + snippet + "```");
    }
}
