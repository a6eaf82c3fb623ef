package org.octt.security16;

import org.octt.core.Octt;
import org.octt.core.engine.TestCaseResult;
import org.octt.core.plugin.PluginRegistry;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.Secret;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.Target;
import org.octt.core.spi.TestCase;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Timeouts;
import org.octt.core.spi.Verdict;
import org.octt.testkit.RunningCentralSystem;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs the cards of this module, found through plugin discovery, against a Central System. */
final class Runs {

    static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(2);

    private Runs() {
    }

    /** The test case with this id as discovery finds it on the class path. */
    static TestCase discovered(String id) {
        PluginRegistry registry = PluginRegistry.load(Runs.class.getClassLoader(), Optional.empty());
        return registry.find(id).orElseThrow().testCase();
    }

    /** A profile 2 context for the reference Central System: its URL, its address, its root, its password. */
    static TestContext.Builder profile2(RunningCentralSystem cs) {
        return TestContext.builder(Target.of(cs.url()).withConnectAddress(cs.connectAddress()))
                .securityProfile(SecurityProfile.TLS_BASIC_AUTH)
                .basicAuthPassword(Secret.of(cs.chargePointPasswordAsString()))
                .trustAnchors(List.of(cs.rootCertificate()))
                .timeouts(Timeouts.DEFAULTS.withNetwork(NETWORK_TIMEOUT));
    }

    static TestCaseResult run(String id, TestContext context) {
        return Octt.builder().testCase(discovered(id)).target(context).build().result()
                .block(Duration.ofSeconds(60)).testCases().get(0);
    }

    /** Check id to verdict, in report order. */
    static Map<String, Verdict> verdicts(TestCaseResult result) {
        Map<String, Verdict> m = new LinkedHashMap<>();
        for (CheckResult c : result.checks()) {
            m.put(c.id(), c.verdict());
        }
        return m;
    }

    static CheckResult check(TestCaseResult result, String id) {
        return result.checks().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + id + " in " + verdicts(result)));
    }
}
