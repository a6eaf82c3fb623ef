package org.octt.tc086;

import org.octt.core.Octt;
import org.octt.core.engine.TestCaseResult;
import org.octt.core.plugin.PluginRegistry;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.KeyMaterial;
import org.octt.core.spi.Secret;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.Target;
import org.octt.core.spi.TestCase;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Timeouts;
import org.octt.core.spi.Verdict;
import org.octt.testkit.RunningCentralSystem;
import org.octt.tls.pki.IssuedCertificate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs TC_086_CSMS, found through plugin discovery, against a Central System. */
final class Tc086Runs {

    static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(2);

    private Tc086Runs() {
    }

    /** TC_086_CSMS as discovery finds it on the class path. */
    static TestCase discovered() {
        PluginRegistry registry = PluginRegistry.load(Tc086Runs.class.getClassLoader(), Optional.empty());
        return registry.find(Tc086TestCase.ID).orElseThrow().testCase();
    }

    /** A profile 2 context for the reference Central System: its URL, its address, its root, its password. */
    static TestContext.Builder profile2(RunningCentralSystem cs) {
        return TestContext.builder(Target.of(cs.url()).withConnectAddress(cs.connectAddress()))
                .securityProfile(SecurityProfile.TLS_BASIC_AUTH)
                .basicAuthPassword(Secret.of(cs.chargePointPasswordAsString()))
                .trustAnchors(List.of(cs.rootCertificate()))
                .timeouts(Timeouts.DEFAULTS.withNetwork(NETWORK_TIMEOUT));
    }

    /** A profile 3 context with a client certificate the Central System's client CA issued. */
    static TestContext.Builder profile3(RunningCentralSystem cs) {
        IssuedCertificate client = cs.issueClientCertificate(cs.chargePointId());
        return TestContext.builder(Target.of(cs.url()).withConnectAddress(cs.connectAddress()))
                .securityProfile(SecurityProfile.TLS_CLIENT_CERTIFICATE)
                .clientKeyMaterial(KeyMaterial.of(client.chain(), client.privateKey()))
                .trustAnchors(List.of(cs.rootCertificate()))
                .timeouts(Timeouts.DEFAULTS.withNetwork(NETWORK_TIMEOUT));
    }

    static TestCaseResult run(TestContext context) {
        return Octt.builder().testCase(discovered()).target(context).build().result()
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
