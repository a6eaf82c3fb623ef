package org.octt.cli;

import org.octt.core.text.Addresses;
import org.octt.core.text.Printable;
import org.octt.testkit.Fault;
import org.octt.testkit.ReferenceCentralSystem;
import org.octt.testkit.RunningCentralSystem;
import org.octt.tls.pki.IssuedCertificate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code octt demo}: starts the built-in reference Central System on a free loopback port with a
 * fresh PKI, and runs TC_086_CSMS against it through the ordinary {@code run} command, with the
 * same options a user would type (printed first). Faults switch on the ways TC_086 can fail.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run TC_086_CSMS against the built-in reference Central System (loopback, fresh certificates).",
                "Nothing to configure; no network. Add --fault NAME to see a failure and its reason."})
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

    @Option(names = "--security-profile", paramLabel = "2|3", defaultValue = "2",
            description = "2: Basic auth (default); 3: client certificate.")
    int securityProfile;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2s",
            description = "Per network step (default: ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--report-json", paramLabel = "FILE", description = "Write the JSON report here.")
    Path reportJson;

    @Option(names = "--report-junit", paramLabel = "FILE", description = "Write the JUnit XML report here.")
    Path reportJunit;

    @Option(names = "--metrics-file", paramLabel = "FILE", description = "Write metrics in Prometheus text format here.")
    Path metricsFile;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces of errors.")
    boolean verbose;

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
        if (securityProfile != 2 && securityProfile != 3) {
            throw new UsageException("--security-profile must be 2 or 3, was: " + securityProfile);
        }
        Durations.parsePositive("--timeout", timeout);
        // as run checks them, but before the reference Central System starts (its inputs are fresh temporary files)
        ReportOutputs.check(ReportOutputs.given("--report-json", reportJson, "--report-junit", reportJunit,
                "--metrics-file", metricsFile), List.of());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReferenceCentralSystem configured;
        try {
            configured = ReferenceCentralSystem.builder().faults(chosen).securityProfile(securityProfile).build();
        } catch (IllegalArgumentException e) { // e.g. faults that cannot be combined
            throw new UsageException(e.getMessage(), e);
        }
        Path dir = Files.createTempDirectory("octt-demo-");
        try (RunningCentralSystem cs = configured.start()) {
            Path ca = Files.writeString(dir.resolve("csms-root.pem"), cs.rootCertificatePem());
            List<String> args = new ArrayList<>(List.of("run", "TC_086_CSMS",
                    "--url", cs.url().toString(),
                    "--resolve", cs.hostName() + ":" + cs.port() + ":" + Addresses.host(Addresses.literal(cs.connectAddress().getAddress())),
                    "--ca-file", ca.toString(),
                    "--security-profile", Integer.toString(securityProfile),
                    "--timeout", timeout));
            if (securityProfile == 2) {
                Path password = secretFile(dir.resolve("password"), cs.chargePointPasswordAsString());
                args.addAll(List.of("--basic-auth-password-file", password.toString()));
            } else {
                IssuedCertificate client = cs.issueClientCertificate(cs.chargePointId());
                Path cert = Files.writeString(dir.resolve("client.pem"), client.certificatePem());
                Path key = secretFile(dir.resolve("client.key"), client.privateKeyPem());
                args.addAll(List.of("--client-cert", cert.toString(), "--client-key", key.toString()));
            }
            addIfSet(args, "--report-json", reportJson);
            addIfSet(args, "--report-junit", reportJunit);
            addIfSet(args, "--metrics-file", metricsFile);
            if (verbose) {
                args.add("--verbose");
            }
            out.println(Printable.escape("Reference Central System at " + cs.url() + " (listening on "
                    + Addresses.hostPort(cs.connectAddress()) + ")" + (chosen.isEmpty() ? "" : ", faults: "
                    + chosen.stream().map(Fault::id).toList())));
            out.println(Printable.escape("$ octt " + String.join(" ", args)));
            out.flush();
            return Main.execute(environment, out, err, args.toArray(String[]::new));
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void addIfSet(List<String> args, String option, Path value) {
        if (value != null) {
            args.add(option);
            args.add(value.toString());
        }
    }

    /** Writes a secret readable by the owner only. */
    private static Path secretFile(Path file, String content) throws IOException {
        Files.createFile(file);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the temporary folder is private to the user anyway
        }
        return Files.writeString(file, content);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder is harmless
        }
    }
}
