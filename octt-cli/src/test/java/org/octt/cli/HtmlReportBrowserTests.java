package org.octt.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.octt.testkit.Fault;
import org.octt.testkit.ReferenceCentralSystem;
import org.octt.testkit.Reply;
import org.octt.testkit.RunningCentralSystem;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The HTML report of real runs (the engine, TC_086_CSMS, the reference Central System) rendered by a
 * real browser, headless Chromium (Debian package {@code chromium}, installed by {@code .ci/run}):
 * the test reads the DOM Chromium built and checks what it shows. Skipped where
 * {@value #CHROMIUM} is absent.
 *
 * <p>It also takes the screenshot of the demo's report, into {@code octt-cli/target/demo-report.png};
 * {@code docs/img/demo-report.png} is a copy of it.
 */
@Timeout(120)
class HtmlReportBrowserTests {

    static final String CHROMIUM = "/usr/bin/chromium";
    /** What a script from the data would set the title to, were it run. */
    static final String PWNED = "pwned-by-the-server";
    static final String HOSTILE = "<script>document.title='" + PWNED + "'</script>\"><img src=x onerror=\"document.title='"
            + PWNED + "'\">\u202Eevil\u0007";

    @BeforeAll
    static void needsChromium() {
        assumeTrue(Files.isExecutable(Path.of(CHROMIUM)), CHROMIUM + " is not installed (Debian package chromium)");
    }

    @Test
    void chromiumShowsTheDemoReportWithTheFailedCheckFirstTheVerdictsAndTheCertificate(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("demo report.html");

        Cli.Result r = Cli.run(DemoCommandTests.real(), "demo", "--fault", "rsa-only", "--report-html", html.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
        String dom = chromium(dir, "--dump-dom", html);
        assertThat(title(dom)).startsWith("octt report: FAILED (").contains("TC_086_CSMS"); // and the demo's other cards
        String failures = section(dom, "<section id=\"failures\">");
        assertThat(text(failures)).startsWith("1 failed, 0 inconclusive FAILED tls.cipher-suites TC_086_CSMS @ wss://csms.octt.test:")
                .contains("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256: refused (handshake_failure(40))");
        assertThat(dom.indexOf("<section id=\"failures\">")).isLessThan(dom.indexOf("<section class=\"tc FAILED\""));
        assertThat(dom.indexOf("<section class=\"tc FAILED\"")).isLessThan(dom.indexOf("<section class=\"tc PASSED\""))
                .isEqualTo(dom.indexOf("<section class=\"tc ")); // the failed test case first, then the passed ones
        assertThat(text(dom)).contains("Test cases 1 FAILED, ");
        String testCase = text(section(dom, "<section class=\"tc FAILED\""));
        assertThat(testCase).startsWith("FAILED TC_086_CSMS TLS - server-side certificate - Valid certificate")
                .contains("tls.version PASSED negotiated TLSv1.3")
                .contains("tls.cipher-suites FAILED 2 of the four required cipher suites refused in TLS 1.2")
                .contains("ocpp.boot-notification PASSED BootNotification.conf: status Accepted")
                .contains("TLS matrix Offered Result Alert and detail Check")
                .contains("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 (TLS 1.2) alone refused alert: handshake_failure(40)")
                .contains("TLS_RSA_WITH_AES_128_GCM_SHA256 (TLS 1.2) alone accepted")
                .contains("Certificates CN=csms.octt.test,O=octt reference CSMS RSA-2048 certificate"
                        + " Subject CN=csms.octt.test,O=octt reference CSMS Issuer CN=octt reference root CA,O=octt")
                .contains("PEM -----BEGIN CERTIFICATE-----")
                .contains("Message log Time (UTC) Direction Frame Check")
                .contains("\u2192 sent [2,")
                .contains("\u2190 received [3,");
        assertThat(testCase.indexOf("tls.cipher-suites FAILED")).isLessThan(testCase.indexOf("cert.key-size PASSED"));

        Path png = Path.of("target", "demo-report.png").toAbsolutePath();
        Files.deleteIfExists(png);
        chromium(dir, "--screenshot=" + png, html, "--window-size=1280,2000");
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(image.getHeight()).isEqualTo(2000);
    }

    @Test
    void chromiumShowsTheServersMarkupAsTextAndRunsNoScriptFromIt(@TempDir Path dir) throws Exception {
        ObjectNode conf = JsonNodeFactory.instance.objectNode().put("status", "Accepted")
                .put("currentTime", Instant.now().toString()).put("interval", 300).put("note", HOSTILE);
        try (RunningCentralSystem cs = ReferenceCentralSystem.builder().faults(Fault.RSA_ONLY)
                .answer("BootNotification", Reply.result(conf)).password("browser-password-0123").build().start()) {
            Path ca = Files.writeString(dir.resolve("root.pem"), cs.rootCertificatePem());
            Path password = Files.writeString(dir.resolve("password"), "browser-password-0123\n");
            Path html = dir.resolve("hostile.html");
            Cli.Result r = Cli.run(DemoCommandTests.real(), "run", "TC_086_CSMS", "--url", cs.url().toString(),
                    "--resolve", cs.hostName() + ":" + cs.port() + ":127.0.0.1", "--ca-file", ca.toString(),
                    "--basic-auth-password-file", password.toString(), "--timeout", "10s", "--report-html", html.toString());
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCodes.FAILED);

            String dom = chromium(dir, "--dump-dom", html);

            assertThat(title(dom)).isEqualTo("octt report: FAILED (TC_086_CSMS)");
            assertThat(dom).doesNotContain("<script").doesNotContain("<img").doesNotContain(PWNED + "</title>")
                    .doesNotContain("\u202E").doesNotContain("browser-password-0123");
            String shown = "<script>document.title='" + PWNED + "'</script>\\\"><img src=x onerror=\\\"document.title='"
                    + PWNED + "'\\\">\\u202eevil\\u0007";
            String testCase = text(section(dom, "<section class=\"tc FAILED\""));
            // the schema names the extra property in a warning; the payload is in the evidence and the message log
            assertThat(testCase).contains("ocpp.boot-notification PASSED BootNotification.conf: status Accepted");
            assertThat(testCase.substring(testCase.indexOf("ocpp.boot-notification PASSED"))).contains("evidence: ")
                    .contains("\"note\":\"" + shown);
            assertThat(testCase.substring(testCase.indexOf("Message log"))).contains("\u2190 received [3,")
                    .contains(shown);
        }
    }

    /** Runs Chromium headless on {@code file} with a fresh profile, bounded; returns what it printed on stdout. */
    private static String chromium(Path dir, String action, Path file, String... more) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(dir, "chromium-profile");
        List<String> command = new ArrayList<>(List.of(CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, action));
        command.addAll(List.of(more));
        command.add(file.toUri().toString());
        Path out = dir.resolve("chromium.out");
        Path err = dir.resolve("chromium.err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("chromium did not finish within 60 s: " + command);
        }
        assertThat(p.exitValue()).as("chromium exit code; stderr: %s", Files.readString(err)).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static String title(String dom) {
        Matcher m = Pattern.compile("<title>(.*?)</title>", Pattern.DOTALL).matcher(dom);
        assertThat(m.find()).as("a title in %s", dom).isTrue();
        return unescape(m.group(1));
    }

    /** The element that starts with {@code start}, up to its closing tag. */
    private static String section(String dom, String start) {
        int from = dom.indexOf(start);
        assertThat(from).as("%s in the DOM", start).isNotNegative();
        return dom.substring(from, dom.indexOf("</section>", from));
    }

    /** The text a reader sees: tags removed, entities decoded, white space collapsed. */
    private static String text(String markup) {
        return unescape(markup.replaceAll("<[^>]*>", " ")).replaceAll("\\s+", " ").trim();
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&nbsp;", "\u00a0").replace("&amp;", "&");
    }
}
