package org.octt.tc086;

import org.junit.jupiter.api.Test;
import org.octt.core.engine.TestCaseResult;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.Secret;
import org.octt.core.spi.Target;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Timeouts;
import org.octt.core.spi.Verdict;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When TC_086_CSMS's first step cannot run at all, every check of the card still appears in the
 * result, with its verdict and the reason: the steps declare their check ids.
 */
class Tc086EveryCheckReportedTests {

    private static final List<String> ALL = List.of(CheckIds.TLS_VERSION, CheckIds.TLS_CIPHER_SUITES,
            CheckIds.CERT_KEY_SIZE, CheckIds.CERT_X509_PEM, CheckIds.CERT_SERIAL_NUMBER, CheckIds.CERT_SUBJECT_CN,
            CheckIds.CERT_TRUST, CheckIds.WS_UPGRADE, CheckIds.OCPP_BOOT_NOTIFICATION,
            CheckIds.OCPP_STATUS_NOTIFICATION);

    private static TestContext.Builder context(int port) {
        return TestContext.builder(Target.of(URI.create("wss://csms.octt.test:" + port + "/ocpp/CP001"))
                        .withConnectAddress(new InetSocketAddress("127.0.0.1", port)))
                .basicAuthPassword(Secret.of("0123456789abcdef"));
    }

    @Test
    void declaresEveryCheckOfTheCardInItsSteps() {
        assertThat(new Tc086TestCase().steps().stream().flatMap(s -> s.checkIds().stream()).toList())
                .containsExactlyElementsOf(ALL);
    }

    @Test
    void reportsEveryCheckWithItsReasonWhenTheConnectionIsRefused() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }

        TestCaseResult r = Tc086Runs.run(context(port).build());

        assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(r.checks()).extracting(CheckResult::id).containsExactlyElementsOf(ALL);
        String why = r.steps().get(0).reason();
        assertThat(why).containsIgnoringCase("refused");
        assertThat(r.checks().subList(0, 2)).allSatisfy(c -> {
            assertThat(c.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(c.message()).isEqualTo("not evaluated: step 'tls-handshakes' could not go on: " + why);
        });
        assertThat(r.checks().subList(2, ALL.size())).allSatisfy(c -> {
            assertThat(c.verdict()).isEqualTo(Verdict.SKIPPED);
            assertThat(c.message()).isEqualTo("not run: step 'tls-handshakes' could not go on: " + why);
        });
        assertThat(r.reasons()).containsExactly("tls-handshakes: " + why);
    }

    @Test
    void reportsEveryCheckWhenAServerTricklesItsHandshakeUntilTheStepTimesOut() throws Exception {
        try (Trickler server = new Trickler()) {
            // each exchange may take 30 s, the step only 1 s: the step timeout ends it
            TestContext context = context(server.port())
                    .timeouts(Timeouts.DEFAULTS.withNetwork(Duration.ofSeconds(30)).withStep(Duration.ofSeconds(1)))
                    .build();

            TestCaseResult r = Tc086Runs.run(context);

            String why = "step 'tls-handshakes' did not finish within the step timeout of 1s";
            assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
            assertThat(r.reasons()).containsExactly("tls-handshakes: " + why);
            assertThat(r.checks()).extracting(CheckResult::id).containsExactlyElementsOf(ALL);
            assertThat(r.checks()).extracting(CheckResult::verdict).containsExactly(Verdict.INCONCLUSIVE,
                    Verdict.INCONCLUSIVE, Verdict.SKIPPED, Verdict.SKIPPED, Verdict.SKIPPED, Verdict.SKIPPED,
                    Verdict.SKIPPED, Verdict.SKIPPED, Verdict.SKIPPED, Verdict.SKIPPED);
            assertThat(r.checks().get(0).message()).isEqualTo("not evaluated: step 'tls-handshakes' could not go on: "
                    + why);
            assertThat(r.checks().get(9).message()).isEqualTo("not run: step 'tls-handshakes' could not go on: " + why);
        }
    }

    /** A server that answers every connection with a TLS record header, one byte every 200 ms, forever. */
    private static final class Trickler implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final Thread acceptor = new Thread(this::accept, "trickler");

        Trickler() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread t = new Thread(() -> trickle(socket), "trickle");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        private void trickle(Socket socket) {
            byte[] header = {0x16, 0x03, 0x03, 0x40, 0x00}; // a handshake record of 16 KiB, never completed
            try (socket; OutputStream out = socket.getOutputStream()) {
                for (int i = 0; !server.isClosed(); i++) {
                    out.write(i < header.length ? header[i] : 0x02);
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (IOException | InterruptedException e) {
                // the client went away
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
