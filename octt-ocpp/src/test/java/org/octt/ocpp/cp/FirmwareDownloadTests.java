package org.octt.ocpp.cp;

import io.netty.handler.codec.http.HttpResponseStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link FirmwareDownload} against a real HTTP server on 127.0.0.1, and local files. */
@Timeout(30)
class FirmwareDownloadTests {

    private static final byte[] IMAGE = "firmware bytes".getBytes(StandardCharsets.US_ASCII);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static DisposableServer server;

    @BeforeAll
    static void startServer() {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .route(r -> r.get("/fw.bin", (req, res) -> res.sendByteArray(Mono.just(IMAGE)))
                        .get("/chunked.bin", (req, res) -> res.chunkedTransfer(true)
                                .sendByteArray(Flux.range(0, 4).map(i -> new byte[100])))
                        .get("/silent.bin", (req, res) -> Mono.never())
                        .get("/gone.bin", (req, res) -> res.status(HttpResponseStatus.NOT_FOUND).send()))
                .bindNow();
    }

    @AfterAll
    static void stopServer() {
        server.disposeNow();
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    @Test
    void fetchesTheImageAnsweredWith200() {
        FirmwareDownload.Outcome o = FirmwareDownload.fetch(url("/fw.bin"), 1024, TIMEOUT).block(TIMEOUT.multipliedBy(2));

        assertThat(o).isEqualTo(new FirmwareDownload.Fetched(url("/fw.bin"), IMAGE));
        assertThat(o.message()).isEqualTo("downloaded 14 bytes from " + url("/fw.bin"));
    }

    @Test
    void reportsAnAnswerOtherThan200AsRefused() {
        FirmwareDownload.Outcome o = FirmwareDownload.fetch(url("/gone.bin"), 1024, TIMEOUT).block(TIMEOUT.multipliedBy(2));

        assertThat(o).isEqualTo(new FirmwareDownload.Failed(url("/gone.bin"), FirmwareDownload.Failure.REFUSED,
                "GET " + url("/gone.bin") + " was answered 404 Not Found, expected 200 OK with the firmware image"));
    }

    @Test
    void stopsAtTheSizeBoundWhetherDeclaredOrChunked() {
        FirmwareDownload.Outcome declared = FirmwareDownload.fetch(url("/fw.bin"), 10, TIMEOUT).block(TIMEOUT.multipliedBy(2));
        FirmwareDownload.Outcome chunked = FirmwareDownload.fetch(url("/chunked.bin"), 250, TIMEOUT).block(TIMEOUT.multipliedBy(2));
        FirmwareDownload.Outcome fits = FirmwareDownload.fetch(url("/chunked.bin"), 400, TIMEOUT).block(TIMEOUT.multipliedBy(2));

        assertThat(declared).isEqualTo(new FirmwareDownload.Failed(url("/fw.bin"), FirmwareDownload.Failure.TOO_LARGE,
                "the firmware at " + url("/fw.bin") + " is larger than 10 bytes, the most octt downloads"));
        assertThat(((FirmwareDownload.Failed) chunked).failure()).isEqualTo(FirmwareDownload.Failure.TOO_LARGE);
        assertThat(((FirmwareDownload.Fetched) fits).bytes()).hasSize(400);
    }

    @Test
    void endsAfterTheTimeoutWhenTheServerNeverAnswers() {
        Duration shortTimeout = Duration.ofMillis(300);

        FirmwareDownload.Outcome o = FirmwareDownload.fetch(url("/silent.bin"), 1024, shortTimeout).block(TIMEOUT);

        assertThat(o).isInstanceOf(FirmwareDownload.Failed.class);
        assertThat(((FirmwareDownload.Failed) o).failure()).isIn(FirmwareDownload.Failure.TIMED_OUT,
                FirmwareDownload.Failure.UNREACHABLE); // Reactor Netty's response timeout may come first
        assertThat(o.message()).startsWith("GET " + url("/silent.bin"));
    }

    @Test
    void reportsARefusedConnectionAsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/fw.bin";

        FirmwareDownload.Outcome o = FirmwareDownload.fetch(url, 1024, TIMEOUT).block(TIMEOUT.multipliedBy(2));

        assertThat(((FirmwareDownload.Failed) o).failure()).isEqualTo(FirmwareDownload.Failure.UNREACHABLE);
        assertThat(o.message()).startsWith("GET " + url + " failed: ");
    }

    @Test
    void refusesLocationsThatAreNotHttp() {
        FirmwareDownload.Outcome o = FirmwareDownload.fetch("ftp://files.example.com/fw.bin", 1024, TIMEOUT).block(TIMEOUT);

        assertThat(o).isEqualTo(new FirmwareDownload.Failed("ftp://files.example.com/fw.bin",
                FirmwareDownload.Failure.UNSUPPORTED_LOCATION, "the firmware location 'ftp://files.example.com/fw.bin'"
                + " is not an http:// or https:// URL with a host; octt downloads firmware over HTTP(S) only"
                + " (give the image as a local file instead)"));
    }

    @Test
    void readsALocalFileWithinTheBound(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("fw.bin"), IMAGE);

        assertThat(FirmwareDownload.readFile(file, 14).block(TIMEOUT)).isEqualTo(new FirmwareDownload.Fetched(file.toString(), IMAGE));
        assertThat(FirmwareDownload.readFile(file, 13).block(TIMEOUT)).isEqualTo(new FirmwareDownload.Failed(file.toString(),
                FirmwareDownload.Failure.TOO_LARGE, "the firmware file " + file + " is larger than 13 bytes"));
        assertThat(((FirmwareDownload.Failed) FirmwareDownload.readFile(dir.resolve("missing.bin"), 14).block(TIMEOUT))
                .failure()).isEqualTo(FirmwareDownload.Failure.UNREADABLE_FILE);
    }
}
