package org.octt.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code octt demo} as a real process with a temporary folder of its own, stopped by a signal in
 * the middle of its run (the reference Central System never answers the TLS ClientHello and the
 * step waits 60 s): nothing is in the temporary folder during the run, nor after the signal.
 */
@Timeout(120)
@EnabledOnOs({OS.LINUX, OS.MAC})
class DemoProcessTests {

    @Test
    void sigtermInTheMiddleOfTheRunLeavesNothingInTheTemporaryFolder(@TempDir Path dir) throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Process demo = startDemo(dir, tmp);
        awaitTheRun(demo);
        assertThat(entries(tmp)).as("the temporary folder during the run").isEmpty();

        demo.destroy(); // SIGTERM

        assertThat(demo.waitFor(30, TimeUnit.SECONDS)).as("the demo ended on SIGTERM").isTrue();
        assertThat(demo.exitValue()).isEqualTo(128 + 15);
        assertThat(entries(tmp)).as("the temporary folder after SIGTERM").isEmpty();
    }

    @Test
    void sigintInTheMiddleOfTheRunLeavesNothingInTheTemporaryFolder(@TempDir Path dir) throws Exception {
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        Process demo = startDemo(dir, tmp);
        awaitTheRun(demo);
        Assumptions.assumeFalse(ignoresSigint(demo.pid()),
                "this test runs as a background job of a non-interactive shell, which ignores SIGINT");
        assertThat(entries(tmp)).as("the temporary folder during the run").isEmpty();

        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(demo.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(kill.exitValue()).isZero();

        assertThat(demo.waitFor(30, TimeUnit.SECONDS)).as("the demo ended on SIGINT").isTrue();
        assertThat(demo.exitValue()).isEqualTo(128 + 2);
        assertThat(entries(tmp)).as("the temporary folder after SIGINT").isEmpty();
    }

    /** {@code java -Djava.io.tmpdir=tmp -cp <test class path> org.octt.cli.Main demo ...}; Netty unpacks its native libraries elsewhere. */
    private static Process startDemo(Path dir, Path tmp) throws IOException {
        Path nettyWorkDir = Files.createDirectory(dir.resolve("netty"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Djava.io.tmpdir=" + tmp, "-Dio.netty.native.workdir=" + nettyWorkDir,
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "demo", "--fault", "no-tls-answer", "--timeout", "60s")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** Reads stdout until the printed {@code $ octt run ...} line: the run has begun. */
    private static void awaitTheRun(Process demo) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("$ ") && line.contains("octt run ") && line.contains(" TC_086_CSMS ")) {
                Thread reader = new Thread(() -> drain(out), "demo-stdout");
                reader.setDaemon(true);
                reader.start();
                return;
            }
        }
        throw new AssertionError("the demo ended before its run began; exit " + waitQuietly(demo));
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // keep the pipe open and empty
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private static int waitQuietly(Process p) {
        try {
            return p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Whether the process ignores SIGINT (as background jobs of a non-interactive shell do); unknown: no. */
    private static boolean ignoresSigint(long pid) throws IOException {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                return new BigInteger(line.substring("SigIgn:".length()).trim(), 16).testBit(2 - 1);
            }
        }
        return false;
    }

    private static List<String> entries(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
