package org.octt.core.engine;

import org.octt.core.spi.OcppVersion;
import org.octt.core.spi.Step;
import org.octt.core.spi.SystemUnderTest;
import org.octt.core.spi.TestCase;

import java.util.List;

/** A test case made of the given steps, for engine tests. */
record FakeTestCase(String id, List<Step> steps) implements TestCase {

    static FakeTestCase of(String id, Step... steps) {
        return new FakeTestCase(id, List.of(steps));
    }

    @Override
    public String title() {
        return "title of " + id;
    }

    @Override
    public SystemUnderTest systemUnderTest() {
        return SystemUnderTest.CENTRAL_SYSTEM;
    }

    @Override
    public OcppVersion ocppVersion() {
        return OcppVersion.OCPP_16J;
    }
}
