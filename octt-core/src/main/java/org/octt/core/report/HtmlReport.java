package org.octt.core.report;

import org.octt.core.Version;
import org.octt.core.engine.NotRun;
import org.octt.core.engine.RunResult;
import org.octt.core.engine.StepResult;
import org.octt.core.engine.TestCaseResult;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.Target;
import org.octt.core.spi.Verdict;
import org.octt.core.text.Printable;

import java.io.IOException;
import java.io.Writer;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the HTML report: one self-contained file (inline CSS, no script, no font, no link to
 * anything) that any browser opens offline. It shows, in this order: the run summary; every failed
 * and inconclusive check (so failures are visible without scrolling); then each test case and
 * target, failed ones first, with every check (message, warnings, evidence folded), a TLS matrix,
 * the certificates and the message log, each where the checks' evidence holds them. See the
 * "HTML report" section of {@code docs/report-format.md}.
 *
 * <p>What the evidence holds is read generically, by key: {@code legacyVersions},
 * {@code negotiatedVersion} and {@code suites} (a map of maps with a {@code result}) make the TLS
 * matrix; {@code certificates} (a list of maps, merged by {@code sha256}) the certificates;
 * {@code messageLog} (a list of {@code {dir, time, frame}}) the message log.
 *
 * <p>Every value is HTML-escaped, and control characters, bidi overrides and line separators are
 * written in a visible form ({@link Printable}): certificate names and payloads come from the
 * server under test. A Content-Security-Policy forbids scripts and every external resource besides.
 * It sees only a {@link RunResult}, which holds no secret. Stateless and thread-safe.
 */
public final class HtmlReport {

    /** Owner read and write, group and others read. */
    private static final Set<PosixFilePermission> NEW_FILE = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final String MESSAGE_LOG = "messageLog";
    /** An alert as the probes name it in a message: {@code fatal alert protocol_version(70)}. */
    private static final Pattern ALERT = Pattern.compile("alert ([a-z_]+\\(\\d+\\))");
    private static final String CERTIFICATES = "certificates";

    private static final String CSS = """
            :root{--pass:#1a7f37;--fail:#cf222e;--inc:#9a6700;--skip:#6e7781;--line:#d0d7de;--bg:#f6f8fa}
            *{box-sizing:border-box}
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:0;padding:16px 24px;color:#1f2328}
            h1{font-size:22px;margin:0 0 8px}h2{font-size:18px;margin:24px 0 8px}h3{font-size:15px;margin:16px 0 6px}
            code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
            pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:0}
            table{border-collapse:collapse;width:100%;margin:4px 0 8px}
            th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top;overflow-wrap:break-word}
            td.id,td.nw,td.acc,td.ref,td.unk{white-space:nowrap}
            tr.step>td{background:var(--bg);font-weight:600}tr.step .msg{font-weight:400}
            th{background:var(--bg);font-weight:600}
            .msg{white-space:pre-wrap}
            .v{display:inline-block;padding:0 8px;border-radius:10px;color:#fff;font-weight:600;font-size:12px;white-space:nowrap}
            .v.PASSED{background:var(--pass)}.v.FAILED{background:var(--fail)}.v.INCONCLUSIVE{background:var(--inc)}
            .v.SKIPPED,.v.NOT_APPLICABLE,.v.CANCELLED{background:var(--skip)}
            .summary th{width:12em}.summary{max-width:70em}
            #failures{border:2px solid var(--fail);border-radius:6px;padding:4px 12px 8px;background:#fff8f8}
            #failures.none{border-color:var(--pass);background:#f6fff8}
            #failures ol{margin:4px 0;padding-left:20px}#failures li{margin:2px 0}
            section.tc{border-top:3px solid var(--line);margin-top:24px}
            section.tc.FAILED{border-top-color:var(--fail)}section.tc.INCONCLUSIVE{border-top-color:var(--inc)}
            section.tc.PASSED{border-top-color:var(--pass)}
            tr.FAILED>td:first-child{border-left:4px solid var(--fail)}tr.INCONCLUSIVE>td:first-child{border-left:4px solid var(--inc)}
            .warn{color:#7d4e00;margin:2px 0 0;padding-left:18px}
            details>summary{cursor:pointer;color:#0969da}
            table.kv{width:auto;margin:2px 0}table.kv td{overflow-wrap:anywhere}table.kv th{font-weight:500;white-space:nowrap}
            .acc{color:var(--pass);font-weight:600}.ref{color:var(--fail);font-weight:600}.unk{color:var(--inc);font-weight:600}
            .cert{border:1px solid var(--line);border-radius:6px;padding:6px 10px;margin:8px 0}
            .SENT{color:#0550ae}.RECEIVED{color:#6639ba}
            .muted{color:#57606a}
            """;

    private HtmlReport() {
    }

    /**
     * Writes the report of {@code result} to {@code out}. Flushes but does not close {@code out}.
     *
     * @throws IOException when writing fails
     */
    public static void write(RunResult result, Writer out) throws IOException {
        out.write(render(result));
        out.flush();
    }

    /**
     * Writes the report of {@code result} to {@code file} (UTF-8), replacing it atomically: to a
     * temporary file in the same folder, then moved into place (atomically where the file system
     * can), so the file is either the whole new report or the old one. An existing file keeps its
     * permissions; a new one is readable by all, writable by its owner. On failure the temporary file is removed.
     *
     * @throws IOException when the file cannot be written; the message names it
     */
    public static void write(RunResult result, Path file) throws IOException {
        Path target = Files.exists(file) ? file.toRealPath() : file.toAbsolutePath();
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                write(result, out);
            }
            try {
                Files.setPosixFilePermissions(tmp, Files.exists(target) ? Files.getPosixFilePermissions(target) : NEW_FILE);
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the temporary file's defaults
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The whole document. */
    static String render(RunResult r) {
        Html h = new Html();
        h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .raw("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
                .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .raw("<title>").text(title(r)).raw("</title>\n<style>\n").raw(CSS).raw("</style>\n</head>\n<body>\n");
        List<TestCaseResult> cases = r.testCases();
        summary(h, r);
        failures(h, r);
        notRun(h, r);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> severity(cases.get(i).verdict()))); // stable: plan order within
        for (int i : order) {
            testCase(h, cases.get(i), i);
        }
        h.raw("<p class=\"muted\">Written by octt ").text(Version.current())
                .raw(". Times are UTC. This file needs no network and runs no script.</p>\n</body>\n</html>\n");
        return h.toString();
    }

    /** The page title: {@code octt report: FAILED (TC_086_CSMS)}; test case ids are the plugins', escaped all the same. */
    static String title(RunResult r) {
        List<String> ids = r.testCases().stream().map(TestCaseResult::id).distinct().toList();
        return "octt report: " + r.verdict().name() + (ids.isEmpty() ? "" : " (" + String.join(", ", ids) + ")");
    }

    private static int severity(Verdict v) {
        return switch (v) {
            case FAILED -> 0;
            case INCONCLUSIVE -> 1;
            case PASSED -> 2;
            default -> 3;
        };
    }

    private static void summary(Html h, RunResult r) {
        h.raw("<header>\n<h1>octt report ").verdict(r.verdict().name()).raw("</h1>\n<table class=\"summary\">\n");
        h.raw("<tr><th>Started</th><td>").text(r.startedAt().toString()).raw("</td></tr>\n");
        h.raw("<tr><th>Duration</th><td>").text(millis(r.duration().toMillis())).raw("</td></tr>\n");
        h.raw("<tr><th>Targets</th><td>");
        List<String> urls = Reports.targetUrls(r);
        for (int i = 0; i < urls.size(); i++) {
            h.raw(i == 0 ? "" : "<br>").raw("<code>").text(urls.get(i)).raw("</code>");
        }
        h.raw("</td></tr>\n<tr><th>Test cases</th><td>").text(counts(r.testCases().stream().map(t -> t.verdict().name()).toList()));
        if (!r.notRun().isEmpty()) {
            h.text("; not run: " + r.notRun().size());
        }
        h.raw("</td></tr>\n<tr><th>Checks</th><td>").text(counts(r.testCases().stream()
                .flatMap(t -> t.checks().stream()).map(c -> c.verdict().name()).toList()));
        h.raw("</td></tr>\n");
        if (r.cancelled()) {
            h.raw("<tr><th>Cancelled</th><td>yes: the run was stopped before every test case finished</td></tr>\n");
        }
        h.raw("<tr><th>Tool</th><td>octt ").text(Version.current()).raw("</td></tr>\n</table>\n</header>\n");
    }

    /** {@code 2 FAILED, 7 PASSED}, in the order FAILED, INCONCLUSIVE, PASSED, SKIPPED; {@code none} when empty. */
    private static String counts(List<String> verdicts) {
        List<String> parts = new ArrayList<>();
        for (Verdict v : List.of(Verdict.FAILED, Verdict.INCONCLUSIVE, Verdict.PASSED, Verdict.SKIPPED)) {
            long n = verdicts.stream().filter(v.name()::equals).count();
            if (n > 0) {
                parts.add(n + " " + v.name());
            }
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    /** One failed or inconclusive check (or step that ended without its checks), for the list at the top. */
    private record Problem(Verdict verdict, String anchor, String what, String testCase, String url, String message) {
    }

    private static void failures(Html h, RunResult r) {
        List<Problem> problems = new ArrayList<>();
        List<TestCaseResult> cases = r.testCases();
        for (int i = 0; i < cases.size(); i++) {
            TestCaseResult tc = cases.get(i);
            List<StepResult> steps = tc.steps();
            for (int s = 0; s < steps.size(); s++) {
                StepResult step = steps.get(s);
                if (isProblem(step.verdict()) && !step.reason().isEmpty()) {
                    problems.add(new Problem(step.verdict(), stepAnchor(i, s), "step " + step.name(), tc.id(),
                            tc.target().url().toString(), step.reason()));
                }
                List<CheckResult> checks = step.checks();
                for (int c = 0; c < checks.size(); c++) {
                    CheckResult check = checks.get(c);
                    if (isProblem(check.verdict())) {
                        problems.add(new Problem(check.verdict(), checkAnchor(i, s, c), check.id(), tc.id(),
                                tc.target().url().toString(), check.message()));
                    }
                }
            }
        }
        problems.sort(Comparator.comparingInt(p -> severity(p.verdict())));
        h.raw("<section id=\"failures\"").raw(problems.isEmpty() ? " class=\"none\"" : "").raw(">\n<h2>");
        if (problems.isEmpty()) {
            h.raw("No failed or inconclusive check</h2>\n</section>\n");
            return;
        }
        long failed = problems.stream().filter(p -> p.verdict() == Verdict.FAILED).count();
        h.text(failed + " failed, " + (problems.size() - failed) + " inconclusive").raw("</h2>\n<ol>\n");
        for (Problem p : problems) {
            h.raw("<li>").verdict(p.verdict().name()).raw(" <a href=\"#").raw(p.anchor()).raw("\"><code>")
                    .text(p.what()).raw("</code></a> <span class=\"muted\">").text(p.testCase() + " @ " + p.url())
                    .raw("</span><div class=\"msg\">").text(p.message()).raw("</div></li>\n");
        }
        h.raw("</ol>\n</section>\n");
    }

    private static boolean isProblem(Verdict v) {
        return v == Verdict.FAILED || v == Verdict.INCONCLUSIVE;
    }

    private static void notRun(Html h, RunResult r) {
        if (r.notRun().isEmpty()) {
            return;
        }
        h.raw("<section id=\"not-run\">\n<h2>Not run</h2>\n<table>\n<tr><th>Test case</th><th>Target</th><th>Why</th></tr>\n");
        for (NotRun n : r.notRun()) {
            h.raw("<tr><td>").verdict(n.kind().name()).raw(" <code>").text(n.testCaseId()).raw("</code> ")
                    .text(n.title()).raw("</td><td><code>").text(n.target().url().toString()).raw("</code></td><td class=\"msg\">")
                    .text(n.reason()).raw("</td></tr>\n");
        }
        h.raw("</table>\n</section>\n");
    }

    private static String tcAnchor(int i) {
        return "tc" + i;
    }

    private static String stepAnchor(int i, int s) {
        return "tc" + i + "-s" + s;
    }

    private static String checkAnchor(int i, int s, int c) {
        return "tc" + i + "-s" + s + "-c" + c;
    }

    private static void testCase(Html h, TestCaseResult tc, int i) {
        h.raw("<section class=\"tc ").raw(tc.verdict().name()).raw("\" id=\"").raw(tcAnchor(i)).raw("\">\n<h2>")
                .verdict(tc.verdict().name()).raw(" <code>").text(tc.id()).raw("</code> ").text(tc.title()).raw("</h2>\n");
        h.raw("<table class=\"kv\">\n<tr><th>Target</th><td><code>").text(tc.target().url().toString()).raw("</code>");
        Target t = tc.target();
        if (t.connectAddress().isPresent()) {
            h.text(" (connect to " + Reports.connectTo(t.connectAddress().get()) + ")");
        }
        h.raw("</td></tr>\n<tr><th>Started</th><td>").text(tc.startedAt().toString()).raw("</td></tr>\n<tr><th>Duration</th><td>")
                .text(millis(tc.duration().toMillis())).raw("</td></tr>\n");
        if (tc.insecure()) {
            h.raw("<tr><th>Insecure</th><td>yes: credentials were sent although certificate validation failed</td></tr>\n");
        }
        h.raw("</table>\n");
        checks(h, tc, i);
        tlsMatrix(h, tc);
        certificates(h, tc);
        messageLog(h, tc, i);
        h.raw("</section>\n");
    }

    private static void checks(Html h, TestCaseResult tc, int i) {
        h.raw("<h3>Checks</h3>\n<table class=\"checks\">\n<tr><th>Check</th><th>Verdict</th><th>Message, warnings and evidence</th></tr>\n");
        List<StepResult> steps = tc.steps();
        for (int s = 0; s < steps.size(); s++) {
            StepResult step = steps.get(s);
            h.raw("<tr class=\"step\" id=\"").raw(stepAnchor(i, s)).raw("\"><td colspan=\"3\">step <code>").text(step.name())
                    .raw("</code> ").text(step.description());
            if (step.checks().isEmpty() || !step.reason().isEmpty()) {
                h.raw(" ").verdict(step.verdict().name());
            }
            if (!step.reason().isEmpty()) {
                h.raw("<div class=\"msg\">").text(step.reason()).raw("</div>");
            }
            h.raw("</td></tr>\n");
            List<CheckResult> checks = step.checks();
            for (int c = 0; c < checks.size(); c++) {
                CheckResult check = checks.get(c);
                h.raw("<tr class=\"").raw(check.verdict().name()).raw("\" id=\"").raw(checkAnchor(i, s, c)).raw("\"><td class=\"id\"><code>")
                        .text(check.id()).raw("</code></td><td>").verdict(check.verdict().name())
                        .raw("</td><td><div class=\"msg\">").text(check.message()).raw("</div>");
                if (!check.warnings().isEmpty()) {
                    h.raw("<ul class=\"warn\">");
                    for (String w : check.warnings()) {
                        h.raw("<li>warning: ").text(w).raw("</li>");
                    }
                    h.raw("</ul>");
                }
                evidence(h, check, i);
                h.raw("</td></tr>\n");
            }
        }
        h.raw("</table>\n");
    }

    private static void evidence(Html h, CheckResult check, int i) {
        Map<String, Object> shown = new LinkedHashMap<>(check.evidence());
        Object log = shown.remove(MESSAGE_LOG);
        if (!shown.isEmpty()) {
            h.raw("<details><summary>evidence: ").text(String.join(", ", shown.keySet())).raw("</summary>");
            value(h, shown);
            h.raw("</details>");
        }
        if (log instanceof Collection<?> entries) {
            h.raw("<div><a href=\"#").raw(tcAnchor(i)).raw("-log\">").text("message log: " + entries.size()
                    + (entries.size() == 1 ? " entry" : " entries")).raw("</a></div>");
        }
    }

    /** An evidence value: maps as key/value tables, lists as lists, text with line breaks kept. */
    private static void value(Html h, Object raw) {
        Object v = normalize(raw);
        if (v == null) {
            h.raw("<span class=\"muted\">null</span>");
        } else if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                h.raw("<span class=\"muted\">{}</span>");
                return;
            }
            h.raw("<table class=\"kv\">");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                h.raw("<tr><th>").text(String.valueOf(e.getKey())).raw("</th><td>");
                value(h, e.getValue());
                h.raw("</td></tr>");
            }
            h.raw("</table>");
        } else if (v instanceof List<?> l) {
            if (l.isEmpty()) {
                h.raw("<span class=\"muted\">[]</span>");
                return;
            }
            h.raw("<ol>");
            for (Object o : l) {
                h.raw("<li>");
                value(h, o);
                h.raw("</li>");
            }
            h.raw("</ol>");
        } else if (v instanceof String s && s.indexOf('\n') >= 0) {
            h.raw("<pre>").text(s).raw("</pre>");
        } else {
            h.raw("<span class=\"mono\">").text(String.valueOf(v)).raw("</span>");
        }
    }

    /** Evidence as JSON-like values (as the JSON report writes them): String, Number, Boolean, Map, List or null. */
    private static Object normalize(Object v) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean
                || v instanceof Map<?, ?> || v instanceof List<?>) {
            return v;
        }
        if (v instanceof Collection<?> c) {
            return List.copyOf(c.stream().map(o -> o == null ? "null" : o).toList());
        }
        if (v instanceof byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }
        if (v.getClass().isArray()) {
            List<Object> l = new ArrayList<>();
            for (int i = 0; i < Array.getLength(v); i++) {
                l.add(Array.get(v, i));
            }
            return l;
        }
        if (v instanceof Optional<?> o) {
            return normalize(o.orElse(null));
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        return v.toString();
    }

    /** One row of the TLS matrix. */
    private record TlsRow(String offered, String result, String detail, String checkId) {
    }

    private static void tlsMatrix(Html h, TestCaseResult tc) {
        List<TlsRow> rows = new ArrayList<>();
        for (CheckResult c : tc.checks()) {
            Map<String, Object> ev = c.evidence();
            if (ev.get("negotiatedVersion") != null) {
                String detail = "negotiated " + ev.get("negotiatedVersion")
                        + (ev.get("cipherSuite") == null ? "" : " with " + ev.get("cipherSuite"))
                        + (ev.get("namedGroup") == null ? "" : ", group " + ev.get("namedGroup"));
                rows.add(new TlsRow("TLS 1.2 and 1.3, the default suites", "accepted", detail, c.id()));
            } else if (ev.containsKey("legacyVersions") && ev.get("outcome") != null) {
                rows.add(new TlsRow("TLS 1.2 and 1.3, the default suites", String.valueOf(ev.get("outcome")), c.message(), c.id()));
            }
            if (ev.get("legacyVersions") instanceof Map<?, ?> legacy) {
                legacy.forEach((version, outcome) -> {
                    String text = String.valueOf(outcome);
                    int colon = text.indexOf(": ");
                    if (colon < 0) {
                        rows.add(new TlsRow(version + " alone", text, "", c.id()));
                    } else {
                        String message = text.substring(colon + 2);
                        Matcher alert = ALERT.matcher(message);
                        rows.add(new TlsRow(version + " alone", text.substring(0, colon),
                                (alert.find() ? "alert: " + alert.group(1) + "\nmessage: " : "") + message, c.id()));
                    }
                });
            }
            if (ev.get("suites") instanceof Map<?, ?> suites) {
                suites.forEach((suite, outcome) -> {
                    if (outcome instanceof Map<?, ?> o && o.get("result") != null) {
                        List<String> detail = new ArrayList<>();
                        for (String key : List.of("alert", "message", "certificate", "openSslName")) {
                            if (o.get(key) != null) {
                                detail.add(key + ": " + o.get(key));
                            }
                        }
                        rows.add(new TlsRow(suite + " (TLS 1.2) alone", String.valueOf(o.get("result")),
                                String.join("\n", detail), c.id()));
                    }
                });
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        h.raw("<h3>TLS matrix</h3>\n<table>\n<tr><th>Offered</th><th>Result</th><th>Alert and detail</th><th>Check</th></tr>\n");
        for (TlsRow row : rows) {
            String cls = row.result().equals("accepted") ? "acc"
                    : row.result().startsWith("refused") || row.result().startsWith("aborted") ? "ref" : "unk";
            h.raw("<tr><td><code>").text(row.offered()).raw("</code></td><td class=\"").raw(cls).raw("\">")
                    .text(row.result()).raw("</td><td class=\"msg\">").text(row.detail()).raw("</td><td class=\"nw\"><code>")
                    .text(row.checkId()).raw("</code></td></tr>\n");
        }
        h.raw("</table>\n");
    }

    private static final List<String> CERT_SHOWN = List.of("certificate", "subject", "issuer", "notBefore", "notAfter",
            "algorithm", "bits", "curve", "serial", "octets", "sha256", "sha1", "sentFor", "pem", "verdict");

    private static void certificates(Html h, TestCaseResult tc) {
        Map<String, Map<String, Object>> certs = new LinkedHashMap<>();
        Map<String, List<String>> verdicts = new LinkedHashMap<>();
        for (CheckResult c : tc.checks()) {
            if (!(c.evidence().get(CERTIFICATES) instanceof Collection<?> list)) {
                continue;
            }
            for (Object o : list) {
                if (!(o instanceof Map<?, ?> m)) {
                    continue;
                }
                Object key = m.get("sha256") != null ? m.get("sha256") : m.get("subject") + "|" + m.get("certificate");
                Map<String, Object> merged = certs.computeIfAbsent(String.valueOf(key), k -> new LinkedHashMap<>());
                m.forEach((k, v) -> merged.putIfAbsent(String.valueOf(k), v));
                verdicts.computeIfAbsent(String.valueOf(key), k -> new ArrayList<>())
                        .add(c.id() + ": " + (m.get("verdict") == null ? c.verdict().name() : m.get("verdict")));
            }
        }
        if (certs.isEmpty()) {
            return;
        }
        h.raw("<h3>Certificates</h3>\n");
        certs.forEach((key, cert) -> {
            h.raw("<div class=\"cert\"><b>").text(String.valueOf(cert.getOrDefault("subject", "(no subject)")))
                    .raw("</b> <span class=\"muted\">").text(String.valueOf(cert.getOrDefault("certificate", ""))).raw("</span>\n")
                    .raw("<table class=\"kv\">");
            certRow(h, "Subject", cert.get("subject"));
            certRow(h, "Issuer", cert.get("issuer"));
            if (cert.get("notBefore") != null || cert.get("notAfter") != null) {
                certRow(h, "Validity", cert.get("notBefore") + " to " + cert.get("notAfter"));
            }
            if (cert.get("algorithm") != null) {
                Object curve = cert.get("curve");
                certRow(h, "Key", cert.get("algorithm") + " " + cert.get("bits") + " bits"
                        + (curve == null || curve.toString().isEmpty() ? "" : ", " + curve));
            }
            if (cert.get("serial") != null) {
                certRow(h, "Serial", cert.get("serial") + (cert.get("octets") == null ? "" : " (" + cert.get("octets") + " octets)"));
            }
            certRow(h, "SHA-256", cert.get("sha256"));
            certRow(h, "SHA-1", cert.get("sha1"));
            certRow(h, "Sent for", cert.get("sentFor"));
            certRow(h, "Checks", verdicts.get(key));
            cert.forEach((k, v) -> {
                if (!CERT_SHOWN.contains(k)) {
                    certRow(h, k, v);
                }
            });
            h.raw("</table>");
            if (cert.get("pem") != null) {
                h.raw("<details><summary>PEM</summary><pre>").text(String.valueOf(cert.get("pem"))).raw("</pre></details>");
            }
            h.raw("</div>\n");
        });
    }

    private static void certRow(Html h, String name, Object v) {
        if (v != null) {
            h.raw("<tr><th>").text(name).raw("</th><td>");
            value(h, v);
            h.raw("</td></tr>");
        }
    }

    private static void messageLog(Html h, TestCaseResult tc, int i) {
        List<CheckResult> withLog = tc.checks().stream()
                .filter(c -> c.evidence().get(MESSAGE_LOG) instanceof Collection<?> l && !l.isEmpty()).toList();
        if (withLog.isEmpty()) {
            return;
        }
        h.raw("<h3 id=\"").raw(tcAnchor(i)).raw("-log\">Message log</h3>\n<table>\n")
                .raw("<tr><th>Time (UTC)</th><th>Direction</th><th>Frame</th><th>Check</th></tr>\n");
        for (CheckResult c : withLog) {
            for (Object o : (Collection<?>) c.evidence().get(MESSAGE_LOG)) {
                if (!(o instanceof Map<?, ?> entry)) {
                    continue;
                }
                String dir = String.valueOf(entry.get("dir"));
                String cls = dir.equals("SENT") || dir.equals("RECEIVED") ? dir : "unk";
                h.raw("<tr><td class=\"mono nw\">").text(timeOfDay(String.valueOf(entry.get("time")))).raw("</td><td class=\"nw ")
                        .raw(cls).raw("\">").text(dir.equals("SENT") ? "\u2192 sent" : dir.equals("RECEIVED") ? "\u2190 received" : dir)
                        .raw("</td><td><pre>").text(String.valueOf(entry.get("frame"))).raw("</pre></td><td class=\"nw\"><code>")
                        .text(c.id()).raw("</code></td></tr>\n");
            }
        }
        h.raw("</table>\n");
    }

    /** {@code 12:00:01.234} for an ISO instant; anything else as it is. */
    private static String timeOfDay(String time) {
        try {
            return TIME_OF_DAY.format(Instant.parse(time));
        } catch (DateTimeParseException e) {
            return time;
        }
    }

    private static String millis(long ms) {
        return ms < 1000 ? ms + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** A string builder that escapes every text it is given; markup goes only through {@link #raw}. */
    private static final class Html {
        private final StringBuilder sb = new StringBuilder(64 * 1024);

        /** Markup written by this class, never data. */
        Html raw(String markup) {
            sb.append(markup);
            return this;
        }

        /** Data: control characters in visible form ({@link Printable}, line breaks and tabs kept), then HTML-escaped. */
        Html text(String data) {
            String printable = Printable.escapeKeepingLines(data);
            for (int i = 0; i < printable.length(); i++) {
                char c = printable.charAt(i);
                switch (c) {
                    case '&' -> sb.append("&amp;");
                    case '<' -> sb.append("&lt;");
                    case '>' -> sb.append("&gt;");
                    case '"' -> sb.append("&quot;");
                    case '\'' -> sb.append("&#39;");
                    default -> sb.append(c);
                }
            }
            return this;
        }

        /** A verdict badge; the class is one of the enum names this class passes. */
        Html verdict(String name) {
            return raw("<span class=\"v ").raw(name).raw("\">").text(name).raw("</span>");
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }
}
