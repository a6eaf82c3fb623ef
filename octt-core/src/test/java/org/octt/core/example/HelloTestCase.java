package org.octt.core.example;

import org.octt.core.spi.CheckResult;
import org.octt.core.spi.OcppVersion;
import org.octt.core.spi.Step;
import org.octt.core.spi.SystemUnderTest;
import org.octt.core.spi.TestCase;
import org.octt.core.spi.Verdict;
import reactor.core.publisher.Flux;

import java.util.List;

/**
 * A class path plugin for tests (registered in src/test/resources/META-INF/services): checks that
 * the target URL names a Charge Point. Opens no connection.
 */
public final class HelloTestCase implements TestCase {

    @Override
    public String id() {
        return "OCTT_HELLO";
    }

    @Override
    public String title() {
        return "Hello - the URL names a Charge Point";
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
        return List.of(Step.of("greet", "reads the Charge Point identity from the URL", ctx -> Flux.just(
                ctx.chargePointId()
                        .map(id -> CheckResult.of("hello.charge-point-id", Verdict.PASSED,
                                "the URL names Charge Point " + id))
                        .orElseGet(() -> CheckResult.failed("hello.charge-point-id",
                                "expected the URL's last path segment to be the ChargePointId, saw no path; "
                                        + "use wss://host/path/<ChargePointId>")))));
    }
}
