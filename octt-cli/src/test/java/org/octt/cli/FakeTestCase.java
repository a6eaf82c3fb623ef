package org.octt.cli;

import org.octt.core.spi.CheckResult;
import org.octt.core.spi.OcppVersion;
import org.octt.core.spi.OptionDescriptor;
import org.octt.core.spi.Step;
import org.octt.core.spi.SystemUnderTest;
import org.octt.core.spi.TestCase;
import reactor.core.publisher.Flux;

import java.util.List;
import java.util.Set;

/**
 * A test case that the CLI's tests select by id; it never runs (the run service is fake). It
 * declares TC_086's options ({@code ocpp.vendor}, {@code ocpp.model}, {@code ocpp.connectors} 1..64)
 * and belongs to the suite {@value #SUITE}.
 */
record FakeTestCase(String id, String title) implements TestCase {

    static final String SUITE = "fake-suite";

    @Override
    public List<OptionDescriptor> options() {
        return List.of(OptionDescriptor.string("ocpp.vendor", "octt", "chargePointVendor sent in BootNotification"),
                OptionDescriptor.string("ocpp.model", "octt-tc086", "chargePointModel sent in BootNotification"),
                OptionDescriptor.integer("ocpp.connectors", 1, 1, 100, "connectors the simulated Charge Point reports"));
    }

    @Override
    public Set<String> suites() {
        return Set.of(SUITE);
    }

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
