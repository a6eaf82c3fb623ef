package org.octt.cli;

import org.octt.core.text.Addresses;
import org.octt.core.text.Printable;
import org.octt.core.spi.ActionHandler;
import org.octt.testkit.Fault;
import org.octt.testkit.ClientCertificatePolicy;
import org.octt.testkit.ReferenceCentralSystem;
import org.octt.testkit.ReferencePki;
import org.octt.testkit.RunningCentralSystem;
import org.octt.tls.pki.IssuedCertificate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code octt demo}: starts the built-in reference Central System on a free loopback port with a
 * fresh PKI, and runs every test case it can serve ({@link ServedTestCases}: each discovered test
 * case whose prerequisites admit the security profile, or those named with {@code --test-case})
 * through the ordinary {@code run} command, with the same options a user would type (printed
 * first). Faults switch on the ways TC_086 can fail.
 *
 * <p>Nothing is written to disk, so an interrupt (SIGINT, SIGTERM) leaves nothing behind: the run
 * reads the root certificate, and with profile 3 the client certificate and key, from in-memory
 * inputs ({@link CliEnvironment#inMemoryInput}), and the password from its environment. The
 * printed command shows those as placeholders ({@code --ca-file <csms-root.pem, in memory>}) for
 * the user's own files.
 *
 * <p>The reference Central System performs the operator actions of the test cases run against it: its
 * {@link RunningCentralSystem#actionHandler()} is the run's handler for its URL
 * ({@link CliEnvironment#withActionHandlers}). {@code --suite NAME} runs a suite against one reference Central
 * System per security profile instead (see {@link #suite}).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run every discovered test case that applies to the security profile (TC_086_CSMS built in)"
                + " against the built-in reference Central System (loopback, fresh certificates).",
                "Nothing to configure; no network. The reference Central System performs every operator action itself."
                        + " Add --fault NAME to see a failure and its reason; --suite ocpp16-security for the whole suite"
                        + " under profiles 2 and 3."})
final class DemoCommand implements Callable<Integer> {

    /** Lists fault names and descriptions for the help footer. */
    static String faultHelp() {
        StringBuilder sb = new StringBuilder();
        for (Fault f : Fault.values()) {
            sb.append(String.format("  %-26s %s%n", f.id(), f.description()));
        }
        return sb.toString();
    }

    /** The faults' names, for completion and the option's help. */
    static final class FaultNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Stream.of(Fault.values()).map(Fault::id).iterator();
        }
    }

    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    @Option(names = "--fault", paramLabel = "NAME", completionCandidates = FaultNames.class,
            description = "Make the reference Central System misbehave (repeatable): ${COMPLETION-CANDIDATES}.")
    List<String> faults = new ArrayList<>();

    @Option(names = "--security-profile", paramLabel = "2|3",
            description = "2: Basic auth (default); 3: client certificate. With --suite: both (one reference Central"
                    + " System each) unless given.")
    Integer securityProfile;

    @Option(names = "--suite", paramLabel = "NAME",
            description = "Run this suite (e.g. ocpp16-security) instead: against a reference Central System with"
                    + " security profile 2 and one with 3, each test case against those it applies to.")
    String suite;

    @Option(names = "--test-case", paramLabel = "ID",
            description = "Run only this test case (repeatable). Default: every discovered one that applies.")
    List<String> testCases = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2s",
            description = "Per network step (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--report-json", paramLabel = "FILE", description = "Write the JSON report here.")
    Path reportJson;

    @Option(names = "--report-junit", paramLabel = "FILE", description = "Write the JUnit XML report here.")
    Path reportJunit;

    @Option(names = "--report-html", paramLabel = "FILE", description = "Write the HTML report here.")
    Path reportHtml;

    @Option(names = "--metrics-file", paramLabel = "FILE", description = "Write metrics in Prometheus text format here.")
    Path metricsFile;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces of errors.")
    boolean verbose;

    @Option(names = "--no-color", description = "No colour on the console, even on a terminal (as NO_COLOR does).")
    boolean noColor;

    DemoCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws IOException {
        EnumSet<Fault> chosen = EnumSet.noneOf(Fault.class);
        for (String name : faults) {
            try {
                chosen.add(Fault.fromName(name));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage(), e);
            }
        }
        if (securityProfile != null && securityProfile != 2 && securityProfile != 3) {
            throw new UsageException("--security-profile must be 2 or 3, was: " + securityProfile);
        }
        Durations.parsePositive("--timeout", timeout);
        if (suite != null) {
            if (!testCases.isEmpty()) {
                throw new UsageException("--suite and --test-case exclude each other, was: --suite " + Printable.escape(suite)
                        + " --test-case " + Printable.escape(testCases.get(0)));
            }
            return suite(chosen);
        }
        int securityProfile = this.securityProfile == null ? 2 : this.securityProfile;
        List<String> ids = ServedTestCases.ids(environment, securityProfile, testCases);
        // as run checks them, but before the reference Central System starts (its inputs are fresh temporary files)
        ReportOutputs.check(ReportOutputs.given(ReportOutputs.ifSet("--report-json", reportJson),
                ReportOutputs.ifSet("--report-junit", reportJunit), ReportOutputs.ifSet("--report-html", reportHtml),
                ReportOutputs.ifSet("--metrics-file", metricsFile)), List.of());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReferenceCentralSystem configured;
        try {
            configured = demoCentralSystem(chosen, securityProfile, null);
        } catch (IllegalArgumentException e) { // e.g. faults that cannot be combined
            throw new UsageException(e.getMessage(), e);
        }
        try (RunningCentralSystem cs = configured.start()) {
            // nothing touches the disk: the run reads the certificates and the key from in-memory
            // inputs and the password from its environment, so an interrupt leaves nothing behind
            Map<String, String> inputs = new LinkedHashMap<>();
            Map<String, String> env = new HashMap<>(environment.env());
            List<String> shown = new ArrayList<>();
            List<String> args = new ArrayList<>(List.of("run"));
            args.addAll(ids);
            args.addAll(List.of("--url", cs.url().toString(),
                    "--resolve", cs.hostName() + ":" + cs.port() + ":" + Addresses.host(Addresses.literal(cs.connectAddress().getAddress()))));
            inMemory(args, inputs, "--ca-file", "csms-root.pem", cs.rootCertificatePem());
            args.addAll(List.of("--security-profile", Integer.toString(securityProfile), "--timeout", timeout));
            if (securityProfile == 2) {
                env.put(CliEnvironment.PASSWORD_ENV, cs.chargePointPasswordAsString());
                shown.add(CliEnvironment.PASSWORD_ENV + "=" + IN_MEMORY.formatted("password"));
                // the Charge Point's certificate too, for TC_083's step up to profile 3
                IssuedCertificate client = cs.issueClientCertificate(cs.chargePointId());
                inMemory(args, inputs, "--client-cert", "client.pem", client.certificatePem());
                inMemory(args, inputs, "--client-key", "client.key", client.privateKeyPem());
            } else {
                IssuedCertificate client = cs.issueClientCertificate(cs.chargePointId());
                inMemory(args, inputs, "--client-cert", "client.pem", client.certificatePem());
                inMemory(args, inputs, "--client-key", "client.key", client.privateKeyPem());
                // the reference PKI's Charge Point CA, so that the refusal checks that need it run too
                inMemory(args, inputs, "--client-ca-cert", "charge-point-ca.pem", cs.pki().clientCa().certificatePem());
                inMemory(args, inputs, "--client-ca-key", "charge-point-ca.key", cs.pki().clientCa().privateKeyPem());
            }
            addIfSet(args, "--report-json", reportJson);
            addIfSet(args, "--report-junit", reportJunit);
            addIfSet(args, "--report-html", reportHtml);
            addIfSet(args, "--metrics-file", metricsFile);
            if (verbose) {
                args.add("--verbose");
            }
            if (noColor) {
                args.add("--no-color");
            }
            shown.add("octt");
            args.forEach(a -> shown.add(inputs.containsKey(a) ? IN_MEMORY.formatted(a.substring(INPUT_PREFIX.length())) : a));
            out.println(Printable.escape("Reference Central System at " + cs.url() + " (listening on "
                    + Addresses.hostPort(cs.connectAddress()) + ")" + (chosen.isEmpty() ? "" : ", faults: "
                    + chosen.stream().map(Fault::id).toList())));
            out.println(Printable.escape("Test cases it can serve with security profile " + securityProfile + ": "
                    + String.join(" ", ids)));
            out.println(Printable.escape("$ " + String.join(" ", shown)));
            out.flush();
            return Main.execute(resettingAccounts(environment.withEnv(env).withInputs(inputs), List.of(cs))
                            .withActionHandlers(Map.of(cs.url().toString(), cs.actionHandler())),
                    out, err, args.toArray(String[]::new));
        }
    }

    /**
     * {@code --suite NAME}: one reference Central System per security profile (2 and 3, or the one given), sharing
     * one PKI, as the targets of one fleet run of the suite ({@code --targets}, in memory), each performing the
     * operator actions of the test cases run against it. What no profile of the demo can serve is said first.
     */
    private int suite(EnumSet<Fault> chosen) throws IOException {
        List<Integer> profiles = securityProfile == null ? List.of(2, 3) : List.of(securityProfile);
        ServedTestCases.Suite served = ServedTestCases.suite(environment, suite, profiles);
        ReportOutputs.check(ReportOutputs.given(ReportOutputs.ifSet("--report-json", reportJson),
                ReportOutputs.ifSet("--report-junit", reportJunit), ReportOutputs.ifSet("--report-html", reportHtml),
                ReportOutputs.ifSet("--metrics-file", metricsFile)), List.of());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReferencePki pki = ReferencePki.generate();
        List<ReferenceCentralSystem> configured = new ArrayList<>();
        for (int profile : profiles) {
            try {
                configured.add(demoCentralSystem(chosen, profile, pki));
            } catch (IllegalArgumentException e) { // e.g. faults that cannot be combined
                throw new UsageException(e.getMessage(), e);
            }
        }
        List<RunningCentralSystem> started = new ArrayList<>();
        try {
            for (ReferenceCentralSystem c : configured) {
                started.add(c.start());
            }
            Map<String, String> inputs = new LinkedHashMap<>();
            Map<String, String> env = new HashMap<>(environment.env());
            Map<String, ActionHandler> handlers = new HashMap<>();
            List<String> shown = new ArrayList<>();
            StringBuilder targets = new StringBuilder("url,resolve,security-profile,client-cert,client-key\n");
            List<String> args = new ArrayList<>(List.of("run", "--suite", suite, "--targets", INPUT_PREFIX + "targets.csv"));
            inMemory(args, inputs, "--ca-file", "csms-root.pem", pki.rootCertificatePem());
            for (RunningCentralSystem cs : started) {
                handlers.put(cs.url().toString(), cs.actionHandler());
                String resolve = cs.hostName() + ":" + cs.port() + ":"
                        + Addresses.host(Addresses.literal(cs.connectAddress().getAddress()));
                targets.append(cs.url()).append(',').append(resolve).append(',').append(cs.securityProfile());
                if (cs.securityProfile() == 2) {
                    env.put(CliEnvironment.PASSWORD_ENV, cs.chargePointPasswordAsString());
                    shown.add(CliEnvironment.PASSWORD_ENV + "=" + IN_MEMORY.formatted("password"));
                }
                if (cs.securityProfile() == 2 || cs.securityProfile() == 3) {
                    // under profile 2 too: TC_083 steps up to profile 3 with the Charge Point's certificate
                    IssuedCertificate client = cs.issueClientCertificate(cs.chargePointId());
                    // absolute names: a targets file's relative paths are relative to its folder
                    inputs.put("/" + INPUT_PREFIX + "client.pem", client.certificatePem());
                    inputs.put("/" + INPUT_PREFIX + "client.key", client.privateKeyPem());
                    targets.append(",/").append(INPUT_PREFIX).append("client.pem,/").append(INPUT_PREFIX)
                            .append("client.key\n");
                }
            }
            inMemory(args, inputs, "--client-ca-cert", "charge-point-ca.pem", pki.clientCa().certificatePem());
            inMemory(args, inputs, "--client-ca-key", "charge-point-ca.key", pki.clientCa().privateKeyPem());
            inputs.put(INPUT_PREFIX + "targets.csv", targets.toString());
            args.addAll(List.of("--timeout", timeout));
            addIfSet(args, "--report-json", reportJson);
            addIfSet(args, "--report-junit", reportJunit);
            addIfSet(args, "--report-html", reportHtml);
            addIfSet(args, "--metrics-file", metricsFile);
            if (verbose) {
                args.add("--verbose");
            }
            if (noColor) {
                args.add("--no-color");
            }
            shown.add("octt");
            args.forEach(a -> shown.add(inputs.containsKey(a) ? IN_MEMORY.formatted(a.substring(INPUT_PREFIX.length())) : a));
            for (RunningCentralSystem cs : started) {
                out.println(Printable.escape("Reference Central System, security profile " + cs.securityProfile() + ", at "
                        + cs.url() + " (listening on " + Addresses.hostPort(cs.connectAddress()) + ")"
                        + (chosen.isEmpty() ? "" : ", faults: " + chosen.stream().map(Fault::id).toList())));
            }
            out.println(Printable.escape("Suite " + suite + ": " + String.join(" ", served.ids()) + "; each against the"
                    + " reference Central Systems it applies to, which perform its operator actions"));
            if (!served.unserved().isEmpty()) {
                out.println(Printable.escape("Not served: " + String.join(", ", served.unserved()) + ": this demo runs"
                        + " security profile " + profiles.stream().map(String::valueOf).collect(java.util.stream.Collectors
                        .joining(" and ")) + " (the reference Central System serves TLS only: no profile 1, plain ws://)"));
            }
            out.println(Printable.escape("$ " + String.join(" ", shown)));
            out.flush();
            return Main.execute(resettingAccounts(environment.withEnv(env).withInputs(inputs), started)
                            .withActionHandlers(handlers), out, err,
                    args.toArray(String[]::new));
        } finally {
            for (RunningCentralSystem cs : started) {
                cs.close();
            }
        }
    }

    /**
     * A demo's reference Central System: profile 2 also asks for a client certificate (optional), so that TC_083 can
     * step a Charge Point up to profile 3 on the same server.
     */
    private static ReferenceCentralSystem demoCentralSystem(EnumSet<Fault> faults, int profile, ReferencePki pki) {
        try {
            ReferenceCentralSystem.Builder b = ReferenceCentralSystem.builder().faults(faults).securityProfile(profile);
            if (pki != null) {
                b.pki(pki);
            }
            if (profile == 2) { // the faults that change the client certificate policy still apply after this
                b.clientCertificates(ClientCertificatePolicy.optional());
            }
            return b.build();
        } catch (IllegalArgumentException e) { // e.g. faults that cannot be combined
            throw new UsageException(e.getMessage(), e);
        }
    }

    /**
     * The environment whose runs reset the Charge Point accounts of these reference Central Systems before each test
     * case (as a lab operator does between cards): TC_073 changes the password and TC_083 the profile, which the
     * other test cases, configured with the demo's credentials, would otherwise meet.
     */
    private static CliEnvironment resettingAccounts(CliEnvironment environment, List<RunningCentralSystem> servers) {
        RunService inner = environment.runService();
        return environment.withRunService((plan, registry, cancel) -> inner.run(plan, registry, cancel)
                .doOnNext(event -> {
                    if (event instanceof org.octt.core.engine.RunEvent.TestCaseStarted started) {
                        for (RunningCentralSystem cs : servers) {
                            if (cs.url().equals(started.target().url())) {
                                cs.resetAccounts();
                            }
                        }
                    }
                }));
    }

    /** Names an in-memory input, e.g. {@code demo:csms-root.pem}: the run reads it instead of a file. */
    static final String INPUT_PREFIX = "demo:";

    /** How the printed command shows an in-memory input or the password: a placeholder for the user's own file. */
    private static final String IN_MEMORY = "<%s, in memory>";

    private static void inMemory(List<String> args, Map<String, String> inputs, String option, String name, String content) {
        inputs.put(INPUT_PREFIX + name, content);
        args.add(option);
        args.add(INPUT_PREFIX + name);
    }

    private static void addIfSet(List<String> args, String option, Path value) {
        if (value != null) {
            args.add(option);
            args.add(value.toString());
        }
    }
}
