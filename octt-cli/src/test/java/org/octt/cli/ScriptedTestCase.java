package org.octt.cli;

import org.octt.core.spi.OcppVersion;
import org.octt.core.spi.Step;
import org.octt.core.spi.SystemUnderTest;
import org.octt.core.spi.TestCase;

import java.util.List;

/** A test case made of the given steps, for the CLI's runs through the real engine. */
record ScriptedTestCase(String id, String title, List<Step> steps) implements TestCase {

    ScriptedTestCase {
        steps = List.copyOf(steps);
    }

    ScriptedTestCase(String id, String title, Step... steps) {
        this(id, title, List.of(steps));
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
