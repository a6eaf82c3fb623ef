package org.octt.cli;

import org.octt.core.plugin.DiscoveredTestCase;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Environments for the CLI's tests: fakes for the run, discovery, PEM reading and reports; not a terminal. */
final class TestEnvironments {

    static final String ID = "TC_FAKE_001";
    static final String OTHER_ID = "TC_FAKE_002";

    private TestEnvironments() {
    }

    static CliEnvironment with(RunService runService) {
        TestCatalog catalog = pluginDir -> new TestCatalog.Catalog(List.of(
                new DiscoveredTestCase(new FakeTestCase(ID, "A fake test case"), "classpath"),
                new DiscoveredTestCase(new FakeTestCase(OTHER_ID, "Another fake test case"), "fake-plugin.jar")),
                List.of());
        ReportWriter json = (result, out) -> out.write("{\"fake\":\"json\",\"result\":\"" + result + "\"}");
        ReportWriter junit = (result, out) -> out.write("<testsuite fake=\"" + result.verdict() + "\"/>");
        return new CliEnvironment(runService, catalog, new FakePemSource(), json, junit, Map.of(),
                Optional.empty(), false, Interrupts.NONE);
    }

    static CliEnvironment passing() {
        return with(FakeRunService.passing());
    }
}
