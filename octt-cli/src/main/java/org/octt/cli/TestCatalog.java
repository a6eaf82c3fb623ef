package org.octt.cli;

import org.octt.core.plugin.DiscoveredTestCase;
import org.octt.core.plugin.PluginRegistry;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Where {@code octt list} and {@code octt run} find test cases: plugin discovery in production. */
@FunctionalInterface
public interface TestCatalog {

    /**
     * Discovers the test cases on the class path and in {@code pluginDir} (a missing folder is
     * fine). The caller closes the catalog once its test cases have run.
     */
    Catalog load(Optional<Path> pluginDir);

    /** Discovery with {@link PluginRegistry} over {@code parent}; closing the catalog closes the registry. */
    static TestCatalog pluginRegistry(ClassLoader parent) {
        Objects.requireNonNull(parent, "parent");
        return pluginDir -> {
            PluginRegistry registry = PluginRegistry.load(parent, pluginDir);
            return new Catalog(registry.testCases(), registry.problems(), registry::close);
        };
    }

    /**
     * Discovered test cases, sorted by id, and one line per plugin that could not be loaded. Holds
     * the plugin jars open until {@link #close()}: their test cases must not run afterwards.
     *
     * @param testCases the test cases
     * @param problems  plugins that could not be loaded, one line each
     * @param resources what {@link #close()} releases (the plugin jars)
     */
    record Catalog(List<DiscoveredTestCase> testCases, List<String> problems, Closeable resources)
            implements Closeable {
        public Catalog {
            testCases = List.copyOf(testCases);
            problems = List.copyOf(problems);
            Objects.requireNonNull(resources, "resources");
        }

        /** A catalog that holds nothing open. */
        public Catalog(List<DiscoveredTestCase> testCases, List<String> problems) {
            this(testCases, problems, () -> { });
        }

        /** The test case with this id, if any. */
        public Optional<DiscoveredTestCase> find(String id) {
            return testCases.stream().filter(t -> t.testCase().id().equals(id)).findFirst();
        }

        /** Releases the plugin jars. */
        @Override
        public void close() throws IOException {
            resources.close();
        }
    }
}
