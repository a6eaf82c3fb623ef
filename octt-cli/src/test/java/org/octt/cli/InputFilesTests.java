package org.octt.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.octt.cli.TestEnvironments.ID;

/**
 * The bounded reader of every input file, on real files, FIFOs made with {@code mkfifo} and
 * {@code /dev/zero}: a size cap, a deadline for what is not a regular file, one-line errors.
 */
@Timeout(60)
class InputFilesTests {

    private static final String URL = "wss://csms.example.com/ocpp/CP001";
    private static final Duration SHORT = Duration.ofMillis(300);

    @TempDir
    Path dir;

    static Path fifo(Path dir, String name) throws IOException, InterruptedException {
        Path fifo = dir.resolve(name);
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).isZero();
        return fifo;
    }

    /** Writes the text into the FIFO on another thread (opening it blocks until the reader opens it). */
    static Thread writer(Path fifo, String text, CountDownLatch keepOpenUntil) {
        Thread t = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
                keepOpenUntil.await(30, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException e) {
                // the reader gave up: nothing to do
            }
        }, "fifo-writer");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test
    void readsARegularFile() throws IOException {
        Path file = Files.writeString(dir.resolve("a.txt"), "content\n");
        assertThat(InputFiles.read("--config", file, InputFiles.Limit.TEXT)).asString(StandardCharsets.UTF_8)
                .isEqualTo("content\n");
    }

    @Test
    void refusesARegularFileOverItsCapWithoutReadingIt() throws IOException {
        Path file = dir.resolve("big.pem");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(200L * 1024 * 1024); // sparse: 200 MB of NUL bytes on no disk
        }
        assertThatThrownBy(() -> InputFiles.read("--ca-file", file, InputFiles.Limit.PEM))
                .isInstanceOf(UsageException.class).hasMessage("--ca-file " + file + " is larger than 1 MiB");
    }

    @Test
    void readsAPipeThatDeliversItsData() throws Exception {
        Path fifo = fifo(dir, "password.pipe");
        CountDownLatch closeAtOnce = new CountDownLatch(0);
        writer(fifo, "from-a-pipe\n", closeAtOnce);
        assertThat(InputFiles.read("--basic-auth-password-file", fifo, InputFiles.Limit.PASSWORD, Duration.ofSeconds(20)))
                .asString(StandardCharsets.UTF_8).isEqualTo("from-a-pipe\n");
    }

    @Test
    void givesUpOnAFifoNobodyWritesTo() throws Exception {
        Path fifo = fifo(dir, "silent.pipe");
        assertThatThrownBy(() -> InputFiles.read("--basic-auth-password-file", fifo, InputFiles.Limit.PASSWORD, SHORT))
                .isInstanceOf(UsageException.class)
                .hasMessage("--basic-auth-password-file: no data from " + fifo + " within 300ms (a pipe nobody writes to?)");
    }

    @Test
    void givesUpOnAPipeThatNeverEnds() throws Exception {
        Path fifo = fifo(dir, "open.pipe");
        CountDownLatch release = new CountDownLatch(1);
        writer(fifo, "url\n", release);
        try {
            assertThatThrownBy(() -> InputFiles.read("--targets", fifo, InputFiles.Limit.TEXT, Duration.ofSeconds(1)))
                    .isInstanceOf(UsageException.class)
                    .hasMessage("--targets: " + fifo + " did not end within 1s (a pipe that stays open?)");
        } finally {
            release.countDown();
        }
    }

    @Test
    void stopsReadingAnEndlessDeviceAtItsCap() {
        Path zero = Path.of("/dev/zero");
        assertThatThrownBy(() -> InputFiles.read("--client-key", zero, InputFiles.Limit.PEM))
                .isInstanceOf(UsageException.class).hasMessage("--client-key /dev/zero is larger than 1 MiB");
    }

    @Test
    void saysAnEmptyValueIsEmpty() {
        assertThatThrownBy(() -> InputFiles.read("--ca-file", Path.of(""), InputFiles.Limit.PEM))
                .isInstanceOf(UsageException.class).hasMessage("--ca-file is empty; give a FILE");
    }

    // --- through the CLI: every input file goes through the bounded reader

    private static Cli.Result run(String... more) {
        String[] args = new String[more.length + 4];
        args[0] = "run";
        args[1] = ID;
        args[2] = "--url";
        args[3] = URL;
        System.arraycopy(more, 0, args, 4, more.length);
        return Cli.run(TestEnvironments.passing().withEnv(Map.of(CliEnvironment.PASSWORD_ENV, "password-of-20-chars")),
                args);
    }

    private static void assertOneLine(Cli.Result result, String line) {
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.errLines()).as(result.toString()).containsExactly(line);
        assertThat(result.out()).isEmpty();
    }

    @Test
    void refusesDevZeroForEveryInputInOneLine() {
        assertOneLine(run("--basic-auth-password-file", "/dev/zero"),
                "octt run: --basic-auth-password-file /dev/zero is larger than 1 KiB");
        assertOneLine(run("--ca-file", "/dev/zero"), "octt run: --ca-file /dev/zero is larger than 1 MiB");
        assertOneLine(run("--security-profile", "3", "--client-cert", "/dev/zero", "--client-key", "/dev/zero"),
                "octt run: --client-cert /dev/zero is larger than 1 MiB");
        assertOneLine(Cli.run(TestEnvironments.passing(), "run", ID, "--targets", "/dev/zero"),
                "octt run: --targets /dev/zero is larger than 16 MiB");
        assertOneLine(Cli.run(TestEnvironments.passing(), "run", ID, "--config", "/dev/zero"),
                "octt run: --config /dev/zero is larger than 16 MiB (see octt run --help)");
    }

    @Test
    void refusesAHugePasswordFileBeforeReadingIt() throws IOException {
        Path file = dir.resolve("nul.password");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(200L * 1024 * 1024);
        }
        assertOneLine(run("--basic-auth-password-file", file.toString()),
                "octt run: --basic-auth-password-file " + file + " is larger than 1 KiB");
    }

    @Test
    void readsThePasswordFromAPipeAsShellProcessSubstitutionGivesIt() throws Exception {
        Path fifo = fifo(dir, "pass-show.pipe");
        writer(fifo, "password-from-pass-show\n", new CountDownLatch(0));
        FakeRunService service = FakeRunService.passing();
        Cli.Result result = Cli.run(TestEnvironments.with(service), "run", ID, "--url", URL,
                "--basic-auth-password-file", fifo.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(service.plan.get().targets().get(0).basicAuthPassword().orElseThrow().reveal())
                .isEqualTo("password-from-pass-show");
    }

    @Test
    void givesUpOnAConfigFifoNobodyWritesToWithinTheDeadline() throws Exception {
        Path fifo = fifo(dir, "config.pipe");
        assertOneLine(Cli.run(TestEnvironments.passing(), "run", ID, "--config", fifo.toString()),
                "octt run: --config: no data from " + fifo + " within 10s (a pipe nobody writes to?) (see octt run --help)");
    }

    @Test
    void saysAnEmptyCaFileValueIsEmpty() {
        assertOneLine(run("--ca-file", ""), "octt run: --ca-file is empty; give a FILE");
    }
}
