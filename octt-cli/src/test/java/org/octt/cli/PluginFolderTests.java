package org.octt.cli;

import org.octt.testsupport.PluginJars;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An external plugin end to end: a jar compiled and built at test time, dropped in a plugin
 * folder, discovered by the real PluginRegistry and run by the real engine through the CLI.
 */
@Timeout(60)
class PluginFolderTests {

    private static final String URL = "wss://csms.example.com/ocpp/CP001";

    @TempDir
    static Path work;

    static Path plugins;

    @BeforeAll
    static void buildPluginJar() throws IOException {
        plugins = Files.createDirectories(work.resolve("plugins"));
        PluginJars.build(work, plugins.resolve("acme-tests.jar"), Map.of(
                "com.acme.octt.PassingTestCase", source("PassingTestCase", "TC_ACME_PASS", "An external passing test case",
                        "CheckResult.passed(\"acme.greeting\", \"the server said hello\")"),
                "com.acme.octt.FailingTestCase", source("FailingTestCase", "TC_ACME_FAIL", "An external failing test case",
                        "CheckResult.passed(\"acme.connect\", \"connected\"), CheckResult.failed(\"acme.tls11\","
                                + " \"expected TLS 1.1 to be refused, was accepted; disable TLS 1.1 on the server\")")),
                List.of("com.acme.octt.PassingTestCase", "com.acme.octt.FailingTestCase"));
        Files.writeString(plugins.resolve("broken.jar"), "not a zip file");
    }

    /** A plugin test case with one step that reports {@code checks} (Java expressions) and needs no network. */
    private static String source(String simpleName, String id, String title, String checks) {
        return "package com.acme.octt;\n"
                + "import org.octt.core.spi.*;\n"
                + "import reactor.core.publisher.Flux;\n"
                + "import java.util.List;\n"
                + "public class " + simpleName + " implements TestCase {\n"
                + "  public String id() { return \"" + id + "\"; }\n"
                + "  public String title() { return \"" + title + "\"; }\n"
                + "  public SystemUnderTest systemUnderTest() { return SystemUnderTest.CENTRAL_SYSTEM; }\n"
                + "  public OcppVersion ocppVersion() { return OcppVersion.OCPP_16J; }\n"
                + "  public List<Step> steps() {\n"
                + "    return List.of(Step.of(\"probe\", \"Probe the server\", ctx -> Flux.just(" + checks + ")));\n"
                + "  }\n"
                + "}\n";
    }

    /** The production environment: the real registry over this test's class path, the real engine. */
    private static CliEnvironment env() {
        return CliEnvironment.system().withTerminal(false).withHome(Optional.empty()).withInterrupts(Interrupts.NONE)
                .withEnv(Map.of(CliEnvironment.PASSWORD_ENV, "password-of-20-chars"));
    }

    @Test
    void listsThePluginJarsTestCasesWithTheJarAsSourceAndReportsTheBrokenJar() {
        Cli.Result result = Cli.run(env(), "list", "--plugin-path", plugins.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out().lines()).first().asString().matches("ID +TITLE +SYSTEM UNDER TEST +OCPP +SOURCE");
        assertThat(result.out().lines().filter(l -> l.startsWith("TC_ACME_")))
                .hasSize(2)
                .anySatisfy(l -> assertThat(l).matches(
                        "TC_ACME_FAIL +An external failing test case +central system +ocpp1\\.6 +acme-tests\\.jar"))
                .anySatisfy(l -> assertThat(l).matches(
                        "TC_ACME_PASS +An external passing test case +central system +ocpp1\\.6 +acme-tests\\.jar"));
        // whatever else is on the class path is labelled as such
        assertThat(result.out().lines().skip(1).takeWhile(l -> !l.isEmpty()).filter(l -> !l.startsWith("TC_ACME_")))
                .allSatisfy(l -> assertThat(l).contains("classpath ("));
        assertThat(result.errLines()).singleElement().asString().startsWith("warning: broken.jar: ");
    }

    @Test
    void listsNoPluginTestCasesWithoutThePluginPath() {
        Cli.Result result = Cli.run(env(), "list");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).doesNotContain("TC_ACME_", "acme-tests.jar");
    }

    @Test
    void runsAPassingPluginTestCaseThroughTheEngine() {
        Cli.Result result = Cli.run(env(), "run", "TC_ACME_PASS", "--plugin-path", plugins.toString(), "--url", URL);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.PASSED);
        assertThat(result.out()).containsSubsequence("TC_ACME_PASS  An external passing test case",
                "  target: " + URL, "  PASSED        probe  (",
                "  acme.greeting  PASSED        the server said hello",
                "Result: PASSED  1 test case run: 1 passed, 0 failed, 0 inconclusive in ");
    }

    @Test
    void runsAFailingPluginTestCaseToExitCodeOneWithTheReason() throws IOException {
        Path json = work.resolve("reports/acme.json");

        Cli.Result result = Cli.run(env(), "run", "TC_ACME_FAIL", "--plugin-path", plugins.toString(), "--url", URL,
                "--report-json", json.toString());

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILED);
        // the failed check first in its table, wrapped at the default width of 100, then what to change
        assertThat(result.out()).containsSubsequence("  FAILED        probe  (",
                "  acme.tls11    FAILED        expected TLS 1.1 to be refused, was accepted; disable TLS 1.1 on the",
                "                              server",
                "  acme.connect  PASSED        connected",
                "What to change (1 failed check; full text above and in the reports):",
                "  TC_ACME_FAIL  acme.tls11: expected TLS 1.1 to be refused, was accepted; disable TLS 1.1 on the...",
                "Result: FAILED  1 test case run: 0 passed, 1 failed, 0 inconclusive in ");
        assertThat(result.errLines()).singleElement().asString().startsWith("warning: broken.jar: ");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.at("/testCases/0/id").asText()).isEqualTo("TC_ACME_FAIL");
        assertThat(report.at("/testCases/0/verdict").asText()).isEqualTo("FAILED");
        assertThat(report.at("/testCases/0/reasons/0").asText())
                .isEqualTo("acme.tls11: expected TLS 1.1 to be refused, was accepted; disable TLS 1.1 on the server");
    }

    @Test
    void rejectsAnIdThatNoPluginProvides() {
        Cli.Result result = Cli.run(env(), "run", "TC_ACME_NONE", "--plugin-path", plugins.toString(), "--url", URL);

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).last().asString()
                .contains("unknown test case id: TC_ACME_NONE", "TC_ACME_FAIL", "TC_ACME_PASS");
    }
}
