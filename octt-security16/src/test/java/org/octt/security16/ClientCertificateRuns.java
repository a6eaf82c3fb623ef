package org.octt.security16;

import org.octt.core.Octt;
import org.octt.core.engine.TestCaseResult;
import org.octt.core.plugin.PluginRegistry;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.KeyMaterial;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.Target;
import org.octt.core.spi.TestCase;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Timeouts;
import org.octt.core.spi.Verdict;
import org.octt.testkit.Fault;
import org.octt.testkit.ReferenceCentralSystem;
import org.octt.testkit.ReferencePki;
import org.octt.testkit.RunningCentralSystem;
import org.octt.tls.pki.IssuedCertificate;

import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs TC_087 and X_TLS_CLIENT_CERT_INVALID, found through discovery, against a profile 3 Central System. */
final class ClientCertificateRuns {

    static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(2);

    private ClientCertificateRuns() {
    }

    static TestCase discovered(String id) {
        PluginRegistry registry = PluginRegistry.load(ClientCertificateRuns.class.getClassLoader(), Optional.empty());
        return registry.find(id).orElseThrow().testCase();
    }

    static RunningCentralSystem start(ReferencePki pki, Fault... faults) {
        EnumSet<Fault> set = EnumSet.noneOf(Fault.class);
        set.addAll(List.of(faults));
        return ReferenceCentralSystem.builder().pki(pki).securityProfile(3).faults(set).build().start();
    }

    /** Profile 3 with a client certificate the Central System's client CA issued for its ChargePointId. */
    static TestContext.Builder profile3(RunningCentralSystem cs) {
        IssuedCertificate client = cs.issueClientCertificate(cs.chargePointId());
        return TestContext.builder(Target.of(cs.url()).withConnectAddress(cs.connectAddress()))
                .securityProfile(SecurityProfile.TLS_CLIENT_CERTIFICATE)
                .clientKeyMaterial(KeyMaterial.of(client.chain(), client.privateKey()))
                .trustAnchors(List.of(cs.rootCertificate()))
                .timeouts(Timeouts.DEFAULTS.withNetwork(NETWORK_TIMEOUT));
    }

    /** {@link #profile3} with the reference PKI's Charge Point CA as {@link TestContext#chargePointCa()}. */
    static TestContext.Builder profile3WithCa(RunningCentralSystem cs) {
        IssuedCertificate ca = cs.pki().clientCa();
        return profile3(cs).chargePointCa(KeyMaterial.of(List.of(ca.certificate()), ca.privateKey()));
    }

    static TestCaseResult run(String id, TestContext context) {
        return Octt.builder().testCase(discovered(id)).target(context).build().result()
                .block(Duration.ofSeconds(90)).testCases().get(0);
    }

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
