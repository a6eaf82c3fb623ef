package org.octt.cli;

import org.octt.core.spi.CheckResult;
import org.octt.core.spi.OcppVersion;
import org.octt.core.spi.Step;
import org.octt.core.spi.SystemUnderTest;
import org.octt.core.spi.TestCase;
import reactor.core.publisher.Flux;

import java.util.List;

/** A test case that the CLI's tests select by id; it never runs (the run service is fake). */
record FakeTestCase(String id, String title) implements TestCase {

    @Override
    public SystemUnderTest systemUnderTest() {
        return SystemUnderTest.CENTRAL_SYSTEM;
    }

    @Override
    public OcppVersion ocppVersion() {
        return OcppVersion.OCPP_16J;
    }

    @Override
    public List<Step> steps() {
        return List.of(Step.of("connect", "Connect", c -> Flux.just(CheckResult.passed("connect.ok", "connected"))));
    }
}
