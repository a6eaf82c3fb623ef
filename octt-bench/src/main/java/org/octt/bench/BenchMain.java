package org.octt.bench;

import org.octt.core.Octt;
import org.octt.core.engine.TestCaseResult;
import org.octt.core.plugin.PluginRegistry;
import org.octt.core.spi.Secret;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.Target;
import org.octt.core.spi.TestCase;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Timeouts;
import org.octt.core.spi.Verdict;
import org.octt.testkit.ReceivedTraffic;
import org.octt.testkit.ReferenceCentralSystem;
import org.octt.testkit.ReferencePki;
import org.octt.testkit.RunningCentralSystem;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark harness (a plain {@link System#nanoTime()} harness, not JMH), run by
 * {@code bench/run.sh}, never by the tests:
 *
 * <ul>
 *   <li>{@code latency [--warmup N] [--runs N]}: one TC_086_CSMS run at a time against a loopback
 *       reference Central System in this JVM; median and p99 of the measured runs after warm-up.</li>
 *   <li>{@code throughput [--seconds S] [--concurrency C,C...] [--s-time-seconds S]}: TC_086_CSMS runs
 *       per second against one reference Central System in this JVM, the handshakes each run makes
 *       (counted by the server), and {@code openssl s_time -new} against the same server in the
 *       same run, before and after.</li>
 *   <li>{@code serve --dir DIR [--servers K] [--hosts-per-server N]}: starts K reference Central
 *       Systems (one PKI, one password) serving N host names each, told apart by SNI, and writes
 *       {@code root.pem}, {@code password} and {@code servers.txt} into DIR, then prints
 *       {@code ready}. {@code servers.txt} has one "host port" line per host name, K x N lines, in
 *       turn over the servers: line k is served by server ((k - 1) mod K) + 1; lines 1 to K are the
 *       servers' own names {@code cs1.octt.test}..., the others {@code t<k>.octt.test} (k with at
 *       least four digits, e.g. {@code t0517.octt.test}). Each {@code stats} line on stdin prints the
 *       servers' summed traffic; {@code quit} or end of input stops them.</li>
 *   <li>{@code wss-floor --url WSS_URL --connect HOST:PORT --ca-file PEM --password-file FILE}: one
 *       secured WebSocket session and one BootNotification on Reactor Netty and the JDK's TLS, and
 *       nothing else ({@link WebSocketFloor}); bench/run.sh times it cold as the floor of a run.</li>
 * </ul>
 *
 * <p>Every figure is printed on a line starting with {@code RESULT}. Each run's verdict is checked:
 * a run that does not pass is counted and reported, never silently timed.
 */
public final class BenchMain {

    private static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RUN_LIMIT = Duration.ofSeconds(60);
    private static final Pattern S_TIME_CONNECTIONS = Pattern.compile("(\\d+) connections in ([0-9.]+)s;");
    private static final Pattern S_TIME_REAL = Pattern.compile("(\\d+) connections in (\\d+) real seconds");

    private final PrintStream out;

    private BenchMain(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: octt-bench latency|throughput|serve|wss-floor [options] (see bench/run.sh)");
            System.exit(2);
        }
        Map<String, String> options = options(Arrays.copyOfRange(args, 1, args.length));
        BenchMain bench = new BenchMain(System.out);
        switch (args[0]) {
            case "latency" -> bench.latency(intOption(options, "warmup", 100), intOption(options, "runs", 300));
            case "throughput" -> bench.throughput(intOption(options, "seconds", 10),
                    Arrays.stream(options.getOrDefault("concurrency", "1,4,8,16").split(","))
                            .map(String::trim).map(Integer::parseInt).toList(),
                    intOption(options, "s-time-seconds", 10),
                    Optional.ofNullable(options.get("s-time-args")));
            case "serve" -> bench.serve(Path.of(required(options, "dir")), intOption(options, "servers", 4),
                    intOption(options, "hosts-per-server", 1));
            case "wss-floor" -> bench.wssFloor(java.net.URI.create(required(options, "url")),
                    hostPort(required(options, "connect")), Path.of(required(options, "ca-file")),
                    Files.readString(Path.of(required(options, "password-file"))).strip());
            default -> {
                System.err.println("unknown benchmark: " + args[0] + " (known: latency, throughput, serve, wss-floor)");
                System.exit(2);
            }
        }
        System.exit(0); // the Reactor and Netty threads of the engine are daemons, but do not wait for them
    }

    // ---------------------------------------------------------------- latency

    private void latency(int warmup, int runs) {
        out.println("# warm latency: " + warmup + " warm-up runs, then " + runs + " measured runs, one at a time, "
                + "against a reference Central System in this JVM (" + jvm() + ")");
        try (RunningCentralSystem cs = ReferenceCentralSystem.builder().pki(ReferencePki.generate()).build().start()) {
            TestCase tc = tc086();
            TestContext context = profile2(cs, cs.chargePointId());
            for (int i = 0; i < warmup; i++) {
                requirePassed(runOnce(tc, context), "warm-up run " + (i + 1));
            }
            ReceivedTraffic before = cs.traffic();
            CpuAccount cpuBefore = CpuAccount.snapshot();
            List<Long> nanos = new ArrayList<>(runs);
            Map<String, List<Long>> stepNanos = new LinkedHashMap<>();
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                TestCaseResult r = runOnce(tc, context);
                nanos.add(System.nanoTime() - t0);
                requirePassed(r, "measured run " + (i + 1));
                r.steps().forEach(step -> stepNanos.computeIfAbsent(step.name(), k -> new ArrayList<>())
                        .add(step.duration().toNanos()));
            }
            CpuAccount cpuAfter = CpuAccount.snapshot();
            ReceivedTraffic after = cs.traffic();
            Percentiles p = Percentiles.ofNanos(nanos);
            out.println("RESULT latency " + p.describe() + "; all " + runs + " runs PASSED; "
                    + perRun(before, after, runs));
            stepNanos.forEach((step, times) -> out.println("RESULT latency-step " + step + " "
                    + Percentiles.ofNanos(times).describe()));
            out.println("RESULT latency-cpu " + cpuPerRun(cpuBefore, cpuAfter, runs));
            // issue 14's target (it was 50 ms before)
            out.println("RESULT latency-target median " + Percentiles.ms(p.median()) + " vs target < 15 ms: "
                    + (p.median().compareTo(Duration.ofMillis(15)) < 0 ? "MET" : "NOT MET"));
        }
    }

    // ---------------------------------------------------------------- throughput

    private void throughput(int seconds, List<Integer> concurrencies, int sTimeSeconds, Optional<String> sTimeArgs)
            throws IOException, InterruptedException {
        out.println("# throughput: TC_086_CSMS runs per second for " + seconds + " s at concurrency " + concurrencies
                + ", and openssl s_time -new for " + sTimeSeconds + " s before and after, against ONE reference "
                + "Central System in this JVM (" + jvm() + ")");
        try (RunningCentralSystem cs = ReferenceCentralSystem.builder().pki(ReferencePki.generate()).build().start()) {
            TestCase tc = tc086();
            TestContext context = profile2(cs, cs.chargePointId());
            // warm-up of the JIT (client and server): 10 s at the highest concurrency measured, so that
            // the first measured concurrency does not pay for compilation the later ones get for free
            int warmConcurrency = concurrencies.stream().mapToInt(Integer::intValue).max().orElse(1);
            out.println("# warm-up: 10 s at concurrency " + warmConcurrency + " (not measured)");
            AtomicInteger warmPassed = new AtomicInteger();
            AtomicInteger warmNotPassed = new AtomicInteger();
            runFor(tc, context, warmConcurrency, 10, warmPassed, warmNotPassed);
            if (warmNotPassed.get() > 0) {
                throw new IllegalStateException(warmNotPassed.get() + " of " + (warmPassed.get() + warmNotPassed.get())
                        + " warm-up runs did not pass");
            }
            List<String> extra = sTimeArgs.map(a -> List.of(a.trim().split("\\s+"))).orElse(List.of());
            List<String> rsa = List.of("-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256");
            sTime(cs, 3, extra, "warm-up (discarded)");
            sTime(cs, 3, rsa, "warm-up (discarded)");
            double ceilingBefore = sTime(cs, sTimeSeconds, extra, "before");
            double rsaBefore = sTime(cs, sTimeSeconds, rsa, "before, TLS 1.2 RSA, for context");
            Map<Integer, Double> handshakeRates = new LinkedHashMap<>();
            for (int c : concurrencies) {
                handshakeRates.put(c, measureThroughput(cs, tc, context, c, seconds));
            }
            double rsaAfter = sTime(cs, sTimeSeconds, rsa, "after, TLS 1.2 RSA, for context");
            double ceilingAfter = sTime(cs, sTimeSeconds, extra, "after");
            double ceiling = (ceilingBefore + ceilingAfter) / 2;
            out.printf(Locale.ROOT, "RESULT s_time-ceiling %.1f handshakes/s (mean of before %.1f and after %.1f; "
                    + "openssl s_time -new %s)%n", ceiling, ceilingBefore, ceilingAfter, String.join(" ", extra));
            out.printf(Locale.ROOT, "RESULT s_time-rsa %.1f handshakes/s (mean of before %.1f and after %.1f; "
                    + "openssl s_time -new %s), for context%n", (rsaBefore + rsaAfter) / 2, rsaBefore, rsaAfter,
                    String.join(" ", rsa));
            for (Map.Entry<Integer, Double> e : handshakeRates.entrySet()) {
                double ratio = e.getValue() / ceiling;
                out.printf(Locale.ROOT, "RESULT throughput-ratio concurrency %d: %.1f handshakes/s / %.1f = %.2f of "
                        + "the s_time ceiling (target >= 0.8: %s)%n", e.getKey(), e.getValue(), ceiling, ratio,
                        ratio >= 0.8 ? "MET" : "NOT MET");
            }
        }
    }

    private double measureThroughput(RunningCentralSystem cs, TestCase tc, TestContext context, int concurrency,
            int seconds) throws InterruptedException {
        ReceivedTraffic before = cs.traffic();
        AtomicInteger passed = new AtomicInteger();
        AtomicInteger notPassed = new AtomicInteger();
        long start = System.nanoTime();
        runFor(tc, context, concurrency, seconds, passed, notPassed);
        double elapsed = (System.nanoTime() - start) / 1e9;
        ReceivedTraffic after = cs.traffic();
        int runs = passed.get() + notPassed.get();
        int handshakes = after.handshakes().size() - before.handshakes().size();
        double runRate = runs / elapsed;
        double handshakeRate = handshakes / elapsed;
        out.printf(Locale.ROOT, "RESULT throughput concurrency %d: %d runs in %.2f s = %.1f runs/s (%d PASSED, %d not)"
                + "; %s; %.1f full handshakes/s%n", concurrency, runs, elapsed, runRate, passed.get(),
                notPassed.get(), perRun(before, after, runs), handshakeRate);
        return handshakeRate;
    }

    /** {@code concurrency} threads, each running TC_086_CSMS back to back for {@code seconds}; counts the verdicts. */
    private void runFor(TestCase tc, TestContext context, int concurrency, int seconds, AtomicInteger passed,
            AtomicInteger notPassed) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    TestCaseResult r = runOnce(tc, context);
                    (r.verdict() == Verdict.PASSED ? passed : notPassed).incrementAndGet();
                }
            }, "octt-bench-" + i);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(seconds) + RUN_LIMIT.toMillis());
        }
    }

    /** Runs {@code openssl s_time -new} against the Central System; returns connections per wall second. */
    private double sTime(RunningCentralSystem cs, int seconds, List<String> extra, String label)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl", "s_time", "-connect", "127.0.0.1:" + cs.port(),
                "-new", "-time", Integer.toString(seconds)));
        command.addAll(extra);
        ReceivedTraffic before = cs.traffic();
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("openssl s_time did not end within " + (seconds + 30) + " s");
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        ReceivedTraffic after = cs.traffic();
        Matcher m = S_TIME_CONNECTIONS.matcher(output);
        Matcher real = S_TIME_REAL.matcher(output);
        if (!m.find() || !real.find()) {
            throw new IllegalStateException("cannot read the output of " + String.join(" ", command) + ": " + output);
        }
        int connections = Integer.parseInt(m.group(1));
        int serverHandshakes = after.handshakes().size() - before.handshakes().size();
        String negotiated = after.handshakes().size() > before.handshakes().size()
                ? after.handshakes().get(after.handshakes().size() - 1).toString() : "none";
        double rate = connections / elapsed;
        out.printf(Locale.ROOT, "RESULT s_time %s: $ %s -> %d connections in %.2f s wall = %.1f/s (s_time: %s; the "
                + "server counted %d handshakes; last: %s)%n", label, String.join(" ", command), connections, elapsed,
                rate, real.group(0), serverHandshakes, negotiated);
        return rate;
    }

    // ---------------------------------------------------------------- serve

    private void serve(Path dir, int servers, int hostsPerServer) throws IOException {
        if (servers < 1) {
            throw new IllegalArgumentException("--servers must be at least 1, was: " + servers);
        }
        if (hostsPerServer < 1) {
            throw new IllegalArgumentException("--hosts-per-server must be at least 1, was: " + hostsPerServer);
        }
        List<String> hostNames = fleetHostNames(servers, hostsPerServer);
        Files.createDirectories(dir);
        ReferencePki pki = ReferencePki.generate();
        List<RunningCentralSystem> started = new ArrayList<>();
        try {
            long t0 = System.nanoTime();
            String password = null;
            for (int i = 0; i < servers; i++) {
                List<String> additional = new ArrayList<>();
                for (int k = i + servers; k < hostNames.size(); k += servers) {
                    additional.add(hostNames.get(k));
                }
                ReferenceCentralSystem.Builder b = ReferenceCentralSystem.builder().pki(pki)
                        .hostName(hostNames.get(i)).additionalHostNames(additional);
                if (password != null) {
                    b.password(password);
                }
                RunningCentralSystem cs = b.build().start();
                started.add(cs);
                password = cs.chargePointPasswordAsString();
            }
            double startSeconds = (System.nanoTime() - t0) / 1e9;
            RunningCentralSystem first = started.get(0);
            Files.writeString(dir.resolve("root.pem"), first.rootCertificatePem());
            Path pw = dir.resolve("password");
            Files.deleteIfExists(pw);
            Files.createFile(pw, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(pw, password);
            StringBuilder list = new StringBuilder();
            for (int k = 0; k < hostNames.size(); k++) {
                list.append(hostNames.get(k)).append(' ').append(started.get(k % servers).port()).append('\n');
            }
            Files.writeString(dir.resolve("servers.txt"), list.toString());
            StringBuilder primaries = new StringBuilder();
            for (RunningCentralSystem cs : started) {
                primaries.append(primaries.length() == 0 ? "" : ",").append(cs.hostName()).append(' ').append(cs.port());
            }
            out.printf(Locale.ROOT, "ready %d reference Central Systems serving %d host names (%d each, started in "
                    + "%.1f s): %s%n", servers, hostNames.size(), hostsPerServer, startSeconds, primaries);
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.trim().equals("quit")) {
                if (line.trim().equals("stats")) {
                    int connections = 0;
                    int handshakes = 0;
                    int alerts = 0;
                    int sessions = 0;
                    int boots = 0;
                    for (RunningCentralSystem cs : started) {
                        ReceivedTraffic t = cs.traffic();
                        connections += t.connections();
                        handshakes += t.handshakes().size();
                        alerts += t.tlsAlerts().size();
                        sessions += t.webSocketSessions();
                        boots += t.bootNotifications();
                    }
                    out.println("stats connections=" + connections + " handshakes=" + handshakes + " alerts=" + alerts
                            + " websockets=" + sessions + " boots=" + boots);
                    out.flush();
                }
            }
        } finally {
            for (RunningCentralSystem cs : started) {
                cs.close();
            }
        }
    }

    /**
     * The fleet's host names in {@code servers.txt} order: {@code cs1.octt.test} to
     * {@code cs<servers>.octt.test}, then {@code t<k>.octt.test} for k from servers + 1; name k
     * (0-based) is served by server {@code k % servers}.
     */
    static List<String> fleetHostNames(int servers, int hostsPerServer) {
        int total = Math.multiplyExact(servers, hostsPerServer);
        String format = "t%0" + Math.max(4, Integer.toString(total).length()) + "d.octt.test";
        List<String> names = new ArrayList<>(total);
        for (int k = 1; k <= total; k++) {
            names.add(k <= servers ? "cs" + k + ".octt.test" : String.format(Locale.ROOT, format, k));
        }
        return names;
    }

    // ---------------------------------------------------------------- wss-floor

    private void wssFloor(java.net.URI url, java.net.InetSocketAddress connect, Path caFile, String password)
            throws Exception {
        String path = url.getPath();
        String chargePoint = path.substring(path.lastIndexOf('/') + 1);
        String answer = WebSocketFloor.session(url, connect, caFile, chargePoint, password);
        if (answer == null || !answer.startsWith("[3,")) {
            throw new IllegalStateException("no BootNotification.conf: " + answer);
        }
        out.println("RESULT wss-floor BootNotification answered: " + answer);
    }

    static java.net.InetSocketAddress hostPort(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected HOST:PORT, was: " + value);
        }
        return new java.net.InetSocketAddress(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
    }

    // ---------------------------------------------------------------- helpers

    private static TestCase tc086() {
        return PluginRegistry.load(BenchMain.class.getClassLoader(), Optional.empty()).find("TC_086_CSMS")
                .orElseThrow(() -> new IllegalStateException("TC_086_CSMS not found on the class path"))
                .testCase();
    }

    private static TestContext profile2(RunningCentralSystem cs, String chargePointId) {
        return TestContext.builder(Target.of(cs.url()).withConnectAddress(cs.connectAddress()))
                .securityProfile(SecurityProfile.TLS_BASIC_AUTH)
                .basicAuthPassword(Secret.of(cs.chargePointPasswordAsString()))
                .trustAnchors(List.of(cs.rootCertificate()))
                .timeouts(Timeouts.DEFAULTS.withNetwork(NETWORK_TIMEOUT))
                .build();
    }

    /** One TC_086_CSMS run through the public facade, as an embedder does it. */
    private static TestCaseResult runOnce(TestCase tc, TestContext context) {
        return Octt.builder().testCase(tc).target(context).build().result().block(RUN_LIMIT).testCases().get(0);
    }

    private static void requirePassed(TestCaseResult r, String what) {
        if (r.verdict() != Verdict.PASSED) {
            throw new IllegalStateException(what + " did not pass: " + r.verdict() + " " + r.reasons());
        }
    }

    private static String perRun(ReceivedTraffic before, ReceivedTraffic after, int runs) {
        return String.format(Locale.ROOT, "per run the server saw %.2f TCP connections, %.2f completed TLS "
                        + "handshakes, %.2f TLS alerts (refused probes), %.2f WebSocket sessions",
                (after.connections() - before.connections()) / (double) runs,
                (after.handshakes().size() - before.handshakes().size()) / (double) runs,
                (after.tlsAlerts().size() - before.tlsAlerts().size()) / (double) runs,
                (after.webSocketSessions() - before.webSocketSessions()) / (double) runs);
    }

    /**
     * CPU per run: the whole process's (every thread, the collector and the JIT compilers too), the
     * reference Central System's event loops', and the rest's (octt: engine, probes, certificate
     * checks, WebSocket; the collector, the compilers), and the wall time that CPU bounds from below
     * on this machine's cores.
     */
    static String cpuPerRun(CpuAccount before, CpuAccount after, int runs) {
        double process = after.processSince(before).toNanos() / 1e6 / runs;
        double server = after.threadsSince(before, n -> n.startsWith("octt-reference-cs")).toNanos() / 1e6 / runs;
        int cpus = Runtime.getRuntime().availableProcessors();
        return String.format(Locale.ROOT, "per run %.1f ms of process CPU: reference Central System threads %.1f ms, "
                        + "the rest (octt, GC, JIT) %.1f ms; on %d CPUs the mean run cannot take under %.1f ms",
                process, server, process - server, cpus, process / cpus);
    }

    private static String jvm() {
        return "JDK " + System.getProperty("java.vm.version") + ", " + Runtime.getRuntime().availableProcessors()
                + " CPUs, max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB";
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, was: " + Arrays.toString(args));
            }
            m.put(args[i].substring(2), args[++i]);
        }
        return m;
    }

    private static int intOption(Map<String, String> options, String name, int defaultValue) {
        return Optional.ofNullable(options.get(name)).map(Integer::parseInt).orElse(defaultValue);
    }

    private static String required(Map<String, String> options, String name) {
        return Optional.ofNullable(options.get(name))
                .orElseThrow(() -> new IllegalArgumentException("--" + name + " is required"));
    }
}
