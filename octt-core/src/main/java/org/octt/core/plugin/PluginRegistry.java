package org.octt.core.plugin;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Test cases discovered with {@link java.util.ServiceLoader} on the class path and in a plugin
 * folder of jars. STUB: signatures fixed, implementation pending (issue 2).
 */
public final class PluginRegistry {

    private PluginRegistry() {
    }

    /**
     * Loads test cases visible to {@code parent} and, when given, from every jar in
     * {@code pluginDir} (a missing folder is no error). A broken jar is reported in
     * {@link #problems()} and the others still load; two test cases with one id fail with
     * {@link DuplicateTestCaseException} naming both classes.
     */
    public static PluginRegistry load(ClassLoader parent, Optional<Path> pluginDir) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Every discovered test case, sorted by id. */
    public List<DiscoveredTestCase> testCases() {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The test case with this id, if any. */
    public Optional<DiscoveredTestCase> find(String id) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** One line per plugin jar that could not be loaded. */
    public List<String> problems() {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
