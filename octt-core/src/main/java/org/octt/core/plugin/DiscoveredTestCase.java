package org.octt.core.plugin;

import org.octt.core.spi.TestCase;

import java.util.Objects;

/**
 * A test case found by discovery, with where it came from.
 *
 * @param testCase the test case
 * @param source   where it came from: {@code classpath (<jar or folder name>)} (just
 *                 {@code classpath} when the location is unknown) for the class path, or the plugin
 *                 jar's file name for the plugin folder
 */
public record DiscoveredTestCase(TestCase testCase, String source) {
    public DiscoveredTestCase {
        Objects.requireNonNull(testCase, "testCase");
        Objects.requireNonNull(source, "source");
    }
}
