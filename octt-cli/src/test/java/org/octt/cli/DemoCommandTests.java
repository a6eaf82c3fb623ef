package org.octt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code octt demo} end to end: the real engine, TC_086_CSMS from discovery, the reference Central System. */
@Timeout(60)
class DemoCommandTests {

    static CliEnvironment real() {
        return TestEnvironments.wide(CliEnvironment.system().withRunService(RunService.engine())
                .withCatalog(TestCatalog.pluginRegistry(DemoCommandTests.class.getClassLoader())));
    }

    @Test
    void demoPassesAgainstTheReferenceCentralSystemAndWritesReports(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("report.json");

        Cli.Result r = Cli.run(real(), "demo", "--report-json", json.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(0);
        assertThat(r.out()).contains("$ OCTT_BASIC_AUTH_PASSWORD=<password, in memory> octt run " + served(real(), 2)
                        + " --url wss://csms.octt.test:")
                .contains(" --ca-file <csms-root.pem, in memory> --security-profile 2 --timeout 2s --client-cert <client.pem,"
                        + " in memory> --client-key <client.key, in memory> --report-json " + json)
                .doesNotContain("--basic-auth-password-file").doesNotContain("demo:").contains("Result: PASSED");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        List<String> ids = List.of(served(real(), 2).split(" "));
        assertThat(ids).contains("TC_085_CSMS", "TC_086_CSMS", "TC_088_CSMS", "X_BASIC_AUTH_INVALID_CSMS");
        assertThat(report.at("/testCases").size()).isEqualTo(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            assertThat(report.at("/testCases/" + i + "/id").asText()).isEqualTo(ids.get(i));
            assertThat(report.at("/testCases/" + i + "/verdict").asText()).isEqualTo("PASSED");
            if (ids.get(i).equals("TC_086_CSMS")) {
                assertThat(report.at("/testCases/" + i + "/checks").size()).isEqualTo(10);
            }
        }
    }

    @Test
    void demoWithAFaultFailsWithTheReason() {
        Cli.Result r = Cli.run(real(), "demo", "--fault", "cn-mismatch");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("faults: [cn-mismatch]")
                .contains("expected CN=csms.octt.test, seen CN=other-csms.octt.test")
                .contains("Result: FAILED");
    }

    @Test
    void demoWithProfile3UsesAClientCertificate() {
        Cli.Result r = Cli.run(real(), "demo", "--security-profile", "3", "--fault", "tls13-only");

        assertThat(r.out()).as(r.toString()).contains("$ octt run " + served(real(), 3) + " --url wss://csms.octt.test:")
                .contains(" --ca-file <csms-root.pem, in memory> --security-profile 3 --timeout 2s"
                        + " --client-cert <client.pem, in memory> --client-key <client.key, in memory>"
                        + " --client-ca-cert <charge-point-ca.pem, in memory> --client-ca-key <charge-point-ca.key, in memory>")
                .contains("with the client certificate");
        assertThat(r.exitCode()).isEqualTo(1); // tls13-only fails the cipher suites
    }

    @Test
    void demoWithProfile3PassesTheClientCertificateCardsWithTheChargePointCa(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("p3.json");
        Cli.Result r = Cli.run(real(), "demo", "--security-profile", "3", "--report-json", json.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(0);
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        List<String> verdicts = new ArrayList<>();
        for (JsonNode t : report.at("/testCases")) {
            for (JsonNode c : t.get("checks")) {
                verdicts.add(t.get("id").asText() + " " + c.get("id").asText() + " " + c.get("verdict").asText());
            }
        }
        assertThat(verdicts).contains("TC_087_CSMS tls.client-certificate-requested PASSED",
                "TC_087_CSMS ocpp.status-notification PASSED",
                "X_TLS_CLIENT_CERT_INVALID_CSMS tls.untrusted-client-certificate-refused PASSED",
                "X_TLS_CLIENT_CERT_INVALID_CSMS tls.expired-client-certificate-refused PASSED",
                "X_TLS_CLIENT_CERT_INVALID_CSMS tls.wrong-cn-client-certificate-refused PASSED",
                "X_TLS_CLIENT_CERT_INVALID_CSMS ws.upgrade PASSED");
        assertThat(r.out() + r.err() + Files.readString(json)).doesNotContain("PRIVATE KEY");
    }

    @Test
    void demoWithAnyClientCertificateAcceptedFailsTheUntrustedRefusal() {
        Cli.Result r = Cli.run(real(), "demo", "--security-profile", "3", "--fault", "any-client-cert-accepted",
                "--test-case", "X_TLS_CLIENT_CERT_INVALID_CSMS");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).containsPattern("tls.untrusted-client-certificate-refused +FAILED +the Central System upgraded"
                + " the connection \\(101 Switching Protocols");
    }

    @Test
    void unknownFaultIsAUsageErrorListingTheValidNames() {
        Cli.Result r = Cli.run(real(), "demo", "--fault", "no-such-fault");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines()).singleElement().asString().contains("no-such-fault").contains("cn-mismatch");
        assertThat(r.err()).doesNotContain("\tat ");
    }

    @Test
    void helpListsEveryFault() {
        Cli.Result r = Cli.run(real(), "demo", "--help");

        assertThat(r.exitCode()).isEqualTo(0);
        assertThat(r.out()).contains("cn-mismatch").contains("no-tls-answer").contains("legacy-tls");
    }

    @Test
    void demoNeverPrintsThePassword(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("r.json");
        Cli.Result r = Cli.run(real(), "demo", "--fault", "wrong-password", "--report-json", json.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("401");
        // the password is random letters and digits, 24 long; no such run appears anywhere
        assertThat(r.out() + r.err() + Files.readString(json)).doesNotContainPattern("Basic [A-Za-z0-9+/=]{20,}");
    }

    @Test
    void demoWritesNoFileInTheTemporaryFolderBeforeDuringOrAfterTheRun() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Set<String> before = demoEntries(tmp);
        List<Set<String>> duringRun = new ArrayList<>();
        List<String> runArguments = new ArrayList<>();
        RunService engine = RunService.engine();
        CliEnvironment watched = real().withRunService((plan, registry, cancel) -> {
            duringRun.add(demoEntries(tmp));
            plan.targets().forEach(c -> runArguments.add(c.trustAnchors().size() + " trust anchor(s), password "
                    + c.basicAuthPassword().isPresent() + ", client key " + c.clientKeyMaterial().isPresent()));
            return engine.run(plan, registry, cancel);
        });

        Cli.Result p2 = Cli.run(watched, "demo");
        Cli.Result p3 = Cli.run(watched, "demo", "--security-profile", "3");

        assertThat(p2.exitCode()).as(p2.toString()).isEqualTo(0);
        assertThat(p3.exitCode()).as(p3.toString()).isEqualTo(0);
        assertThat(runArguments).containsExactly("1 trust anchor(s), password true, client key true",
                "1 trust anchor(s), password false, client key true");
        assertThat(duringRun).hasSize(2).allSatisfy(entries -> assertThat(entries).isEqualTo(before));
        assertThat(demoEntries(tmp)).isEqualTo(before);
    }

    /** The entries of the temporary folder the demo used to write (octt-demo-*). */
    private static Set<String> demoEntries(Path tmp) {
        try (Stream<Path> entries = Files.list(tmp)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("octt-demo"))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The ids of the catalog's test cases that admit this profile, sorted and space-separated: the cards
     * land one by one, and the demo serves each (those that need an operator action too).
     */
    private static String served(CliEnvironment env, int profile) {
        try (TestCatalog.Catalog c = env.catalog().load(java.util.Optional.empty())) {
            return c.testCases().stream().map(org.octt.core.plugin.DiscoveredTestCase::testCase)
                    .filter(t -> t.prerequisites().securityProfiles().contains(org.octt.core.spi.SecurityProfile.of(profile)))
                    .sorted(org.octt.core.spi.Prerequisites.suiteOrder()) // those changing the account last
                    .map(org.octt.core.spi.TestCase::id).collect(Collectors.joining(" "));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The real catalog plus a test case that applies to security profile 3 only and passes at once. */
    private static CliEnvironment withProfile3OnlyTestCase() {
        TestCatalog real = TestCatalog.pluginRegistry(DemoCommandTests.class.getClassLoader());
        org.octt.core.spi.TestCase profile3Only = new ScriptedTestCase("TC_P3_ONLY", "Profile 3 only",
                org.octt.core.spi.Step.of("look", "Look", ctx -> reactor.core.publisher.Flux.just(
                        org.octt.core.spi.CheckResult.passed("look.ok", "looked"))));
        return real().withCatalog(pluginDir -> {
            TestCatalog.Catalog loaded = real.load(pluginDir);
            List<org.octt.core.plugin.DiscoveredTestCase> all = new ArrayList<>(loaded.testCases());
            all.add(org.octt.core.plugin.DiscoveredTestCase.of(new Profile3Only(profile3Only), "test"));
            return new TestCatalog.Catalog(all, loaded.problems(), loaded);
        });
    }

    /** A test case whose prerequisites admit security profile 3 only. */
    private record Profile3Only(org.octt.core.spi.TestCase delegate) implements org.octt.core.spi.TestCase {
        @Override
        public String id() {
            return delegate.id();
        }

        @Override
        public String title() {
            return delegate.title();
        }

        @Override
        public org.octt.core.spi.SystemUnderTest systemUnderTest() {
            return delegate.systemUnderTest();
        }

        @Override
        public org.octt.core.spi.OcppVersion ocppVersion() {
            return delegate.ocppVersion();
        }

        @Override
        public List<org.octt.core.spi.Step> steps() {
            return delegate.steps();
        }

        @Override
        public org.octt.core.spi.Prerequisites prerequisites() {
            return org.octt.core.spi.Prerequisites.securityProfiles(org.octt.core.spi.SecurityProfile.TLS_CLIENT_CERTIFICATE);
        }
    }

    @Test
    void demoRunsEveryDiscoveredTestCaseThatAppliesToItsSecurityProfileAndSaysWhich() {
        Cli.Result p2 = Cli.run(withProfile3OnlyTestCase(), "demo");
        Cli.Result p3 = Cli.run(withProfile3OnlyTestCase(), "demo", "--security-profile", "3");

        assertThat(p2.exitCode()).as(p2.toString()).isEqualTo(0);
        String p2Ids = served(withProfile3OnlyTestCase(), 2);
        String p3Ids = served(withProfile3OnlyTestCase(), 3);
        assertThat(p2Ids.split(" ")).contains("TC_085_CSMS", "TC_086_CSMS").doesNotContain("TC_P3_ONLY");
        assertThat(p3Ids.split(" ")).contains("TC_074_CSMS", "TC_086_CSMS", "TC_P3_ONLY"); // an operator action card too
        assertThat(p2.out()).contains("Test cases it can serve with security profile 2: " + p2Ids + "\n")
                .contains("$ OCTT_BASIC_AUTH_PASSWORD=<password, in memory> octt run " + p2Ids + " --url ")
                .doesNotContain("TC_P3_ONLY");
        assertThat(p3.exitCode()).as(p3.toString()).isEqualTo(0);
        // the cards that need an operator action too: the reference Central System performs it
        assertThat(p3.out()).contains("Test cases it can serve with security profile 3: " + p3Ids + "\n")
                .contains("$ octt run " + p3Ids + " --url ")
                .contains("  ACTION        TC_074_CSMS.trigger-sign-certificate for CP001: ")
                .contains(p3Ids.split(" ").length + " test case runs: " + p3Ids.split(" ").length + " passed");
    }

    @Test
    void demoRunsOnlyTheTestCasesNamedWithTestCase() {
        Cli.Result r = Cli.run(withProfile3OnlyTestCase(), "demo", "--security-profile", "3", "--test-case", "TC_P3_ONLY");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(0);
        assertThat(r.out()).contains("$ octt run TC_P3_ONLY --url ").doesNotContain("octt run TC_086_CSMS");
    }

    @Test
    void testCaseThatIsUnknownOrDoesNotApplyIsAUsageErrorNamingIt() {
        Cli.Result unknown = Cli.run(withProfile3OnlyTestCase(), "demo", "--test-case", "TC_NOPE");
        Cli.Result notApplicable = Cli.run(withProfile3OnlyTestCase(), "demo", "--test-case", "TC_P3_ONLY");

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.errLines()).containsExactly("octt demo: --test-case: unknown test case id 'TC_NOPE' (see: octt list)");
        assertThat(notApplicable.exitCode()).isEqualTo(2);
        assertThat(notApplicable.errLines()).containsExactly(
                "octt demo: --test-case TC_P3_ONLY does not apply to --security-profile 2");
    }
}
