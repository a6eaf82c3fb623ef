package org.octt.tls.probe;

import org.octt.tls.pki.IssuedCertificate;
import org.octt.tls.pki.Pem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An {@code openssl s_server} subprocess on a free loopback port, for tests. Certificates are
 * written as PEM files into a directory the test owns; the server is destroyed by {@link #close()}.
 *
 * <pre>{@code
 * try (OpenSslServer server = OpenSslServer.builder(tempDir).rsa(rsa).ec(ec).args("-no_tls1_3").start()) {
 *     ... server.port() ...
 * }
 * }</pre>
 */
final class OpenSslServer implements AutoCloseable {

    private static final Duration START_DEADLINE = Duration.ofSeconds(10);

    private final Process process;
    private final int port;
    private final Path log;

    private OpenSslServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static Builder builder(Path dir) {
        return new Builder(dir);
    }

    int port() {
        return port;
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /** What the server printed so far (for assertion messages). */
    String output() {
        try {
            return Files.readString(log, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "<cannot read " + log + ": " + e.getMessage() + ">";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** A free TCP port on the loopback interface (free when asked; a race with other processes is possible). */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        }
    }

    static final class Builder {
        private final Path dir;
        private IssuedCertificate rsa;
        private IssuedCertificate ec;
        private IssuedCertificate sniCertificate;
        private String sniName;
        private X509Certificate clientCa;
        private final List<String> args = new ArrayList<>();

        private Builder(Path dir) {
            this.dir = dir;
        }

        /** The main certificate ({@code -cert/-key}); usually RSA, but any key type works. */
        Builder rsa(IssuedCertificate certificate) {
            this.rsa = certificate;
            return this;
        }

        /** The second certificate ({@code -dcert/-dkey}), usually ECDSA. */
        Builder ec(IssuedCertificate certificate) {
            this.ec = certificate;
            return this;
        }

        /** A certificate served only to clients that send SNI {@code name} ({@code -servername/-cert2}). */
        Builder sni(String name, IssuedCertificate certificate) {
            this.sniName = name;
            this.sniCertificate = certificate;
            return this;
        }

        /**
         * Require a client certificate issued by {@code ca} ({@code -Verify 1 -verify_return_error
         * -CAfile}): the server asks for one and refuses the handshake without it or with one it cannot
         * verify.
         */
        Builder requireClientCertificate(X509Certificate ca) {
            this.clientCa = ca;
            return this;
        }

        /** More s_server arguments, e.g. {@code -tls1_3}, {@code -cipher DEFAULT:@SECLEVEL=0}. */
        Builder args(String... more) {
            args.addAll(List.of(more));
            return this;
        }

        OpenSslServer start() throws IOException {
            if (rsa == null) {
                throw new IllegalStateException("s_server needs a certificate: call rsa(...)");
            }
            Files.createDirectories(dir);
            int port = freePort();
            List<String> cmd = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:" + port,
                    "-quiet", "-www"));
            cmd.addAll(files("main", rsa, "-cert", "-key"));
            if (ec != null) {
                cmd.addAll(files("second", ec, "-dcert", "-dkey"));
            }
            if (sniCertificate != null) {
                cmd.addAll(List.of("-servername", sniName));
                cmd.addAll(files("sni", sniCertificate, "-cert2", "-key2"));
            }
            if (clientCa != null) {
                Path caFile = dir.resolve("clientca.pem");
                Files.writeString(caFile, Pem.certificate(clientCa));
                cmd.addAll(List.of("-Verify", "1", "-verify_return_error", "-CAfile", caFile.toString()));
            }
            cmd.addAll(args);
            Path log = dir.resolve("s_server-" + port + ".log");
            Process process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            OpenSslServer server = new OpenSslServer(process, port, log);
            try {
                awaitListening(server, cmd);
            } catch (IOException | RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        }

        private List<String> files(String name, IssuedCertificate c, String certFlag, String keyFlag)
                throws IOException {
            Path cert = dir.resolve(name + ".pem");
            Path key = dir.resolve(name + ".key");
            Files.writeString(cert, Pem.certificates(c.chainWithoutRoot()));
            Files.writeString(key, c.privateKeyPem());
            return List.of(certFlag, cert.toString(), keyFlag, key.toString());
        }

        private static void awaitListening(OpenSslServer server, List<String> cmd) throws IOException {
            long deadline = System.nanoTime() + START_DEADLINE.toNanos();
            while (true) {
                if (!server.process.isAlive()) {
                    throw new IOException("openssl s_server exited with " + server.process.exitValue()
                            + ": " + String.join(" ", cmd) + "\n" + server.output());
                }
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", server.port), 200);
                    return;
                } catch (IOException notYet) {
                    if (System.nanoTime() > deadline) {
                        throw new IOException("openssl s_server not listening on port " + server.port
                                + " after " + START_DEADLINE + ": " + server.output(), notYet);
                    }
                    LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
                }
            }
        }
    }
}
