package org.octt.cli;

import org.octt.core.plugin.DiscoveredTestCase;

import org.octt.core.spi.TestCase;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Environments for the CLI's unit tests: a canned run service and an in-memory catalog; PEM files
 * and reports are the real ones (octt-tls PemFiles, octt-core reports); not a terminal. The
 * end-to-end tests use {@link #engine} instead.
 */
final class TestEnvironments {

    static final String ID = "TC_FAKE_001";
    static final String OTHER_ID = "TC_FAKE_002";

    private TestEnvironments() {
    }

    static CliEnvironment with(RunService runService) {
        TestCatalog catalog = pluginDir -> new TestCatalog.Catalog(List.of(
                DiscoveredTestCase.of(new FakeTestCase(ID, "A fake test case"), "classpath (test-classes)"),
                DiscoveredTestCase.of(new FakeTestCase(OTHER_ID, "Another fake test case"), "fake-plugin.jar")),
                List.of());
        return new CliEnvironment(runService, catalog, Map.of(), Optional.empty(), false, Interrupts.NONE);
    }

    /** The real engine over these test cases (found "on the class path"); not a terminal. */
    static CliEnvironment engine(TestCase... testCases) {
        List<DiscoveredTestCase> found = new ArrayList<>();
        for (TestCase t : testCases) {
            found.add(DiscoveredTestCase.of(t, "classpath (test-classes)"));
        }
        return new CliEnvironment(RunService.engine(), pluginDir -> new TestCatalog.Catalog(found, List.of()),
                Map.of(), Optional.empty(), false, Interrupts.NONE);
    }

    /**
     * {@code env} with a console of 1000 columns, so that no message is wrapped: for the tests that
     * assert a message's text on the console (the layout at a given width is ConsoleOutputTests').
     */
    static CliEnvironment wide(CliEnvironment env) {
        Map<String, String> variables = new java.util.HashMap<>(env.env());
        variables.put("COLUMNS", "1000");
        return env.withEnv(variables);
    }

    static CliEnvironment passing() {
        return with(FakeRunService.passing());
    }
}
