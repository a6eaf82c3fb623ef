package org.octt.core.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.octt.core.engine.RunResult;
import org.octt.core.engine.StepResult;
import org.octt.core.engine.TestCaseResult;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.Target;
import org.octt.core.spi.Verdict;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTests {

    /** Every element the report's own markup uses; a tag from data would be another one (or {@code script}, {@code img}). */
    private static final Set<String> OWN_TAGS = Set.of("html", "head", "meta", "title", "style", "body", "header",
            "h1", "h2", "h3", "table", "tr", "th", "td", "code", "br", "section", "ol", "li", "a", "span", "div",
            "ul", "details", "summary", "pre", "b", "p");

    static final String SCRIPT = "<script>document.title='pwned'</script>";
    static final String IMG = "\"><img src=x onerror=\"document.title='pwned'\">";
    static final String CONTROLS = "\u001b]0;owned\u0007\u202Eevil";

    private static String html(RunResult result) throws IOException {
        StringWriter out = new StringWriter();
        HtmlReport.write(result, out);
        return out.toString();
    }

    private static Set<String> tags(String html) {
        Set<String> tags = new TreeSet<>();
        Matcher m = Pattern.compile("<(/?)([A-Za-z][A-Za-z0-9-]*)").matcher(html);
        while (m.find()) {
            tags.add(m.group(2).toLowerCase(java.util.Locale.ROOT));
        }
        return tags;
    }

    @Test
    void putsTheFailedAndInconclusiveChecksFirstThenEveryCheckWithMessageWarningsAndEvidence() throws IOException {
        String html = html(ReportFixtures.run());

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>octt report: FAILED (TC_086_CSMS)</title>");
        int failures = html.indexOf("<section id=\"failures\">");
        int firstTestCase = html.indexOf("<section class=\"tc FAILED\" id=\"tc0\">");
        assertThat(failures).isPositive().isLessThan(firstTestCase);
        String top = html.substring(failures, firstTestCase);
        assertThat(top).contains("<h2>1 failed, 1 inconclusive</h2>");
        // the failed check before the inconclusive step, each linked to its row, with its message escaped
        assertThat(top.indexOf("<code>tls.cipher</code>")).isLessThan(top.indexOf("<code>step ocpp-connect</code>"));
        assertThat(top).contains("<a href=\"#tc0-s0-c1\"><code>tls.cipher</code></a>")
                .contains("expected &lt;TLS 1.2&gt; &amp; &quot;strong&quot; &#39;ciphers&#39;\nsaw \\x01 TLS 1.0")
                .contains("connection refused");
        String tc = html.substring(firstTestCase);
        assertThat(tc).contains("<tr class=\"step\" id=\"tc0-s0\"><td colspan=\"3\">step <code>tls-handshake</code> TLS handshake</td></tr>\n"
                        + "<tr class=\"PASSED\" id=\"tc0-s0-c0\"><td class=\"id\"><code>tls.version</code>")
                .contains("<li>warning: also accepts TLS 1.1</li>")
                .contains("<tr><th>protocol</th><td><span class=\"mono\">TLSv1.2</span></td></tr>")
                .contains("<details><summary>evidence: offered, keyBits</summary>")
                .contains("<tr><th>keyBits</th><td><span class=\"mono\">1024</span></td></tr>")
                .contains("<li><span class=\"mono\">A</span></li><li><span class=\"mono\">B</span></li>")
                .contains("<code>cert.fqdn</code></td><td><span class=\"v SKIPPED\">SKIPPED</span>")
                .contains("<tr class=\"step\" id=\"tc0-s2\"><td colspan=\"3\">step <code>boot</code> BootNotification"
                        + " <span class=\"v SKIPPED\">SKIPPED</span><div class=\"msg\">not run: step &#39;ocpp-connect&#39;"
                        + " could not go on: connection refused</div></td></tr>");
        assertThat(tc).contains("127.0.0.1:9443");
        assertThat(html).doesNotContain(ReportFixtures.PASSWORD).doesNotContain("\u0001");
    }

    @Test
    void listsFailedTestCasesBeforePassedOnesAndSaysSoWhenNothingFailed() throws IOException {
        TestCaseResult passed = testCase("TC_A", Verdict.PASSED, CheckResult.passed("a.check", "fine"));
        TestCaseResult failed = testCase("TC_B", Verdict.FAILED, CheckResult.failed("b.check", "broken"));

        String html = html(RunResult.of(Instant.EPOCH, Duration.ofMillis(1500), List.of(passed, failed), false, List.of()));
        assertThat(html.indexOf("id=\"tc1\"")).isLessThan(html.indexOf("id=\"tc0\""));
        assertThat(html).contains("<tr><th>Test cases</th><td>1 FAILED, 1 PASSED</td></tr>")
                .contains("<tr><th>Duration</th><td>1.5 s</td></tr>");

        String clean = html(RunResult.of(Instant.EPOCH, Duration.ZERO, List.of(passed), false, List.of()));
        assertThat(clean).contains("<section id=\"failures\" class=\"none\">\n<h2>No failed or inconclusive check</h2>");
    }

    @Test
    void drawsTheTlsMatrixTheCertificatesAndTheMessageLogFromTheEvidence() throws IOException {
        String html = html(run(tlsAndCertificateChecks("CN=csms.example.com", "ping")));

        assertThat(html).contains("<h3>TLS matrix</h3>")
                .contains("<tr><td><code>TLS 1.2 and 1.3, the default suites</code></td><td class=\"acc\">accepted</td>"
                        + "<td class=\"msg\">negotiated TLSv1.3 with TLS_AES_128_GCM_SHA256, group x25519</td>")
                .contains("<tr><td><code>TLSv1.1 alone</code></td><td class=\"ref\">refused</td>"
                        + "<td class=\"msg\">alert: protocol_version(70)\nmessage: the server refused with fatal alert"
                        + " protocol_version(70)</td>")
                .contains("<tr><td><code>TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 (TLS 1.2) alone</code></td>"
                        + "<td class=\"ref\">refused</td><td class=\"msg\">alert: handshake_failure(40)\nmessage: no shared suite\n"
                        + "openSslName: ECDHE-ECDSA-AES128-GCM-SHA256</td>")
                .contains("<td class=\"acc\">accepted</td><td class=\"msg\">certificate: CN=csms.example.com</td>");
        assertThat(html).contains("<h3>Certificates</h3>")
                .contains("<div class=\"cert\"><b>CN=csms.example.com</b> <span class=\"muted\">RSA-2048 certificate</span>")
                .contains("<tr><th>Issuer</th><td><span class=\"mono\">CN=root</span></td></tr>")
                .contains("<tr><th>Validity</th><td><span class=\"mono\">2024-01-01T00:00:00Z to 2034-01-01T00:00:00Z</span>")
                .contains("<tr><th>Key</th><td><span class=\"mono\">RSA 2048 bits</span>")
                .contains("<tr><th>Serial</th><td><span class=\"mono\">01:02 (2 octets)</span>")
                .contains("<tr><th>SHA-256</th><td><span class=\"mono\">AA:BB</span>")
                .contains("<tr><th>SHA-1</th><td><span class=\"mono\">CC:DD</span>")
                .contains("<li><span class=\"mono\">cert.key-size: PASSED</span></li><li><span class=\"mono\">cert.x509-pem: PASSED</span></li>")
                .contains("<details><summary>PEM</summary><pre>-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n</pre></details>");
        assertThat(html.split("<div class=\"cert\">", -1)).hasSize(2); // two checks, one certificate
        assertThat(html).contains("<h3 id=\"tc0-log\">Message log</h3>")
                .contains("<tr><td class=\"mono nw\">12:00:01.250</td><td class=\"nw SENT\">\u2192 sent</td>"
                        + "<td><pre>[2,&quot;1&quot;,&quot;BootNotification&quot;,{&quot;note&quot;:&quot;ping&quot;}]</pre></td>"
                        + "<td class=\"nw\"><code>ocpp.boot-notification</code></td></tr>")
                .contains("<td class=\"nw RECEIVED\">\u2190 received</td>")
                .contains("<div><a href=\"#tc0-log\">message log: 2 entries</a></div>");
    }

    @Test
    void escapesHostileValuesFromTheServerEverywhereAndWritesNoTagOfItsOwn() throws IOException {
        String hostile = SCRIPT + IMG + CONTROLS;
        TestCaseResult tc = run(tlsAndCertificateChecks("CN=" + hostile, hostile)).testCases().get(0);
        CheckResult failed = CheckResult.failed("ws.upgrade", "401 " + hostile).withWarning(hostile)
                .withEvidence(hostile, Map.of(hostile, List.of(hostile)));
        TestCaseResult withFailure = TestCaseResult.of(tc.target(), tc.id(), tc.title(), Verdict.FAILED, List.of(hostile),
                tc.startedAt(), tc.duration(), false, List.of(tc.steps().get(0),
                        StepResult.of("ws", "upgrade", Verdict.INCONCLUSIVE, hostile, Duration.ZERO, List.of(failed))));

        String html = html(RunResult.of(Instant.EPOCH, Duration.ZERO, List.of(withFailure), false, List.of()));

        assertThat(tags(html)).isSubsetOf(OWN_TAGS);
        assertThat(html).doesNotContain("<script").doesNotContain("<img")
                .doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u202E");
        String escaped = "&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;"
                + "&quot;&gt;&lt;img src=x onerror=&quot;document.title=&#39;pwned&#39;&quot;&gt;"
                + "\\x1b]0;owned\\x07\\u202eevil";
        assertThat(html).contains("<b>CN=" + escaped + "</b>") // the certificate's subject
                .contains("<div class=\"msg\">401 " + escaped + "</div>") // a check message
                .contains("<li>warning: " + escaped + "</li>")
                .contains("<tr><th>" + escaped + "</th>") // an evidence key
                .contains("<div class=\"msg\">" + escaped + "</div></td></tr>") // a step's reason
                .contains("<pre>" + escaped + "</pre>"); // a frame of the message log
        // the whole document's markup: every '<' is one of the report's own tags, every '"' inside one
        String withoutStyle = html.substring(0, html.indexOf("<style>")) + html.substring(html.indexOf("</style>"));
        assertThat(withoutStyle.replaceAll("<[^<>]*>", "")).doesNotContain("<").doesNotContain(">").doesNotContain("\"");
    }

    @Test
    void forbidsScriptsAndEveryExternalResourceAndNeedsNone() throws IOException {
        String html = html(run(tlsAndCertificateChecks("CN=csms.example.com", "ping")));

        assertThat(html).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
                + " style-src 'unsafe-inline'\">");
        assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain("src=")
                .doesNotContain("http://").doesNotContain("url(").doesNotContain("@import");
    }

    @Test
    void writesAFileAtomicallyKeepingThePermissionsOfTheOldOneAndLeavingNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("report.html");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        HtmlReport.write(ReportFixtures.run(), file);

        assertThat(Files.readString(file, StandardCharsets.UTF_8)).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("report.html");
        }
        Path fresh = dir.resolve("new.html");
        HtmlReport.write(ReportFixtures.run(), fresh);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rw-r--r--");
    }

    private static TestCaseResult testCase(String id, Verdict verdict, CheckResult check) {
        return TestCaseResult.of(Target.parse("wss://csms.example.com/ocpp/CP001"), id, id + " title", verdict,
                verdict == Verdict.PASSED ? List.of() : List.of(check.id() + ": " + check.message()), Instant.EPOCH,
                Duration.ZERO, false, List.of(StepResult.of("s", "step", check.verdict(), "", Duration.ZERO, List.of(check))));
    }

    private static RunResult run(List<CheckResult> checks) {
        TestCaseResult tc = TestCaseResult.of(Target.parse("wss://csms.example.com/ocpp/CP001"), "TC_086_CSMS", "title",
                Verdict.PASSED, List.of(), Instant.EPOCH, Duration.ZERO, false,
                List.of(StepResult.of("all", "everything", Verdict.PASSED, "", Duration.ZERO, checks)));
        return RunResult.of(Instant.EPOCH, Duration.ZERO, List.of(tc), false, List.of());
    }

    /** Checks with the evidence TC_086 gives: versions, suites, a certificate seen by two checks, a message log. */
    private static List<CheckResult> tlsAndCertificateChecks(String subject, String payload) {
        Map<String, Object> legacy = new LinkedHashMap<>();
        legacy.put("TLSv1.1", "refused: the server refused with fatal alert protocol_version(70)");
        Map<String, Object> refused = new LinkedHashMap<>();
        refused.put("result", "refused");
        refused.put("alert", "handshake_failure(40)");
        refused.put("message", "no shared suite");
        refused.put("openSslName", "ECDHE-ECDSA-AES128-GCM-SHA256");
        Map<String, Object> suites = new LinkedHashMap<>();
        suites.put("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", refused);
        suites.put("TLS_RSA_WITH_AES_128_GCM_SHA256", Map.of("result", "accepted", "certificate", subject));
        CheckResult version = CheckResult.passed("tls.version", "negotiated TLSv1.3")
                .withEvidence("negotiatedVersion", "TLSv1.3").withEvidence("cipherSuite", "TLS_AES_128_GCM_SHA256")
                .withEvidence("namedGroup", "x25519").withEvidence("legacyVersions", legacy);
        CheckResult cipherSuites = CheckResult.failed("tls.cipher-suites", "1 of 2 refused").withEvidence("suites", suites);
        Map<String, Object> keyCert = new LinkedHashMap<>();
        keyCert.put("certificate", "RSA-2048 certificate");
        keyCert.put("subject", subject);
        keyCert.put("sha256", "AA:BB");
        keyCert.put("verdict", "PASSED");
        keyCert.put("algorithm", "RSA");
        keyCert.put("bits", 2048);
        keyCert.put("curve", "");
        Map<String, Object> pemCert = new LinkedHashMap<>(keyCert);
        pemCert.put("issuer", "CN=root");
        pemCert.put("notBefore", "2024-01-01T00:00:00Z");
        pemCert.put("notAfter", "2034-01-01T00:00:00Z");
        pemCert.put("sha1", "CC:DD");
        pemCert.put("serial", "01:02");
        pemCert.put("octets", 2);
        pemCert.put("pem", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        CheckResult keySize = CheckResult.passed("cert.key-size", "RSA key of 2048 bits").withEvidence("certificates", List.of(keyCert));
        CheckResult pem = CheckResult.passed("cert.x509-pem", "round-trips").withEvidence("certificates", List.of(pemCert));
        CheckResult boot = CheckResult.passed("ocpp.boot-notification", "accepted").withEvidence("messageLog", List.of(
                Map.of("dir", "SENT", "time", "2024-05-01T12:00:01.250Z", "frame", "[2,\"1\",\"BootNotification\",{\"note\":\"" + payload + "\"}]"),
                Map.of("dir", "RECEIVED", "time", "2024-05-01T12:00:01.300Z", "frame", payload)));
        return List.of(version, cipherSuites, keySize, pem, boot);
    }
}
