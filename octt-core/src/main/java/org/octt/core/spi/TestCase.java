package org.octt.core.spi;

import java.util.List;
import java.util.Set;

/**
 * A compliance test case: a plugin discovered with {@link java.util.ServiceLoader}. Register an
 * implementation in {@code META-INF/services/org.octt.core.spi.TestCase}; it needs a public
 * no-argument constructor.
 *
 * <p>Four facts and a list of steps. The engine runs the steps in order, each once per run, and
 * applies the card's rule: a failed check never stops later steps but fails the test case; a step
 * that signals {@link StepAbortedException} (no connection at all) ends the run, and the steps after
 * it are reported {@link Verdict#SKIPPED} with the reason.
 *
 * <p>Implementations must be stateless and thread-safe: one instance may run against many targets
 * at once. Keep per-run state in {@link TestContext#state()}.
 */
public interface TestCase {

    /** The test case id, e.g. {@code TC_086_CSMS}; never blank, unique among loaded plugins. */
    String id();

    /** The card's title, e.g. {@code TLS - server-side certificate - Valid certificate}. */
    String title();

    /** The system under test. */
    SystemUnderTest systemUnderTest();

    /** The OCPP version the test case is written for. */
    OcppVersion ocppVersion();

    /** The steps, in the order they run; never empty, step names unique within the test case. */
    List<Step> steps();

    /**
     * The options this test case reads with {@link TestContext#option(String)}, keys unique. Only
     * declared keys can be set; a value is checked against its descriptor before anything runs.
     * Default: none.
     */
    default List<OptionDescriptor> options() {
        return List.of();
    }

    /**
     * What the configuration must be for this test case to apply; one that does not apply is
     * reported as not run, with the reason, and does not change the verdict. Default: applies to
     * every configuration.
     */
    default Prerequisites prerequisites() {
        return Prerequisites.none();
    }

    /**
     * The built-in suites this test case belongs to (e.g. {@code ocpp16-security}): a suite is run
     * with {@code octt run --suite NAME} and holds its test cases in id order. Names are lower case
     * words joined by '-'. Default: none.
     */
    default Set<String> suites() {
        return Set.of();
    }
}
