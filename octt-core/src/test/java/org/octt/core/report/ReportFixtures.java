package org.octt.core.report;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.octt.core.engine.Engine;
import org.octt.core.engine.RunEvent;
import org.octt.core.engine.RunPlan;
import org.octt.core.engine.RunResult;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.OcppVersion;
import org.octt.core.spi.Secret;
import org.octt.core.spi.Step;
import org.octt.core.spi.StepAbortedException;
import org.octt.core.spi.SystemUnderTest;
import org.octt.core.spi.Target;
import org.octt.core.spi.TestCase;
import org.octt.core.spi.TestContext;
import reactor.core.publisher.Flux;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A run result made by the engine, with every verdict, awkward characters and a secret in the context. */
final class ReportFixtures {

    static final String PASSWORD = "s3cr3t-Passw0rd";
    static final String NASTY = "expected <TLS 1.2> & \"strong\" 'ciphers'\nsaw \u0001 TLS 1.0";

    /** The exchange tls.cipher records as its messageLog evidence: an upgrade request and answer and a frame with markup. */
    static final List<Map<String, Object>> MESSAGE_LOG = List.of(
            Map.of("dir", "SENT", "time", "2025-06-01T10:15:30.100Z",
                    "frame", "GET /ocpp/CP001 HTTP/1.1\nAuthorization: Basic **** (user CP001)"),
            Map.of("dir", "RECEIVED", "time", "2025-06-01T10:15:30.150Z",
                    "frame", "HTTP/1.1 101 Switching Protocols\nsec-websocket-protocol: ocpp1.6"),
            Map.of("dir", "RECEIVED", "time", "2025-06-01T10:15:30.200Z",
                    "frame", "[3,\"1\",{\"note\":\"<b> & \u0001\"}]"));

    private ReportFixtures() {
    }

    static RunResult run() {
        TestCase tc = testCase("TC_086_CSMS", "TLS - server-side certificate - Valid certificate", List.of(
                Step.of("tls-handshake", "TLS handshake", ctx -> Flux.just(
                        CheckResult.passed("tls.version", "TLS 1.2 negotiated")
                                .withWarning("also accepts TLS 1.1")
                                .withEvidence(Map.of("protocol", "TLSv1.2")),
                        CheckResult.failed("tls.cipher", NASTY)
                                .withEvidence("offered", List.of("A", "B"))
                                .withEvidence("keyBits", 1024)
                                .withEvidence("messageLog", MESSAGE_LOG),
                        CheckResult.skipped("cert.fqdn", "no certificate to compare"))),
                Step.of("ocpp-connect", "WebSocket upgrade",
                        ctx -> Flux.error(new StepAbortedException("connection refused"))),
                Step.of("boot", "BootNotification", ctx -> Flux.just(CheckResult.passed("never", "never")))));
        RunEvent last = Engine.create(new SimpleMeterRegistry()).run(RunPlan.of(List.of(tc), context())).last()
                .block(Duration.ofSeconds(10));
        return ((RunEvent.RunFinished) last).result();
    }

    /** The fixtures' context: a target with a --resolve address and the password {@link #PASSWORD}. */
    static TestContext context() {
        return TestContext.builder(Target.parse("wss://csms.example.com:8443/ocpp/CP001")
                        .withConnectAddress(new InetSocketAddress("127.0.0.1", 9443)))
                .basicAuthPassword(Secret.of(PASSWORD))
                .build();
    }

    /** An OCPP 1.6-J Central System test case with these steps. */
    static TestCase testCase(String id, String title, List<Step> steps) {
        return new TestCase() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String title() {
                return title;
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
                return steps;
            }
        };
    }
}
