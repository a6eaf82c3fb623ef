package org.octt.junit.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.octt.core.spi.Verdict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/** The octt engine under the JUnit Platform's own EngineTestKit, with test-only plugins that connect nowhere. */
class OcttTestEngineTests {

    static final String URL = "wss://csms.example.com/ocpp/CP001";

    @TempDir
    Path dir;

    private final Map<String, String> environment = new HashMap<>();

    private Map<String, String> target() throws IOException {
        Path password = Files.writeString(dir.resolve("password"), "a-password-of-24-chars!!\n");
        Map<String, String> p = new LinkedHashMap<>();
        p.put("octt.url", URL);
        p.put("octt.basic-auth-password-file", password.toString());
        return p;
    }

    private EngineTestKit.Builder kit(Map<String, String> parameters) {
        return EngineTestKit.engine(new OcttTestEngine(environment::get))
                .enableImplicitConfigurationParameters(false)
                .configurationParameters(parameters)
                .selectors(selectClass(OcttTestEngineTests.class)); // as Surefire asks: by class
    }

    private EngineExecutionResults run(Map<String, String> parameters) {
        return kit(parameters).execute();
    }

    @Test
    void eachCheckIsATestPassedFailedOrAbortedWithTheChecksMessage() throws IOException {
        Map<String, String> p = target();
        p.put("octt.test-cases", VerdictsTestCase.ID);

        EngineExecutionResults results = run(p);

        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test("verdict.passed"), finishedSuccessfully()))
                .haveExactly(1, event(test("verdict.failed"), finishedWithFailure(instanceOf(CheckFailedError.class),
                        message("TLS 1.0 was accepted; expected a handshake_failure alert"))))
                .haveExactly(1, event(test("verdict.skipped"), abortedWithReason(instanceOf(CheckAbortedException.class),
                        message("no BootNotification: the connection was refused"))))
                .haveExactly(1, event(test("verdict.inconclusive"), abortedWithReason(
                        instanceOf(CheckAbortedException.class), message("no answer within 2s"))))
                .haveExactly(1, event(test("option.value"), finishedSuccessfully()));
        results.testEvents().dynamicallyRegistered().assertThatEvents()
                .extracting(e -> e.getTestDescriptor().getDisplayName())
                .containsExactly("verdict.passed", "verdict.failed", "verdict.skipped", "verdict.inconclusive",
                        "option.value");
        results.testEvents().aborted().assertThatEvents()
                .extracting(e -> ((CheckAbortedException) e.getRequiredPayload(
                        org.junit.platform.engine.TestExecutionResult.class).getThrowable().orElseThrow()).verdict())
                .containsExactly(Verdict.SKIPPED, Verdict.INCONCLUSIVE);
        results.containerEvents().assertThatEvents()
                .haveExactly(1, event(container(VerdictsTestCase.ID), displayName(VerdictsTestCase.ID
                        + " One check of each verdict"), finishedSuccessfully()));
        assertThat(results.testEvents().reportingEntryPublished().stream()
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs()).toList())
                .containsExactly(Map.of("message", "TLS 1.2 was accepted"),
                        Map.of("warning", "the certificate expires in 10 days"), Map.of("message", "answer=42"));
        assertThat(results.testEvents().failed().stream().map(Event::getTestDescriptor)
                .map(TestDescriptor::getUniqueId).map(Object::toString).toList())
                .containsExactly("[engine:octt]/[test-case:" + VerdictsTestCase.ID + "]/[check:verdict.failed]");
    }

    @Test
    void optionParametersReachTheTestCase() throws IOException {
        Map<String, String> p = target();
        p.put("octt.test-cases", VerdictsTestCase.ID);
        p.put("octt.option." + VerdictsTestCase.OPTION, "7");

        EngineExecutionResults results = run(p);

        assertThat(reportedMessage(results, "option.value")).isEqualTo("answer=7");
    }

    @Test
    void aTestCaseThatDoesNotApplyToTheTargetIsASkippedContainerWithTheReason() throws IOException {
        Map<String, String> p = target();
        p.put("octt.suite", Profile3TestCase.SUITE);

        EngineExecutionResults results = run(p);

        results.containerEvents().assertThatEvents()
                .haveExactly(1, event(container(Profile3TestCase.ID),
                        skippedWithReason("applies to security profile 3, the target is configured with profile 2")));
        results.testEvents().assertStatistics(stats -> stats.started(0).dynamicallyRegistered(0));
    }

    @Test
    void selectsBySuiteAndIdsSuitesFirstEachOnce() throws IOException {
        Map<String, String> p = target();
        p.put("octt.suite", Profile3TestCase.SUITE);
        p.put("octt.test-cases", VerdictsTestCase.ID + "," + Profile3TestCase.ID);

        assertThat(containerIds(kit(p).discover().getEngineDescriptor()))
                .containsExactly(Profile3TestCase.ID, VerdictsTestCase.ID);
    }

    @Test
    void aUniqueIdSelectorSelectsItsTestCaseOnly() throws IOException {
        Map<String, String> p = target();
        p.put("octt.suite", "junit-all"); // ignored: the request names its test case

        EngineExecutionResults results = EngineTestKit.engine(new OcttTestEngine(environment::get))
                .enableImplicitConfigurationParameters(false)
                .configurationParameters(p)
                .selectors(selectUniqueId("[engine:octt]/[test-case:" + VerdictsTestCase.ID + "]"))
                .execute();

        results.containerEvents().started().assertThatEvents()
                .extracting(e -> e.getTestDescriptor().getUniqueId().toString())
                .containsExactly("[engine:octt]", "[engine:octt]/[test-case:" + VerdictsTestCase.ID + "]");
        results.testEvents().assertStatistics(stats -> stats.succeeded(2).failed(1).aborted(2));
    }

    @Test
    void tagFiltersSelectBySuiteWhenOnlyTheUrlIsSet() throws IOException {
        EngineExecutionResults results = kit(target()).filters(TagFilter.includeTags(VerdictsTestCase.SUITE)).execute();

        results.containerEvents().started().assertThatEvents()
                .extracting(e -> e.getTestDescriptor().getUniqueId().toString())
                .containsExactly("[engine:octt]", "[engine:octt]/[test-case:" + VerdictsTestCase.ID + "]");
    }

    @Test
    void eachTestCaseIsTaggedOcttAndWithItsSuites() throws IOException {
        TestDescriptor engine = kit(target()).discover().getEngineDescriptor();

        assertThat(engine.getChildren()).extracting(TestDescriptor::getTags).containsExactlyInAnyOrder(
                java.util.Set.of(TestTag.create("octt"), TestTag.create("junit-all"), TestTag.create(VerdictsTestCase.SUITE)),
                java.util.Set.of(TestTag.create("octt"), TestTag.create("junit-all"), TestTag.create(Profile3TestCase.SUITE)));
    }

    @Test
    void withoutConfigurationTheEngineDiscoversNothingAndNeedsNothing() {
        EngineExecutionResults results = run(Map.of());

        results.allEvents().assertStatistics(stats -> stats.started(1).succeeded(1).failed(0));
        results.containerEvents().started().assertThatEvents()
                .extracting(e -> e.getTestDescriptor().getUniqueId().toString()).containsExactly("[engine:octt]");
    }

    static String reportedMessage(EngineExecutionResults results, String checkId) {
        return results.testEvents().reportingEntryPublished().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().equals(checkId))
                .map(e -> e.getRequiredPayload(ReportEntry.class).getKeyValuePairs().get("message"))
                .findFirst().orElseThrow();
    }

    static List<String> containerIds(TestDescriptor engine) {
        return engine.getChildren().stream().map(d -> d.getUniqueId().getLastSegment().getValue()).toList();
    }
}
