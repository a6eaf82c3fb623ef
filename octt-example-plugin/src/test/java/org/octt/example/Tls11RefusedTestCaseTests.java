package org.octt.example;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.octt.core.Octt;
import org.octt.core.engine.RunResult;
import org.octt.core.engine.TestCaseResult;
import org.octt.core.plugin.PluginRegistry;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.Target;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Timeouts;
import org.octt.core.spi.Verdict;
import org.octt.testkit.Fault;
import org.octt.testkit.ReferenceCentralSystem;
import org.octt.testkit.ReferencePki;
import org.octt.testkit.RunningCentralSystem;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Discovers the example plugin as the CLI does and runs it with the engine against octt-testkit's
 * reference Central System: passes by default, fails when the server also accepts TLS 1.1, is
 * inconclusive when the server does not speak TLS.
 */
@Timeout(30)
class Tls11RefusedTestCaseTests {

    // doc:start
    private static final String ID = "EX_TLS11_REFUSED";
    private static ReferencePki pki;

    @BeforeAll
    static void generatePki() {
        pki = ReferencePki.generate(); // RSA-2048 key generation: once per class
    }

    private static RunningCentralSystem start(Set<Fault> faults) {
        return ReferenceCentralSystem.builder().pki(pki).faults(faults).build().start();
    }

    private static TestCaseResult run(PluginRegistry plugins, RunningCentralSystem cs) {
        TestContext target = TestContext.builder(Target.of(cs.url()).withConnectAddress(cs.connectAddress()))
                .timeouts(Timeouts.DEFAULTS.withNetwork(Duration.ofSeconds(5)))
                .build();
        RunResult result = Octt.builder().testCases(plugins, ID).target(target).build()
                .result().block(Duration.ofSeconds(20));
        assertThat(result).isNotNull();
        return result.testCases().get(0);
    }

    @Test
    void isDiscoveredOnTheClassPathAndPassesWhenTheCentralSystemRefusesTls11() throws IOException {
        try (PluginRegistry plugins = PluginRegistry.load(getClass().getClassLoader(), Optional.empty());
             RunningCentralSystem cs = start(Set.of())) {
            assertThat(plugins.find(ID)).hasValueSatisfying(d -> assertThat(d.source()).isEqualTo("classpath (classes)"));

            TestCaseResult result = run(plugins, cs);

            assertThat(result.verdict()).isEqualTo(Verdict.PASSED);
            assertThat(result.reasons()).isEmpty();
            assertThat(result.checks()).singleElement().satisfies(check -> {
                assertThat(check.id()).isEqualTo("tls.v1_1-refused");
                assertThat(check.verdict()).isEqualTo(Verdict.PASSED);
                assertThat(check.message()).startsWith("TLS 1.1 was refused as expected: csms.octt.test:" + cs.port())
                        .contains("refused the handshake with fatal alert protocol_version(70)");
                assertThat(check.evidence()).containsEntry("outcome", "refused");
            });
            assertThat(cs.handshakes()).isEmpty();
        }
    }

    @Test
    void failsWithWhatToChangeWhenTheCentralSystemAlsoAcceptsTls11() throws IOException {
        try (PluginRegistry plugins = PluginRegistry.load(getClass().getClassLoader(), Optional.empty());
             RunningCentralSystem cs = start(EnumSet.of(Fault.LEGACY_TLS))) {
            TestCaseResult result = run(plugins, cs);

            assertThat(result.verdict()).isEqualTo(Verdict.FAILED);
            assertThat(result.reasons()).singleElement().satisfies(reason -> assertThat(reason)
                    .startsWith("tls.v1_1-refused: expected the Central System to refuse TLS 1.1, saw: server "
                            + "accepted TLSv1.1 with TLS_ECDHE_")
                    .endsWith("; disable TLS 1.0 and 1.1 on the server and keep TLS 1.2 or higher"));
            assertThat(result.checks()).extracting(CheckResult::evidence)
                    .singleElement().satisfies(e -> assertThat(e).containsEntry("outcome", "accepted"));
        }
    }
    // doc:end

    @Test
    void isInconclusiveAndNamesTheTargetWhenTheServerDoesNotSpeakTls() throws IOException {
        try (PluginRegistry plugins = PluginRegistry.load(getClass().getClassLoader(), Optional.empty());
             RunningCentralSystem cs = start(EnumSet.of(Fault.NOT_TLS))) {
            TestCaseResult result = run(plugins, cs);

            assertThat(result.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(result.reasons()).singleElement().asString()
                    .startsWith("tls11-handshake: no TLS answer: csms.octt.test:" + cs.port()
                            + " (connecting to 127.0.0.1:" + cs.port() + ") answered with data that is not TLS");
            assertThat(result.checks()).isEmpty();
        }
    }

    @Test
    void runsFromAJarDroppedInThePluginFolder(@TempDir Path plugins) throws IOException, URISyntaxException {
        Path classes = Path.of(Tls11RefusedTestCase.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        jar(classes, plugins.resolve("octt-example-plugin.jar"));
        ClassLoader withoutPlugin = new HidingClassLoader(getClass().getClassLoader(), classes.toUri().toURL());

        try (PluginRegistry registry = PluginRegistry.load(withoutPlugin, Optional.of(plugins));
             RunningCentralSystem cs = start(EnumSet.of(Fault.LEGACY_TLS))) {
            assertThat(registry.problems()).isEmpty();
            assertThat(registry.find(ID)).hasValueSatisfying(d -> {
                assertThat(d.source()).isEqualTo("octt-example-plugin.jar");
                assertThat(d.testCase().getClass()).isNotSameAs(Tls11RefusedTestCase.class);
            });

            TestCaseResult result = run(registry, cs);

            assertThat(result.verdict()).isEqualTo(Verdict.FAILED);
            assertThat(result.reasons()).singleElement().asString().contains("saw: server accepted TLSv1.1");
        }
    }

    /** Writes the classes and service file of {@code classes} to {@code jar}, as maven-jar-plugin would. */
    private static void jar(Path classes, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                jarOut.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                jarOut.write(Files.readAllBytes(f));
                jarOut.closeEntry();
            }
        }
    }

    /** The test class loader as a CLI without the plugin sees it: no example classes, no service file of ours. */
    private static final class HidingClassLoader extends ClassLoader {
        private final String hidden;

        HidingClassLoader(ClassLoader parent, URL hiddenRoot) {
            super(parent);
            this.hidden = hiddenRoot.toString();
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("org.octt.example.")) {
                throw new ClassNotFoundException(name + " is hidden: it must come from the plugin jar");
            }
            return super.loadClass(name, resolve);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            List<URL> visible = Collections.list(super.getResources(name)).stream()
                    .filter(url -> !url.toString().startsWith(hidden)).toList();
            return Collections.enumeration(visible);
        }
    }
}
