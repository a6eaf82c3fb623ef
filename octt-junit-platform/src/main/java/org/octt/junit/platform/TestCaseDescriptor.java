package org.octt.junit.platform;

import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.TestCase;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One octt test case against the target: a container whose tests, its checks, are registered as
 * the run reports them. Its source is the test case's class (so an IDE can open it, and Surefire,
 * which reports by class, writes a report for it). Tagged {@code octt} and with each of its suites, so that the platform's
 * tag filters select by suite.
 */
final class TestCaseDescriptor extends AbstractTestDescriptor {

    static final String SEGMENT = "test-case";
    static final String OCTT_TAG = "octt";

    private final TestCase testCase;
    private final Set<TestTag> tags;
    /** How often each check id was reported, to keep unique ids unique if a step reports one twice. */
    private final Map<String, Integer> reported = new HashMap<>();

    TestCaseDescriptor(UniqueId parent, TestCase testCase) {
        super(parent.append(SEGMENT, testCase.id()), testCase.id() + " " + testCase.title(),
                ClassSource.from(testCase.getClass()));
        this.testCase = testCase;
        Set<TestTag> t = new LinkedHashSet<>();
        t.add(TestTag.create(OCTT_TAG));
        testCase.suites().stream().filter(TestTag::isValid).sorted().map(TestTag::create).forEach(t::add);
        this.tags = Set.copyOf(t);
    }

    TestCase testCase() {
        return testCase;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    /** Its checks are known only while it runs. */
    @Override
    public boolean mayRegisterTests() {
        return true;
    }

    @Override
    public Set<TestTag> getTags() {
        return tags;
    }

    @Override
    public String getLegacyReportingName() {
        return testCase.id();
    }

    /** A new child for a reported check. */
    CheckDescriptor addCheck(CheckResult check) {
        int n = reported.merge(check.id(), 1, Integer::sum);
        String segment = n == 1 ? check.id() : check.id() + "#" + n;
        CheckDescriptor descriptor = new CheckDescriptor(getUniqueId(), segment, check);
        addChild(descriptor);
        return descriptor;
    }
}
