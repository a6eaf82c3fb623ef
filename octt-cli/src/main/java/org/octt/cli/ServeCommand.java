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
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;

/**
 * {@code octt serve}: runs the reference Central System in the foreground on loopback until
 * interrupted (Ctrl-C, SIGTERM), and prints what a user needs to test it from another terminal: its
 * URL, the CA file, the password file (profile 2) or the client certificate and key (profile 3), and
 * a ready {@code octt run} command line; and its control interface ({@link ControlEndpoint}: a URL and a bearer
 * token) through which an action hook makes it perform operator actions.
 *
 * <p>Those files are written into a fresh private folder (0700, files 0600, where the file system
 * has POSIX permissions) and removed on every exit this process can see: a normal return, an
 * exception, and SIGINT/SIGTERM through the CLI's {@link Interrupts} (a JVM shutdown hook). SIGKILL
 * cannot be seen: the folder then stays behind, named {@code octt-serve-*} in the temporary folder.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run the built-in reference Central System in the foreground on loopback until Ctrl-C.",
                "Prints its URL, the files to use and a ready 'octt run' command; removes the files on exit.",
                "Its control interface (POST /actions/<actionId>, bearer token printed) lets an action hook make it"
                        + " perform operator actions."})
final class ServeCommand implements Callable<Integer> {

    /** The example action hook that calls the control interface, relative to the installation folder. */
    static final String HOOK_SCRIPT = "docs/examples/action-hook-octt-serve.sh";
    /** The variables the example hook reads the control interface's URL and token from. */
    static final String SERVE_URL_ENV = "OCTT_SERVE_URL";
    static final String SERVE_TOKEN_ENV = "OCTT_SERVE_TOKEN";

    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    @Option(names = "--fault", paramLabel = "NAME", completionCandidates = DemoCommand.FaultNames.class,
            description = "Make it misbehave (repeatable): ${COMPLETION-CANDIDATES}.")
    List<String> faults = new ArrayList<>();

    @Option(names = "--security-profile", paramLabel = "2|3", defaultValue = "2",
            description = "2: Basic auth (default); 3: client certificate.")
    int securityProfile;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0",
            description = "The TCP port on 127.0.0.1 (default: a free one).")
    int port;

    @Option(names = {"-v", "--verbose"}, description = "Show stack traces of errors.")
    boolean verbose;

    ServeCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
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
        if (port < 0 || port > 65535) {
            throw new UsageException("--port must be 0 (a free one) to 65535, was: " + port);
        }
        ReferenceCentralSystem configured;
        try {
            configured = ReferenceCentralSystem.builder().faults(chosen).securityProfile(securityProfile).port(port)
                    .build();
        } catch (IllegalArgumentException e) { // faults that cannot be combined
            throw new UsageException(e.getMessage(), e);
        }
        // a server keeps what TC_073 and TC_083 change until it stops: its printed command leaves them out
        List<String> ids = ServedTestCases.ids(environment, securityProfile, List.of(), false);
        List<String> changing = ServedTestCases.ids(environment, securityProfile, List.of(), true).stream()
                .filter(id -> !ids.contains(id)).toList();
        PrintWriter out = spec.commandLine().getOut();
        Served served = new Served();
        CountDownLatch stopped = new CountDownLatch(1);
        try (Interrupts.Registration registration = environment.interrupts().onInterrupt(() -> {
            served.stop();
            stopped.countDown();
        })) {
            if (!served.begin(configured)) {
                return ExitCodes.PASSED; // interrupted before it started
            }
            RunningCentralSystem cs = served.cs;
            List<String> command = new ArrayList<>(List.of("octt", "run"));
            command.addAll(ids);
            command.addAll(List.of("--url", cs.url().toString(), "--resolve", cs.hostName() + ":" + cs.port() + ":"
                    + Addresses.host(Addresses.literal(cs.connectAddress().getAddress()))));
            Path ca = privateFile(served.folder, "csms-root.pem", cs.rootCertificatePem());
            command.addAll(List.of("--ca-file", ca.toString(), "--security-profile", Integer.toString(securityProfile)));
            out.println(Printable.escape("Reference Central System at " + cs.url() + " (listening on "
                    + Addresses.hostPort(cs.connectAddress()) + ")" + (chosen.isEmpty() ? "" : ", faults: "
                    + chosen.stream().map(Fault::id).toList())));
            out.println(Printable.escape("CA file:            " + ca));
            if (securityProfile == 2) {
                Path password = privateFile(served.folder, "password", cs.chargePointPasswordAsString());
                command.addAll(List.of("--basic-auth-password-file", password.toString()));
                out.println(Printable.escape("Password file:      " + password));
            } else {
                IssuedCertificate client = cs.issueClientCertificate(cs.chargePointId());
                Path cert = privateFile(served.folder, "client.pem", client.certificatePem());
                Path key = privateFile(served.folder, "client.key", client.privateKeyPem());
                command.addAll(List.of("--client-cert", cert.toString(), "--client-key", key.toString()));
                out.println(Printable.escape("Client certificate: " + cert));
                out.println(Printable.escape("Client key:         " + key));
            }
            ControlEndpoint control = served.control;
            out.println(Printable.escape("Control interface:  " + control.url() + " (POST /actions/<actionId>?chargePointId="
                    + cs.chargePointId() + ", header Authorization: Bearer <token>)"));
            out.println(Printable.escape("Control token:      " + control.token()));
            Path hook = environment.home().map(h -> h.resolve(HOOK_SCRIPT)).filter(Files::isRegularFile)
                    .orElse(Path.of(HOOK_SCRIPT));
            command.addAll(List.of("--action-hook", hook.toString()));
            out.println("Run in another terminal (the action hook makes this Central System perform each operator action):");
            out.println(Printable.escape("$ export " + SERVE_URL_ENV + "=" + control.url() + " " + SERVE_TOKEN_ENV + "="
                    + control.token()));
            out.println(Printable.escape("$ " + String.join(" ", command.stream().map(ServeCommand::quoted).toList())));
            if (!changing.isEmpty()) {
                out.println(Printable.escape("Left out: " + String.join(", ", changing) + " change the Charge Point's"
                        + " account on this server (its password, its profile) until it stops; run each by name, last,"
                        + " and restart octt serve after it"));
            }
            out.println("Stop with Ctrl-C; the files above are removed then.");
            out.flush();
            stopped.await();
            return ExitCodes.PASSED;
        } finally {
            served.stop();
        }
    }

    /** The server and its folder; {@link #stop()} is idempotent and waits for a concurrent stop to finish. */
    private static final class Served {
        volatile RunningCentralSystem cs;
        volatile ControlEndpoint control;
        volatile Path folder;
        private boolean done;

        /** Starts the server and makes the folder, unless stopped already; a stop waits for this. */
        synchronized boolean begin(ReferenceCentralSystem configured) throws IOException {
            if (done) {
                return false;
            }
            try {
                cs = configured.start();
            } catch (IllegalStateException e) {
                throw new UsageException((configured.port() == 0 ? "" : "--port " + configured.port() + ": ")
                        + e.getMessage(), e);
            }
            control = ControlEndpoint.start(cs, new java.security.SecureRandom());
            folder = privateFolder();
            return true;
        }

        synchronized void stop() {
            if (done) {
                return;
            }
            done = true;
            try {
                if (control != null) {
                    control.close();
                }
                if (cs != null) {
                    cs.close();
                }
            } finally {
                if (folder != null) {
                    deleteQuietly(folder);
                }
            }
        }
    }

    private static Path privateFolder() throws IOException {
        if (posix()) {
            return Files.createTempDirectory("octt-serve-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return Files.createTempDirectory("octt-serve-");
    }

    private static Path privateFile(Path folder, String name, String content) throws IOException {
        Path file = folder.resolve(name);
        if (posix()) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static void deleteQuietly(Path folder) {
        try (var files = Files.list(folder)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(folder);
        } catch (IOException | UncheckedIOException e) {
            // nothing more can be done on the way out
        }
    }

    /** A word for a POSIX shell: as it is when safe, else in single quotes. */
    static String quoted(String word) {
        return SHELL_SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
