package org.octt.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code octt serve} end to end: the printed command, pasted into {@code octt run}, passes against
 * it; an interrupt stops it and removes its private folder.
 */
@Timeout(90)
class ServeCommandTests {

    /** A serve running on its own thread, with its printed lines and its interrupt trigger. */
    private record Serving(CompletableFuture<Integer> exit, List<String> lines, AtomicReference<Runnable> interrupt,
            StringWriter err) {

        /** The printed {@code octt run} command, as arguments of Main.execute. */
        String[] runArguments() {
            String command = lines.stream().filter(l -> l.startsWith("$ octt run ")).findFirst().orElseThrow();
            return command.substring("$ octt ".length()).split(" ");
        }

        Path file(String label) {
            String line = lines.stream().filter(l -> l.startsWith(label)).findFirst().orElseThrow();
            return Path.of(line.substring(line.indexOf(':') + 1).trim());
        }

        /** Ctrl-C as the shutdown hook delivers it: the action runs on another thread; returns its exit code. */
        int interruptAndAwait() throws Exception {
            Thread hook = new Thread(interrupt.get(), "test-ctrl-c");
            hook.start();
            hook.join(TimeUnit.SECONDS.toMillis(20));
            return exit.get(20, TimeUnit.SECONDS);
        }
    }

    /** Starts {@code octt serve args} on a thread and returns once it has printed its command line. */
    private static Serving serve(String... args) throws Exception {
        return serve(DemoCommandTests.real(), args);
    }

    private static Serving serve(CliEnvironment real, String... args) throws Exception {
        AtomicReference<Runnable> onInterrupt = new AtomicReference<>();
        Interrupts interrupts = action -> {
            onInterrupt.set(action);
            return () -> onInterrupt.set(null);
        };
        CliEnvironment env = real.withInterrupts(interrupts);
        PipedReader pipe = new PipedReader(1 << 16);
        PrintWriter out = new PrintWriter(new PipedWriter(pipe), true);
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("serve"));
        all.addAll(Arrays.asList(args));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
            try {
                return Main.execute(env, out, new PrintWriter(err), all.toArray(String[]::new));
            } finally {
                out.close();
            }
        });
        BufferedReader reader = new BufferedReader(pipe);
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null) {
            lines.add(line);
            if (line.startsWith("Stop with Ctrl-C")) {
                return new Serving(exit, lines, onInterrupt, err);
            }
        }
        throw new AssertionError("serve ended before printing its command: exit " + exit.get(10, TimeUnit.SECONDS)
                + "\n" + String.join("\n", lines) + "\n" + err);
    }

    @Test
    void thePrintedCommandPassesAgainstItAndAnInterruptRemovesItsPrivateFolder() throws Exception {
        Serving serving = serve(DemoCommandTests.real().withHome(java.util.Optional.of(Path.of("..").toAbsolutePath()
                .normalize()))); // the example action hook is found beside the launcher
        Path ca = serving.file("CA file:");
        Path password = serving.file("Password file:");
        Path folder = ca.getParent();
        try {
            assertThat(serving.lines().get(0)).startsWith("Reference Central System at wss://csms.octt.test:");
            assertThat(serving.lines()).anySatisfy(l -> assertThat(l).startsWith("$ octt run ").contains(" TC_085_CSMS TC_086_CSMS TC_088_CSMS X_BASIC_AUTH_INVALID_CSMS --url "
                    + "wss://csms.octt.test:").contains(" --resolve csms.octt.test:").contains(" --ca-file " + ca
                    + " --security-profile 2 --basic-auth-password-file " + password));
            assertThat(serving.lines()).as("what changes the account is left out of the printed command")
                    .contains("Left out: TC_073_CSMS, TC_083_CSMS change the Charge Point's account on this server (its"
                            + " password, its profile) until it stops; run each by name, last, and restart octt serve"
                            + " after it")
                    .noneMatch(l -> l.startsWith("$ octt run ") && l.contains("TC_073_CSMS"));
            assertThat(folder.getFileName().toString()).startsWith("octt-serve-");
            assertThat(password.getParent()).isEqualTo(folder);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ca))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(password))).isEqualTo("rw-------");
            String secret = Files.readString(password);
            assertThat(String.join("\n", serving.lines())).doesNotContain(secret);

            Cli.Result run = Cli.run(DemoCommandTests.real().withEnv(exported(serving)), serving.runArguments());

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(0);
            assertThat(run.out()).contains("Result: PASSED");
        } finally {
            assertThat(serving.interruptAndAwait()).as(serving.err().toString()).isEqualTo(ExitCodes.PASSED);
        }
        assertThat(folder).doesNotExist();
        assertThat(serving.interrupt().get()).as("unregistered on the way out").isNull();
    }

    @Test
    void withProfile3ItHandsOutAClientCertificateAndKeyAndAFaultFailsTheRun() throws Exception {
        Serving serving = serve("--security-profile", "3", "--fault", "boot-rejected");
        Path folder = serving.file("CA file:").getParent();
        try {
            Path cert = serving.file("Client certificate:");
            Path key = serving.file("Client key:");
            assertThat(serving.lines()).noneMatch(l -> l.startsWith("Password file:"));
            assertThat(serving.lines().get(0)).endsWith(", faults: [boot-rejected]");
            assertThat(Files.readString(key)).startsWith("-----BEGIN");
            assertThat(String.join("\n", serving.lines())).doesNotContain("PRIVATE KEY");
            assertThat(serving.lines()).anySatisfy(l -> assertThat(l).contains(" --security-profile 3 --client-cert "
                    + cert + " --client-key " + key + " --action-hook "));

            Cli.Result run = Cli.run(DemoCommandTests.real(), serving.runArguments());

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
            assertThat(run.out()).contains("Rejected").contains("Result: FAILED");
        } finally {
            serving.interruptAndAwait();
        }
        assertThat(folder).doesNotExist();
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void theExampleHookReachesTheControlInterfaceItPrints() throws Exception {
        Path repository = Path.of("..").toAbsolutePath().normalize(); // the launcher's folder: docs/examples is there
        Serving serving = serve(DemoCommandTests.real().withHome(java.util.Optional.of(repository)));
        try {
            String control = serving.lines().stream().filter(l -> l.startsWith("Control interface:  ")).findFirst()
                    .orElseThrow();
            String token = serving.lines().stream().filter(l -> l.startsWith("Control token:      ")).findFirst()
                    .orElseThrow().substring("Control token:      ".length());
            assertThat(control).matches("Control interface:  http://127\\.0\\.0\\.1:[0-9]+ \\(POST"
                    + " /actions/<actionId>\\?chargePointId=CP001, header Authorization: Bearer <token>\\)");
            String url = control.substring("Control interface:  ".length(), control.indexOf(" ("));
            assertThat(serving.lines()).contains("$ export OCTT_SERVE_URL=" + url + " OCTT_SERVE_TOKEN=" + token);
            Path hook = repository.resolve("docs/examples/action-hook-octt-serve.sh");
            List<String> printed = Arrays.asList(serving.runArguments());
            assertThat(printed).endsWith("--action-hook", hook.toString());
            String password = Files.readString(serving.file("Password file:"));
            assertThat(String.join("\n", serving.lines())).doesNotContain(password);
            // the printed command, running a card whose action this Central System does not know
            List<String> args = new ArrayList<>(List.of("run", ActionCard.ID));
            args.addAll(printed.subList(printed.indexOf("--url"), printed.size()));
            CliEnvironment env = TestEnvironments.engine(new ActionCard()).withEnv(java.util.Map.of(
                    "OCTT_SERVE_URL", url, "OCTT_SERVE_TOKEN", token, "COLUMNS", "1000",
                    "PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")));

            Cli.Result run = Cli.run(env, args.toArray(String[]::new));

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
            // curl --fail-with-body: exit 22, its error line and the body, which names the unknown action
            assertThat(run.out()).contains(ActionCard.CHECK + "  INCONCLUSIVE  no TriggerMessage.req: the action"
                    + " TC_FAKE_ACTION.trigger-heartbeat could not be triggered: the action hook exited 22: ")
                    .contains("unknown action id 'TC_FAKE_ACTION.trigger-heartbeat' (known: ");
        } finally {
            serving.interruptAndAwait();
        }
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void thePrintedCommandsPassEveryCardTheActionHookTriggeringTheServedCentralSystem() throws Exception {
        Path repository = Path.of("..").toAbsolutePath().normalize();
        Serving serving = serve(DemoCommandTests.real().withHome(java.util.Optional.of(repository)),
                "--security-profile", "3");
        try {
            java.util.Map<String, String> variables = exported(serving);
            List<String> printed = Arrays.asList(serving.runArguments());
            assertThat(printed).contains("TC_074_CSMS", "TC_077_CSMS"); // cards that need an operator action

            Cli.Result run = Cli.run(DemoCommandTests.real().withEnv(variables), serving.runArguments());

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(0);
            assertThat(run.out()).contains("  ACTION        TC_074_CSMS.trigger-sign-certificate for CP001: ")
                    .contains("Result: PASSED");
        } finally {
            serving.interruptAndAwait();
        }
    }

    /** The test's environment with the variables of the printed {@code $ export} line, as a user would paste it. */
    private static java.util.Map<String, String> exported(Serving serving) {
        String export = serving.lines().stream().filter(l -> l.startsWith("$ export ")).findFirst().orElseThrow();
        java.util.Map<String, String> variables = new java.util.HashMap<>(DemoCommandTests.real().env());
        for (String assignment : export.substring("$ export ".length()).split(" ")) {
            variables.put(assignment.substring(0, assignment.indexOf('=')), assignment.substring(assignment.indexOf('=') + 1));
        }
        return variables;
    }

    @Test
    void aPortOutOfRangeIsAUsageErrorNamingIt() {
        Cli.Result r = Cli.run(DemoCommandTests.real(), "serve", "--port", "70000");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines()).containsExactly("octt serve: --port must be 0 (a free one) to 65535, was: 70000");
    }

    @Test
    void aPortInUseIsAUsageErrorNamingIt() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Cli.Result r = Cli.run(DemoCommandTests.real(), "serve", "--port", Integer.toString(taken.getLocalPort()));

            assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.errLines()).singleElement().asString().startsWith("octt serve: --port " + taken.getLocalPort()
                    + ": cannot start the reference Central System on 127.0.0.1:" + taken.getLocalPort() + ": ");
        }
    }

    @Test
    void anUnknownFaultIsAUsageErrorListingTheValidNames() {
        Cli.Result r = Cli.run(DemoCommandTests.real(), "serve", "--fault", "no-such-fault");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines()).singleElement().asString().contains("no-such-fault").contains("cn-mismatch");
    }

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void sigtermStopsTheProcessAndRemovesItsFolder(@TempDir Path dir) throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Path nettyWorkDir = Files.createDirectory(dir.resolve("netty"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process serve = new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Djava.io.tmpdir=" + tmp, "-Dio.netty.native.workdir=" + nettyWorkDir,
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("Stop with Ctrl-C")) {
                // the URL, the files, the command
            }
            assertThat(line).as("serve printed its command").isNotNull();
            assertThat(entries(tmp)).singleElement().asString().startsWith("octt-serve-");

            serve.destroy(); // SIGTERM

            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).as("serve ended on SIGTERM").isTrue();
            assertThat(serve.exitValue()).isEqualTo(128 + 15);
            assertThat(entries(tmp)).as("the temporary folder after SIGTERM").isEmpty();
        } finally {
            serve.destroyForcibly();
        }
    }

    private static List<String> entries(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
