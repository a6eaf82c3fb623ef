package org.octt.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An {@code openssl s_server} subprocess on a free loopback port, for tests. Certificates and keys
 * are written as PEM files into a directory the test owns; {@link #close()} destroys the process.
 * Certificates are given as the chain to send (leaf first) and the leaf's key, in JDK types, so
 * that this module needs no octt module.
 *
 * <pre>{@code
 * try (OpenSslServer server = OpenSslServer.builder(tempDir)
 *         .cert(rsa.chainWithoutRoot(), rsa.privateKey()).args("-no_tls1_3").start()) {
 *     ... server.port() ...
 * }
 * }</pre>
 */
public final class OpenSslServer implements AutoCloseable {

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

    /** A builder writing its files into {@code dir} (created if missing). */
    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    /** The port it listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** 127.0.0.1 and {@link #port()}. */
    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /** The command line the server was started with. */
    public List<String> command() {
        return command;
    }

    /** What the server printed so far; after {@link Builder#echo()} that includes every byte a client sent. */
    public String output() {
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
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        }
    }

    /** PEM text of certificates, in order. */
    public static String pem(List<X509Certificate> certificates) {
        StringBuilder out = new StringBuilder();
        for (X509Certificate c : certificates) {
            try {
                out.append(block("CERTIFICATE", c.getEncoded()));
            } catch (CertificateEncodingException e) {
                throw new IllegalArgumentException("cannot encode " + c.getSubjectX500Principal(), e);
            }
        }
        return out.toString();
    }

    /** PEM text of a private key (PKCS#8). */
    public static String pem(PrivateKey key) {
        return block("PRIVATE KEY", key.getEncoded());
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** What {@code s_server} is started with. */
    public static final class Builder {
        private final Path dir;
        private List<X509Certificate> mainSent;
        private PrivateKey mainKey;
        private List<X509Certificate> secondSent;
        private PrivateKey secondKey;
        private String sniName;
        private List<X509Certificate> sniSent;
        private PrivateKey sniKey;
        private X509Certificate clientCa;
        private boolean www = true;
        private final List<String> args = new ArrayList<>();

        private Builder(Path dir) {
            this.dir = dir;
        }

        /**
         * The main certificate ({@code -cert/-key}, the rest of {@code sent} as {@code -cert_chain}):
         * usually RSA, but any key type works.
         *
         * @param sent the chain to send, leaf first (e.g. without the root, the leaf alone, or with
         *             the root)
         * @param key  the leaf's private key
         */
        public Builder cert(List<X509Certificate> sent, PrivateKey key) {
            this.mainSent = List.copyOf(sent);
            this.mainKey = key;
            return this;
        }

        /** The second certificate ({@code -dcert/-dkey}), usually ECDSA beside an RSA main one. */
        public Builder dcert(List<X509Certificate> sent, PrivateKey key) {
            this.secondSent = List.copyOf(sent);
            this.secondKey = key;
            return this;
        }

        /** A certificate served only to clients that send SNI {@code name} ({@code -servername/-cert2}). */
        public Builder sni(String name, List<X509Certificate> sent, PrivateKey key) {
            this.sniName = name;
            this.sniSent = List.copyOf(sent);
            this.sniKey = key;
            return this;
        }

        /**
         * Require a client certificate issued by {@code ca} ({@code -Verify 1 -verify_return_error
         * -CAfile}): the server asks for one and refuses the handshake without it or with one it
         * cannot verify.
         */
        public Builder requireClientCertificate(X509Certificate ca) {
            this.clientCa = ca;
            return this;
        }

        /** Without {@code -www}: s_server answers nothing and prints whatever a client sends. */
        public Builder echo() {
            this.www = false;
            return this;
        }

        /** More s_server arguments, e.g. {@code -tls1_3}, {@code -cipher DEFAULT:@SECLEVEL=0}. */
        public Builder args(String... more) {
            args.addAll(List.of(more));
            return this;
        }

        /** Starts it and waits (at most 10 s) until it accepts connections. */
        public OpenSslServer start() throws IOException {
            if (mainSent == null) {
                throw new IllegalStateException("s_server needs a certificate: call cert(...)");
            }
            Files.createDirectories(dir);
            int port = freePort();
            List<String> cmd = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:" + port, "-quiet"));
            if (www) {
                cmd.add("-www");
            }
            cmd.addAll(files("cert", mainSent, mainKey, "-cert", "-key"));
            if (secondSent != null) {
                cmd.addAll(files("dcert", secondSent, secondKey, "-dcert", "-dkey"));
            }
            if (sniSent != null) {
                cmd.addAll(List.of("-servername", sniName));
                cmd.addAll(files("sni", sniSent, sniKey, "-cert2", "-key2"));
            }
            if (clientCa != null) {
                Path caFile = dir.resolve("clientca.pem");
                Files.writeString(caFile, pem(List.of(clientCa)));
                cmd.addAll(List.of("-Verify", "1", "-verify_return_error", "-CAfile", caFile.toString()));
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

        /**
         * The leaf ({@code -cert}), the rest of the chain to send ({@code -cert_chain}) and the key;
         * for {@code -cert2} the whole chain in one file.
         */
        private List<String> files(String name, List<X509Certificate> sent, PrivateKey key, String certFlag,
                                   String keyFlag) throws IOException {
            if (sent.isEmpty()) {
                throw new IllegalArgumentException(name + ": the chain to send is empty");
            }
            Path cert = dir.resolve(name + ".pem");
            Path keyFile = dir.resolve(name + ".key");
            boolean chainFlag = !certFlag.equals("-cert2"); // s_server has no -cert2_chain: one file
            Files.writeString(cert, pem(chainFlag ? sent.subList(0, 1) : sent));
            Files.writeString(keyFile, pem(key));
            List<String> out = new ArrayList<>(List.of(certFlag, cert.toString(), keyFlag, keyFile.toString()));
            if (chainFlag && sent.size() > 1) {
                Path chain = dir.resolve(name + "-chain.pem");
                Files.writeString(chain, pem(sent.subList(1, sent.size())));
                out.addAll(List.of(certFlag + "_chain", chain.toString()));
            }
            return out;
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
