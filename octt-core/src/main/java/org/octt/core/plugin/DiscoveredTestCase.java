package org.octt.core.plugin;

import org.octt.core.spi.TestCase;

import java.util.Objects;

/**
 * A test case found by discovery, with where it came from. A final class rather than a record, so
 * that it can grow (the jar's SPI version, its suites) without breaking embedders: make one with
 * {@link #of}.
 */
public final class DiscoveredTestCase {

    private final TestCase testCase;
    private final String source;

    private DiscoveredTestCase(TestCase testCase, String source) {
        this.testCase = Objects.requireNonNull(testCase, "testCase");
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * A discovered test case.
     *
     * @param testCase the test case
     * @param source   where it came from: {@code classpath (<jar or folder name>)} (just
     *                 {@code classpath} when the location is unknown) for the class path, or the
     *                 plugin jar's file name for the plugin folder
     */
    public static DiscoveredTestCase of(TestCase testCase, String source) {
        return new DiscoveredTestCase(testCase, source);
    }

    /** The test case. */
    public TestCase testCase() {
        return testCase;
    }

    /** Where it came from (see {@link #of}). */
    public String source() {
        return source;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DiscoveredTestCase d && testCase.equals(d.testCase) && source.equals(d.source);
    }

    @Override
    public int hashCode() {
        return Objects.hash(testCase, source);
    }

    @Override
    public String toString() {
        return "DiscoveredTestCase[testCase=" + testCase.id() + ", source=" + source + "]";
    }
}
