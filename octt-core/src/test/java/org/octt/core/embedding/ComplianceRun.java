package org.octt.core.embedding;

// snippet:start (docs/embedding.md quotes this file from here to snippet:end; a test checks it)
import io.micrometer.core.instrument.MeterRegistry;
import org.octt.core.Octt;
import org.octt.core.engine.RunEvent;
import org.octt.core.engine.RunResult;
import org.octt.core.plugin.PluginRegistry;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.Secret;
import org.octt.core.spi.Target;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Timeouts;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

public final class ComplianceRun {

    /** Runs one test case against one Central System; events go to {@code live} as they happen. */
    public static Mono<RunResult> check(String url, Secret password, MeterRegistry meters,
                                        Consumer<RunEvent> live) {
        // Test cases on the class path; pass Optional.of(folder) to add plugin jars
        PluginRegistry plugins = PluginRegistry.load(ComplianceRun.class.getClassLoader(), Optional.empty());

        // One context per target: URL, security profile, credentials, trust, timeouts
        TestContext target = TestContext.builder(Target.parse(url))
                .securityProfile(SecurityProfile.TLS_BASIC_AUTH)
                .basicAuthPassword(password)
                .timeouts(Timeouts.DEFAULTS.withNetwork(Duration.ofSeconds(3)))
                .build();

        return Octt.builder()
                .testCases(plugins, "OCTT_HELLO")   // e.g. "TC_086_CSMS" with octt-tc086 on the class path
                .target(target)
                .meterRegistry(meters)              // your registry; octt never uses the global one
                .concurrency(2)
                .build()
                .result(live);                      // cold: nothing runs until you subscribe
    }
}
// snippet:end
