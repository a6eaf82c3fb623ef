package org.octt.example;

import org.octt.core.spi.CheckResult;
import org.octt.core.spi.OcppVersion;
import org.octt.core.spi.Step;
import org.octt.core.spi.StepAbortedException;
import org.octt.core.spi.SystemUnderTest;
import org.octt.core.spi.Target;
import org.octt.core.spi.TestCase;
import org.octt.core.spi.TestContext;
import org.octt.tls.probe.ProbeOutcome;
import org.octt.tls.probe.ProbeRequest;
import org.octt.tls.probe.TlsProbe;
import org.octt.tls.probe.TlsVersion;
import reactor.core.publisher.Flux;

import java.util.List;

/**
 * Example plugin: the Central System must refuse a TLS 1.1 handshake. Stateless; registered in
 * {@code META-INF/services/org.octt.core.spi.TestCase}. See docs/writing-a-test-case.md.
 */
public final class Tls11RefusedTestCase implements TestCase {

    static final String CHECK = "tls.v1_1-refused";
    private static final List<String> TLS11_SUITES = List.of("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA");

    @Override
    public String id() {
        return "EX_TLS11_REFUSED";
    }

    @Override
    public String title() {
        return "TLS - the Central System refuses TLS 1.1";
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
        return List.of(Step.of("tls11-handshake", "offers only TLS 1.1 and expects a refusal", this::probe));
    }

    private Flux<CheckResult> probe(TestContext context) {
        Target target = context.target(); // host for SNI; connect to the --resolve address, else the host
        ProbeRequest request = ProbeRequest.of(target.host(), target.port(), List.of(TlsVersion.TLS1_1), TLS11_SUITES)
                .withConnectAddress(target.address())
                .withTimeout(context.timeouts().network());
        TlsProbe probe = TlsProbe.create().withTimeoutScheduler(context.scheduler())
                .withMeterRegistry(context.meterRegistry());
        return probe.probe(request).flatMapMany(outcome -> judge(request, outcome));
    }

    private static Flux<CheckResult> judge(ProbeRequest request, ProbeOutcome outcome) {
        if (outcome instanceof ProbeOutcome.TransportFailure) { // no TLS answer at all: nothing to judge
            return Flux.error(new StepAbortedException("no TLS answer: " + outcome.message()));
        }
        CheckResult check = outcome.isAccepted()
                ? CheckResult.failed(CHECK, "expected the Central System to refuse TLS 1.1, saw: " + outcome.message()
                        + "; disable TLS 1.0 and 1.1 on the server and keep TLS 1.2 or higher")
                : CheckResult.passed(CHECK, "TLS 1.1 was refused as expected: " + outcome.message());
        return Flux.just(check.withEvidence("offered", request.offer()).withEvidence("outcome", outcome.label()));
    }
}
