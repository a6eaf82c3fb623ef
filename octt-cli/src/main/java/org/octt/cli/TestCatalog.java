package org.octt.cli;

import org.octt.core.plugin.DiscoveredTestCase;
import org.octt.core.plugin.PluginRegistry;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Where {@code octt list} and {@code octt run} find test cases: plugin discovery in production. */
@FunctionalInterface
public interface TestCatalog {

    /** Discovers the test cases on the class path and in {@code pluginDir} (a missing folder is fine). */
    Catalog load(Optional<Path> pluginDir);

    /** Discovery with {@link PluginRegistry} over {@code parent}. */
    static TestCatalog pluginRegistry(ClassLoader parent) {
        Objects.requireNonNull(parent, "parent");
        return pluginDir -> {
            PluginRegistry registry = PluginRegistry.load(parent, pluginDir);
            return new Catalog(registry.testCases(), registry.problems());
        };
    }

    /**
     * Discovered test cases, sorted by id, and one line per plugin jar that could not be loaded.
     *
     * @param testCases the test cases
     * @param problems  plugin jars that could not be loaded, one line each
     */
    record Catalog(List<DiscoveredTestCase> testCases, List<String> problems) {
        public Catalog {
            testCases = List.copyOf(testCases);
            problems = List.copyOf(problems);
        }

        /** The test case with this id, if any. */
        public Optional<DiscoveredTestCase> find(String id) {
            return testCases.stream().filter(t -> t.testCase().id().equals(id)).findFirst();
        }
    }
}
