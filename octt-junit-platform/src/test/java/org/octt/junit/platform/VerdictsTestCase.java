package org.octt.junit.platform;

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
 * A test-only plugin that connects nowhere: it reports one check of each verdict, and its second
 * step reports the value of its option, so that the engine's mapping can be checked exactly.
 */
public final class VerdictsTestCase implements TestCase {

    static final String ID = "OCTT_JUNIT_VERDICTS";
    static final String SUITE = "junit-verdicts";
    static final String OPTION = "junit.answer";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "One check of each verdict";
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
    public Set<String> suites() {
        return Set.of(SUITE, "junit-all");
    }

    @Override
    public List<OptionDescriptor> options() {
        return List.of(OptionDescriptor.integer(OPTION, 42, 1, 99, "the answer the option check reports"));
    }

    @Override
    public List<Step> steps() {
        return List.of(
                Step.of("verdicts", "one check of each verdict",
                        List.of("verdict.passed", "verdict.failed", "verdict.skipped", "verdict.inconclusive"),
                        context -> Flux.just(
                                CheckResult.passed("verdict.passed", "TLS 1.2 was accepted")
                                        .withWarning("the certificate expires in 10 days"),
                                CheckResult.failed("verdict.failed", "TLS 1.0 was accepted; expected a handshake_failure alert"),
                                CheckResult.skipped("verdict.skipped", "no BootNotification: the connection was refused"),
                                CheckResult.inconclusive("verdict.inconclusive", "no answer within 2s"))),
                Step.of("option", "reports its option",
                        context -> Flux.just(CheckResult.passed("option.value",
                                "answer=" + context.option(OPTION).orElse("unset")))));
    }
}
