package org.octt.cli;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.octt.core.engine.RunEvent;
import org.octt.core.engine.RunPlan;
import org.octt.core.engine.RunResult;
import org.octt.core.report.HtmlReport;
import org.octt.core.report.JUnitXmlReport;
import org.octt.core.report.JsonReport;
import org.octt.core.spi.ActionHandler;
import org.octt.core.spi.KeyMaterial;
import org.octt.core.spi.Target;
import org.octt.core.spi.TestCase;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Timeouts;
import org.octt.core.text.Printable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@code octt run [ID...] [--suite NAME]... [options]}: validates the options (each problem is a {@link UsageException}
 * naming the option and the value), builds the run plan, runs it through {@link RunService}, prints
 * it, writes the reports and returns the exit code of the verdict. No test logic here.
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = "Run test cases against a Central System.",
        footerHeading = "%nExit codes:%n",
        footer = {"  0  every test case PASSED", "  1  one or more FAILED",
            "  2  usage or configuration error (nothing ran)", "  3  one or more INCONCLUSIVE and none FAILED",
            "  4  internal error (run with --verbose for the stack trace)",
            "  5  the run finished but a report could not be written (its result is not recorded there)",
            "", "The Basic auth password is read from --basic-auth-password-file or the environment variable "
                + CliEnvironment.PASSWORD_ENV + ", never from the command line."})
final class RunCommand implements Callable<Integer> {

    /** The bounds of {@code --action-timeout}: time for a person to act, at most as long as a network timeout. */
    static final Duration MIN_ACTION_TIMEOUT = Duration.ofSeconds(1);
    static final Duration MAX_ACTION_TIMEOUT = Duration.ofHours(1);

    /** How often the console's countdown of an awaited operator action is updated. */
    private static final Duration COUNTDOWN_TICK = Duration.ofSeconds(1);
    private static final Object TICK = new Object();
    private static final Object END = new Object();

    /** How long an interrupt waits for the reports of what finished. */
    private static final Duration INTERRUPT_GRACE = Duration.ofSeconds(10);

    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", arity = "0..*", description = "Test case ids, e.g. TC_086_CSMS (see: octt list).")
    List<String> ids = new ArrayList<>();

    @Option(names = "--suite", paramLabel = "NAME", split = ",",
            description = "Run a suite (repeatable): a built-in one (see: octt list) or one of the config file"
                    + " (suite.NAME=ID,ID,...). Its test cases come first, then the IDs, each once.")
    List<String> suites = new ArrayList<>();

    @Option(names = "--option", paramLabel = "KEY=VALUE",
            description = "Set a test case option (repeatable), e.g. ocpp.vendor=ACME; the key must be declared by"
                    + " a selected test case (see: octt list -v). Config file: option.KEY=VALUE.")
    List<String> options = new ArrayList<>();

    @Option(names = "--url", paramLabel = "URL",
            description = "The Central System endpoint: wss://host[:port]/path/<ChargePointId>.")
    String url;

    @Option(names = "--targets", paramLabel = "FILE",
            description = "Run against a fleet: a YAML file (.yaml, .yml: a list of targets) or else a CSV file"
                    + " (a header line, then one target a line); keys or columns url, resolve, security-profile,"
                    + " basic-auth-password-file, basic-auth-password-env, client-cert, client-key (see docs/cli.md)."
                    + " Instead of --url.")
    Path targetsFile;

    @Option(names = "--concurrency", paramLabel = "N",
            description = "How many targets are tested at once; the test cases against one target run one"
                    + " after another. Default: 1 with --url, 8 with --targets.")
    Integer concurrency;

    @Option(names = "--resolve", paramLabel = "HOST:PORT:ADDRESS",
            description = "Connect to ADDRESS instead of resolving HOST (as curl); the host stays the URL's host"
                    + " for SNI, the Host header and the FQDN check. IPv6 in brackets: host:443:[::1].")
    String resolve;

    @Option(names = "--ca-file", paramLabel = "PEM", split = ",",
            description = "Trust anchors for the Central System's certificate (repeatable; a file may hold several)."
                    + " Default: the JDK's trust store.")
    List<Path> caFiles = new ArrayList<>();

    @Option(names = "--security-profile", paramLabel = "1|2|3", defaultValue = "2",
            description = "OCPP security profile: 1 = plain ws:// + Basic auth (only test cases written for it),"
                    + " 2 = TLS + Basic auth, 3 = TLS + client certificate."
                    + " Default: ${DEFAULT-VALUE}.")
    int securityProfile;

    @Option(names = "--basic-auth-password-file", paramLabel = "FILE",
            description = "File holding the Basic auth password (one line; a trailing newline is not part of it)."
                    + " Default: the environment variable " + CliEnvironment.PASSWORD_ENV + ".")
    Path passwordFile;

    @Option(names = "--client-cert", paramLabel = "PEM",
            description = "Client certificate chain, leaf first (security profile 3).")
    Path clientCert;

    @Option(names = "--client-key", paramLabel = "PEM",
            description = "The client certificate's private key: PKCS#8 or PKCS#1/SEC1, RSA or EC (profile 3).")
    Path clientKey;

    @Option(names = "--client-ca-cert", paramLabel = "PEM",
            description = "The CA that issues Charge Point certificates (profile 3; with --client-ca-key): test cases"
                    + " issue certificates from it that the Central System must refuse (expired, wrong CN).")
    Path clientCaCert;

    @Option(names = "--client-ca-key", paramLabel = "PEM",
            description = "The private key of --client-ca-cert: PKCS#8 or PKCS#1/SEC1, PEM or DER. Never printed.")
    Path clientCaKey;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "Timeout of each network exchange: 500ms, 3s, 1m or PT3S. Default: 5s.")
    String timeout;

    @Option(names = "--action-hook", paramLabel = "COMMAND",
            description = "Run COMMAND (/bin/sh -c) for each operator action a test case asks for, e.g. a script that"
                    + " calls your Central System's API; the action in OCTT_* environment variables (docs/security-suite.md)."
                    + " Exit 0: done; else, or still running at the deadline, reported with its output."
                    + " Default: ask the person at the console.")
    String actionHook;

    @Option(names = "--no-actions",
            description = "Nobody makes the Central System act: the test cases that need an operator action are not applicable.")
    boolean noActions;

    @Option(names = "--action-timeout", paramLabel = "DURATION",
            description = "How long to wait for the Central System after asking for an operator action: 1s to 1h."
                    + " Default: 60s.")
    String actionTimeout;

    @Option(names = "--insecure",
            description = "Go on and send credentials even when the server certificate failed validation"
                    + " (reports record it). Never use against production.")
    boolean insecure;

    @Option(names = "--vendor", paramLabel = "NAME", hidden = true,
            description = "Deprecated: --option ocpp.vendor=NAME.")
    String vendor;

    @Option(names = "--model", paramLabel = "NAME", hidden = true,
            description = "Deprecated: --option ocpp.model=NAME.")
    String model;

    @Option(names = "--connectors", paramLabel = "N", hidden = true,
            description = "Deprecated: --option ocpp.connectors=N.")
    Integer connectors;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "2",
            description = "Bound on concurrent connections to the target. Default: ${DEFAULT-VALUE}.")
    int maxConnections;

    @Option(names = "--report-json", paramLabel = "FILE", description = "Write the JSON report (docs/report-format.md).")
    Path reportJson;

    @Option(names = "--report-junit", paramLabel = "FILE", description = "Write a JUnit XML report.")
    Path reportJunit;

    @Option(names = "--report-html", paramLabel = "FILE",
            description = "Write a self-contained HTML report, for a person to read (docs/report-format.md).")
    Path reportHtml;

    @Option(names = "--metrics-file", paramLabel = "FILE", description = "Write the run's metrics in Prometheus text format.")
    Path metricsFile;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Read options from a properties file (keys: the long option names, e.g. url=..., "
                    + "ca-file=a.pem,b.pem); options on the command line override it.")
    Path config;

    @Mixin
    PluginPathOption plugins;

    @Option(names = {"-v", "--verbose"}, description = "Print every check as it is reported, and a stack trace with an error.")
    boolean verbose;

    @Option(names = "--no-color", description = "No colour on the console, even on a terminal (as NO_COLOR does).")
    boolean noColor;

    RunCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws IOException {
        Duration networkTimeout = timeout == null ? Timeouts.DEFAULTS.network() : Durations.parsePositive("--timeout", timeout);
        Duration actionWait = actionTimeout == null ? Timeouts.DEFAULTS.action()
                : Durations.parseBetween("--action-timeout", actionTimeout, MIN_ACTION_TIMEOUT, MAX_ACTION_TIMEOUT);
        if (actionHook != null && actionHook.isBlank()) {
            throw new UsageException("--action-hook is empty: give a command, e.g. --action-hook ./trigger-csms.sh");
        }
        if (actionHook != null && noActions) {
            throw new UsageException("--action-hook and --no-actions exclude each other: with --no-actions no action is"
                    + " asked for");
        }
        Counts.require("--max-connections", maxConnections, 1, Counts.MAX_CONNECTIONS);
        if (connectors != null) {
            Counts.require("--connectors", connectors, 1, Counts.MAX_CONNECTORS);
        }
        if (ids.isEmpty() && suites.isEmpty()) {
            throw new UsageException("no test case to run: give test case IDs or --suite NAME (see: octt list)");
        }
        List<TestSelection.Given> givenOptions = givenOptions(); // before reading files: a malformed --option
        List<X509Certificate> trustAnchors = new ArrayList<>();
        for (Path ca : caFiles) {
            trustAnchors.addAll(new TargetContexts(environment).certificates("--ca-file", ca));
        }
        Optional<KeyMaterial> chargePointCa = new TargetContexts(environment)
                .chargePointCa(Optional.ofNullable(clientCaCert), Optional.ofNullable(clientCaKey));
        List<ReportOutputs.Output> outputs = outputs();
        ReportOutputs.check(outputs, List.of()); // a folder, a FIFO, two reports on one file: before reading more

        MeterRegistry registry = metricsFile != null ? new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)
                : new SimpleMeterRegistry();
        Timeouts timeouts = Timeouts.DEFAULTS.withNetwork(networkTimeout).withAction(actionWait);
        Function<Target, TestContext.Builder> shared = target -> {
            TestContext.Builder b = TestContext.builder(target)
                    .trustAnchors(trustAnchors)
                    .timeouts(timeouts)
                    .meterRegistry(registry)
                    .insecure(insecure)
                    .maxConnectionsPerTarget(maxConnections)
                    .operatorActions(!noActions);
            chargePointCa.ifPresent(b::chargePointCa);
            return b;
        };
        TargetSpec fromOptions = new TargetSpec("", Optional.ofNullable(url), Optional.ofNullable(resolve),
                securityProfile, Optional.ofNullable(passwordFile), Optional.empty(), Optional.ofNullable(clientCert),
                Optional.ofNullable(clientKey));
        List<TargetSpec> specs;
        if (targetsFile != null) {
            if (url != null || resolve != null) {
                throw new UsageException("--targets replaces --url and --resolve (give them per target in the file), was: "
                        + (url != null ? "--url " + Target.redact(url) : "--resolve " + resolve));
            }
            Optional<byte[]> inMemory = environment.inMemoryInput(targetsFile); // octt demo's
            specs = inMemory.isPresent() ? TargetsFile.read(targetsFile, inMemory.get(), fromOptions)
                    : TargetsFile.read(targetsFile, fromOptions);
        } else {
            specs = List.of(fromOptions);
        }
        ReportOutputs.check(outputs, inputs(specs)); // a report must not overwrite an input file
        TargetContexts contexts = new TargetContexts(environment);
        List<TestContext> targets = new ArrayList<>(specs.size());
        for (TargetSpec spec : specs) {
            targets.add(contexts.context(spec, shared));
        }
        int parallel = concurrency != null ? concurrency : targetsFile != null ? 8 : 1;
        Counts.require("--concurrency", parallel, 1, Counts.MAX_CONCURRENCY);

        try (TestCatalog.Catalog catalog = environment.catalog().load(plugins.resolve(environment))) {
            List<TestCase> selected = testCases(catalog);
            requireApplicable(selected, targets);
            Map<String, String> optionValues = TestSelection.options(givenOptions, selected);
            List<TestContext> withOptions = new ArrayList<>(targets.size());
            List<String> withheld = passwordVariables(specs);
            for (TestContext target : targets) {
                TestContext.Builder b = target.toBuilder();
                optionValues.forEach(b::option);
                actionHandler(target.target(), withheld).ifPresent(b::actionHandler);
                withOptions.add(b.build());
            }
            RunPlan plan = RunPlan.of(selected, withOptions, parallel);
            contexts.warnings().forEach(spec.commandLine().getErr()::println); // after every check: an error stays one line
            return runAndReport(plan, registry);
        }
    }

    /**
     * The test case options given, in increasing precedence: the config file's {@code option.KEY},
     * the deprecated {@code --vendor}, {@code --model}, {@code --connectors} (a warning each), then
     * {@code --option}.
     */
    private List<TestSelection.Given> givenOptions() {
        List<TestSelection.Given> given = new ArrayList<>();
        Optional<ConfigFile> file = configFile();
        if (file.isPresent()) {
            String where = " in --config file " + file.get().file().orElseThrow();
            file.get().entries(ConfigFile.OPTION_PREFIX, spec).forEach((key, value) -> given.add(new TestSelection.Given(
                    TestSelection.fileKey(ConfigFile.OPTION_PREFIX, key) + where, key, value, false)));
        }
        PrintWriter err = spec.commandLine().getErr();
        String[][] deprecated = {{"--vendor", "ocpp.vendor", vendor}, {"--model", "ocpp.model", model},
            {"--connectors", "ocpp.connectors", connectors == null ? null : Integer.toString(connectors)}};
        for (String[] d : deprecated) {
            if (d[2] != null) {
                err.println("warning: " + d[0] + " is deprecated; use --option " + d[1] + "=VALUE");
                given.add(new TestSelection.Given(d[0], d[1], d[2].strip(), true));
            }
        }
        options.forEach(o -> given.add(TestSelection.parseOption(o)));
        return given;
    }

    /**
     * Who performs the operator actions against this target: the {@code --action-hook}, else the environment's
     * handler for it ({@code octt demo}: the reference Central System), else nobody but the person at the console
     * (the engine's default).
     */
    private Optional<ActionHandler> actionHandler(Target target, List<String> withheld) {
        if (actionHook != null) {
            return Optional.of(new ActionHook(actionHook, target, environment.env(), withheld, Clock.systemUTC()));
        }
        return Optional.ofNullable(environment.actionHandlers().get(target.url().toString()));
    }

    /** The environment variables that hold a Basic auth password: never handed to an action hook. */
    private static List<String> passwordVariables(List<TargetSpec> specs) {
        List<String> names = new ArrayList<>(List.of(CliEnvironment.PASSWORD_ENV));
        specs.forEach(s -> s.passwordEnv().filter(n -> !names.contains(n)).ifPresent(names::add));
        return names;
    }

    /** The config file provider of this command line, when {@code --config} was given. */
    private Optional<ConfigFile> configFile() {
        return spec.defaultValueProvider() instanceof ConfigFile c && c.file().isPresent()
                ? Optional.of(c) : Optional.empty();
    }

    /**
     * Runs the plan, writes the reports and returns the exit code. Ctrl-C stops the run (the
     * engine closes its connections and still reports what finished, the rest as not run); the
     * reports are written, then the JVM may exit: the interrupt waits for that, within a bound.
     */
    private int runAndReport(RunPlan plan, MeterRegistry registry) throws IOException {
        Sinks.Empty<Void> stop = Sinks.empty();
        CountDownLatch reportsWritten = new CountDownLatch(1);
        try (Interrupts.Registration registration = environment.interrupts().onInterrupt(() -> {
            stop.tryEmitEmpty();
            awaitQuietly(reportsWritten, INTERRUPT_GRACE);
        })) {
            RunResult result = run(plan, registry, stop.asMono());
            List<String> notWritten = new ArrayList<>();
            if (reportJson != null) {
                write("--report-json", reportJson, out -> JsonReport.write(result, out), notWritten);
            }
            if (reportJunit != null) {
                write("--report-junit", reportJunit, out -> JUnitXmlReport.write(result, out), notWritten);
            }
            if (reportHtml != null) {
                write("--report-html", reportHtml, out -> HtmlReport.write(result, out), notWritten);
            }
            if (metricsFile != null) {
                write("--metrics-file", metricsFile, out -> out.write(((PrometheusMeterRegistry) registry).scrape()),
                        notWritten);
            }
            if (!notWritten.isEmpty()) {
                PrintWriter err = spec.commandLine().getErr();
                notWritten.forEach(err::println);
                err.flush();
                return ExitCodes.REPORT_NOT_WRITTEN;
            }
            return ExitCodes.of(result.verdict());
        } finally {
            reportsWritten.countDown();
        }
    }

    /**
     * Writes one output; when it fails, adds one line naming the option, the file and the reason
     * to {@code notWritten} (the other outputs are still written).
     */
    private void write(String option, Path file, ReportOutputs.Content content, List<String> notWritten) {
        try {
            ReportOutputs.write(file, content);
        } catch (IOException | java.io.UncheckedIOException e) {
            IOException io = e instanceof IOException x ? x : ((java.io.UncheckedIOException) e).getCause();
            notWritten.add(spec.qualifiedName() + ": " + option + ": could not write " + file + " ("
                    + ReportOutputs.reason(io) + "); the run finished, its result is not recorded there");
            if (verbose) {
                Main.printStackTrace(e, spec.commandLine().getErr());
            }
        }
    }

    /** The files this run writes, with the options that named them. */
    private List<ReportOutputs.Output> outputs() {
        return ReportOutputs.given(ReportOutputs.ifSet("--report-json", reportJson),
                ReportOutputs.ifSet("--report-junit", reportJunit), ReportOutputs.ifSet("--report-html", reportHtml),
                ReportOutputs.ifSet("--metrics-file", metricsFile));
    }

    /** The files this run reads, with the options (or targets file settings) that named them. */
    private List<ReportOutputs.Input> inputs(List<TargetSpec> specs) {
        List<ReportOutputs.Input> inputs = new ArrayList<>();
        if (config != null) {
            inputs.add(new ReportOutputs.Input("--config", config));
        }
        if (targetsFile != null) {
            inputs.add(new ReportOutputs.Input("--targets", targetsFile));
        }
        caFiles.forEach(ca -> inputs.add(new ReportOutputs.Input("--ca-file", ca)));
        if (clientCaCert != null) {
            inputs.add(new ReportOutputs.Input("--client-ca-cert", clientCaCert));
        }
        if (clientCaKey != null) {
            inputs.add(new ReportOutputs.Input("--client-ca-key", clientCaKey));
        }
        for (TargetSpec t : specs) {
            t.passwordFile().ifPresent(f -> inputs.add(new ReportOutputs.Input(t.name("basic-auth-password-file"), f)));
            t.clientCert().ifPresent(f -> inputs.add(new ReportOutputs.Input(t.name("client-cert"), f)));
            t.clientKey().ifPresent(f -> inputs.add(new ReportOutputs.Input(t.name("client-key"), f)));
        }
        return inputs;
    }

    /**
     * A test case named by id (not only through a suite) that applies to none of the targets is a
     * usage error, e.g. TC_087_CSMS (profile 3 only) with {@code --security-profile 2}: the user asked
     * for something that cannot run. Through a suite it is reported as not applicable instead.
     */
    private void requireApplicable(List<TestCase> selected, List<TestContext> targets) {
        for (TestCase t : selected) {
            if (!ids.contains(t.id())) {
                continue;
            }
            List<String> why = targets.stream().map(c -> t.prerequisites().whyNotApplicable(c))
                    .flatMap(Optional::stream).toList();
            if (!why.isEmpty() && why.size() == targets.size()) {
                if (noActions && t.prerequisites().operatorActions() && targets.stream().allMatch(c ->
                        t.prerequisites().securityProfiles().contains(c.securityProfile()))) {
                    throw new UsageException(t.id() + " cannot run here: it " + why.get(0) + " (--no-actions); leave"
                            + " out --no-actions, or run it through --suite, which leaves out what does not apply");
                }
                throw new UsageException(t.id() + " cannot run here: it " + why.get(0)
                        + (targetsFile == null ? " (--security-profile " + targets.get(0).securityProfile().number() + ")"
                        : " (every target of --targets)") + "; give a profile it applies to, or run it through"
                        + " --suite, which leaves out what does not apply");
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch, Duration bound) {
        try {
            latch.await(bound.toMillis(), TimeUnit.MILLISECONDS); // past the bound the JVM exits anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The test cases of the suites named ({@code --suite}, in that order), then those named by id,
     * each once; the user suites of the config file are checked here (they need the built-in names).
     */
    private List<TestCase> testCases(TestCatalog.Catalog catalog) {
        PrintWriter err = spec.commandLine().getErr();
        for (String problem : catalog.problems()) {
            err.println("warning: " + Printable.escape(problem));
        }
        SortedMap<String, List<String>> userSuites = new TreeMap<>();
        Optional<ConfigFile> file = configFile();
        if (file.isPresent()) {
            userSuites = TestSelection.userSuites(file.get().entries(ConfigFile.SUITE_PREFIX, spec),
                    TestSelection.builtInSuites(catalog.testCases()).keySet(),
                    "--config file " + file.get().file().orElseThrow());
        }
        return TestSelection.select(catalog, suites, ids, userSuites);
    }

    /**
     * Runs the plan, printing its events on this thread (never on an engine or event-loop thread),
     * and returns the result of its {@link RunEvent.RunFinished}. When {@code stop} fires, the
     * engine cancels the run and still finishes with a result marked cancelled.
     */
    private RunResult run(RunPlan plan, MeterRegistry registry, Mono<Void> stop) {
        ConsoleReporter console = new ConsoleReporter(spec.commandLine().getOut(), environment.colour() && !noColor,
                environment.terminal(), verbose, environment.columns());
        Flux<Object> events = environment.runService().run(plan, registry, stop).cast(Object.class);
        if (environment.terminal()) { // a countdown while an operator action is awaited, updated about once a second
            events = Flux.merge(events.concatWith(Mono.just(END)), Flux.interval(COUNTDOWN_TICK).map(i -> (Object) TICK))
                    .takeUntil(e -> e == END || e instanceof RunEvent.RunFinished);
        }
        for (Object next : events.toIterable()) {
            if (next == END) {
                break;
            }
            if (next == TICK) {
                console.tick(Instant.now());
                continue;
            }
            RunEvent event = (RunEvent) next;
            console.onEvent(event);
            if (event instanceof RunEvent.RunFinished finished) {
                return finished.result();
            }
        }
        throw new IllegalStateException("the run ended without a RunFinished event");
    }
}
