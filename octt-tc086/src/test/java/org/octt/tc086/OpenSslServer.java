package org.octt.tc086;

import org.octt.tls.pki.IssuedCertificate;
import org.octt.tls.pki.Pem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An {@code openssl s_server} subprocess on a free loopback port, for tests (a trimmed copy of the
 * octt-tls test helper, whose test classes this module cannot see). Certificates and keys are
 * written as PEM into a directory the test owns; {@link #close()} destroys the process.
 */
final class OpenSslServer implements AutoCloseable {

    private static final Duration START_DEADLINE = Duration.ofSeconds(10);

    private final Process process;
    private final int port;
    private final Path log;
    private final List<String> command;

    private OpenSslServer(Process process, int port, Path log, List<String> command) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.command = List.copyOf(command);
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

    /** The command line the server was started with. */
    List<String> command() {
        return command;
    }

    /** What the server printed so far; without {@code -www} that includes every byte a client sent. */
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

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        }
    }

    static final class Builder {
        private final Path dir;
        private IssuedCertificate main;
        private List<java.security.cert.X509Certificate> mainSent;
        private IssuedCertificate second;
        private boolean www = true;
        private final List<String> args = new ArrayList<>();

        private Builder(Path dir) {
            this.dir = dir;
        }

        /** The main certificate ({@code -cert/-key}), sent with its issuers but not the root. */
        Builder cert(IssuedCertificate certificate) {
            this.main = certificate;
            this.mainSent = certificate.chainWithoutRoot();
            return this;
        }

        /**
         * The main certificate's key, and the chain to send instead of the usual one (e.g. the leaf
         * alone, without its intermediate, or with the root).
         */
        Builder cert(IssuedCertificate certificate, List<java.security.cert.X509Certificate> sent) {
            this.main = certificate;
            this.mainSent = List.copyOf(sent);
            return this;
        }

        /** The second certificate ({@code -dcert/-dkey}), usually ECDSA beside an RSA main one. */
        Builder dcert(IssuedCertificate certificate) {
            this.second = certificate;
            return this;
        }

        /** Without {@code -www}: s_server answers nothing and prints whatever a client sends. */
        Builder echo() {
            this.www = false;
            return this;
        }

        /** More s_server arguments, e.g. {@code -tls1_3}, {@code -cipher DEFAULT:@SECLEVEL=0}. */
        Builder args(String... more) {
            args.addAll(List.of(more));
            return this;
        }

        OpenSslServer start() throws IOException {
            if (main == null) {
                throw new IllegalStateException("s_server needs a certificate: call cert(...)");
            }
            Files.createDirectories(dir);
            int port = freePort();
            List<String> cmd = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:" + port, "-quiet"));
            if (www) {
                cmd.add("-www");
            }
            cmd.addAll(files("cert", main, mainSent, "-cert", "-key"));
            if (second != null) {
                cmd.addAll(files("dcert", second, second.chainWithoutRoot(), "-dcert", "-dkey"));
            }
            cmd.addAll(args);
            Path log = dir.resolve("s_server-" + port + ".log");
            Process process = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            OpenSslServer server = new OpenSslServer(process, port, log, cmd);
            try {
                awaitListening(server);
            } catch (IOException | RuntimeException e) {
                server.close();
                throw e;
            }
            return server;
        }

        /** The leaf ({@code -cert}) and the rest of the chain to send ({@code -cert_chain}), and the key. */
        private List<String> files(String name, IssuedCertificate c, List<java.security.cert.X509Certificate> sent,
                String certFlag, String keyFlag) throws IOException {
            Path cert = dir.resolve(name + ".pem");
            Path key = dir.resolve(name + ".key");
            Files.writeString(cert, Pem.certificates(sent.subList(0, 1)));
            Files.writeString(key, c.privateKeyPem());
            List<String> args = new ArrayList<>(List.of(certFlag, cert.toString(), keyFlag, key.toString()));
            if (sent.size() > 1) {
                Path chain = dir.resolve(name + "-chain.pem");
                Files.writeString(chain, Pem.certificates(sent.subList(1, sent.size())));
                args.addAll(List.of(certFlag + "_chain", chain.toString()));
            }
            return args;
        }

        private static void awaitListening(OpenSslServer server) throws IOException {
            long deadline = System.nanoTime() + START_DEADLINE.toNanos();
            while (true) {
                if (!server.process.isAlive()) {
                    throw new IOException("openssl s_server exited with " + server.process.exitValue()
                            + ": " + String.join(" ", server.command) + "\n" + server.output());
                }
                try (Socket s = new Socket()) {
                    s.connect(server.address(), 200);
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
