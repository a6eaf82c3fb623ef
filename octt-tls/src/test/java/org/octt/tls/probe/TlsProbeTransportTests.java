package org.octt.tls.probe;

import org.octt.testsupport.OpenSslServer;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.resolver.InetSocketAddressResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.octt.tls.probe.ProbeOutcome.TransportFailure;
import org.octt.tls.probe.ProbeOutcome.TransportFailure.Kind;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Probes against servers that do not speak TLS, or speak it wrongly. */
@Timeout(20)
class TlsProbeTransportTests {

    private static final TlsProbe PROBE = TlsProbe.create().withHandshakeTimeout(Duration.ofSeconds(5));
    private static final String SUITE = "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256";

    /** One probe first, so that class loading on a busy machine does not eat the short deadlines below. */
    @BeforeAll
    static void warmUp() throws IOException {
        try (RawServer closing = RawServer.start(RawServer::readSome)) {
            transport(probe(request(closing)), Kind.CLOSED_BEFORE_HANDSHAKE);
        }
    }

    private static ProbeRequest request(RawServer server) {
        return ProbeRequest.of("localhost", server.port(), TlsVersion.TLS1_2, SUITE)
                .withConnectAddress(server.address());
    }

    private static ProbeOutcome probe(ProbeRequest request) {
        return PROBE.probe(request).block(Duration.ofSeconds(15));
    }

    private static TransportFailure transport(ProbeOutcome outcome, Kind kind) {
        assertThat(outcome).as(outcome.message()).isInstanceOf(TransportFailure.class);
        TransportFailure f = (TransportFailure) outcome;
        assertThat(f.kind()).as(f.message()).isEqualTo(kind);
        return f;
    }

    private static String target(RawServer server) {
        return "localhost:" + server.port() + " (connecting to 127.0.0.1:" + server.port() + ")";
    }

    @Test
    void reportsHttpAnswerAsNotTls() throws IOException {
        try (RawServer http = RawServer.start(s -> {
            RawServer.readSome(s);
            s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        })) {
            TransportFailure f = transport(probe(request(http)), Kind.NOT_TLS);

            assertThat(f.label()).isEqualTo("not_tls");
            assertThat(f.message()).isEqualTo(target(http) + " answered with data that is not TLS: "
                    + "\"HTTP/1.1 400 Bad Request\\r\\n\\r\\n\" (28 bytes); it looks like a plain HTTP server, not TLS");
        }
    }

    @Test
    void reportsSshBannerAsNotTls() throws IOException {
        try (RawServer ssh = RawServer.start(s -> {
            s.getOutputStream().write("SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII));
            RawServer.drain(s);
        })) {
            TransportFailure f = transport(probe(request(ssh)), Kind.NOT_TLS);

            assertThat(f.message()).isEqualTo(target(ssh) + " answered with data that is not TLS: "
                    + "\"SSH-2.0-OpenSSH_9.2\\r\\n\" (21 bytes); it looks like an SSH server");
        }
    }

    @Test
    void showsBinaryNonTlsAnswerAsHex() throws IOException {
        try (RawServer binary = RawServer.start(s -> {
            RawServer.readSome(s);
            s.getOutputStream().write(new byte[] {0x00, 0x01, (byte) 0xFF, 0x7F});
        })) {
            TransportFailure f = transport(probe(request(binary)), Kind.NOT_TLS);

            assertThat(f.message()).endsWith("answered with data that is not TLS: bytes 00 01 ff 7f (4 bytes)");
        }
    }

    @Test
    void timesOutWithinTheRequestDeadlineWhenServerNeverAnswers() throws Exception {
        try (RawServer silent = RawServer.start(RawServer::drain)) {
            ProbeRequest request = request(silent).withTimeout(Duration.ofMillis(500));

            TransportFailure f = transport(probe(request), Kind.TIMED_OUT);

            assertThat(f.message()).isEqualTo("no answer from " + target(silent)
                    + " to the ClientHello within 500ms");
            assertThat(f.elapsed()).isBetween(Duration.ofMillis(500), Duration.ofSeconds(3));
            assertThat(silent.firstClosed().await(5, TimeUnit.SECONDS)).as("probe closed the connection").isTrue();
        }
    }

    @Test
    void timesOutWithinTheHandshakeTimeoutWhenServerStopsMidHandshake() throws Exception {
        try (RawServer stalled = RawServer.start(s -> {
            RawServer.readSome(s);
            s.getOutputStream().write(new byte[] {22, 3, 3, 0, 40, 2}); // a ServerHello record that never ends
            RawServer.drain(s);
        })) {
            TransportFailure f = transport(PROBE.withHandshakeTimeout(Duration.ofMillis(300))
                    .probe(request(stalled)).block(Duration.ofSeconds(15)), Kind.TIMED_OUT);

            assertThat(f.message()).isEqualTo("handshake with " + target(stalled)
                    + " did not complete within 300ms (received 6 bytes)");
            assertThat(stalled.firstClosed().await(5, TimeUnit.SECONDS)).as("probe closed the connection").isTrue();
        }
    }

    @Test
    void reportsConnectionRefusedOnClosedPort() {
        int port = OpenSslServer.freePort();
        ProbeRequest request = ProbeRequest.of("127.0.0.1", port, TlsVersion.TLS1_2, SUITE);

        TransportFailure f = transport(probe(request), Kind.CONNECTION_REFUSED);

        assertThat(f.message()).isEqualTo("connection to 127.0.0.1:" + port + " refused: nothing listens on port "
                + port);
    }

    @Test
    void reportsCloseWithoutAlertAfterClientHello() throws IOException {
        try (RawServer closing = RawServer.start(RawServer::readSome)) {
            TransportFailure f = transport(probe(request(closing)), Kind.CLOSED_BEFORE_HANDSHAKE);

            assertThat(f.message()).isEqualTo(target(closing)
                    + " closed the connection after the ClientHello, without answering it (no TLS alert)");
        }
    }

    @Test
    void reportsResetAfterClientHello() throws IOException {
        try (RawServer resetting = RawServer.start(s -> {
            RawServer.readSome(s);
            s.setSoLinger(true, 0);
        })) {
            TransportFailure f = transport(probe(request(resetting)), Kind.CONNECTION_RESET);

            assertThat(f.message()).isEqualTo(target(resetting)
                    + " reset the connection after the ClientHello, without answering it");
        }
    }

    @Test
    void abortsWhenServerSelectsCipherSuiteThatWasNotOffered() throws IOException {
        try (RawServer rogue = RawServer.start(s -> {
            RawServer.readSome(s);
            serverHello(s.getOutputStream(), 0x0303, 0x009C); // TLS_RSA_WITH_AES_128_GCM_SHA256
            RawServer.drain(s);
        })) {
            ProbeOutcome outcome = probe(request(rogue));

            assertThat(outcome).as(outcome.message()).isInstanceOf(ProbeOutcome.Aborted.class);
            ProbeOutcome.Aborted a = (ProbeOutcome.Aborted) outcome;
            assertThat(a.alert()).isEqualTo("illegal_parameter(47)");
            assertThat(a.message()).isEqualTo(target(rogue) + " selected cipher suite TLS_RSA_WITH_AES_128_GCM_SHA256,"
                    + " which was not offered (offered [" + SUITE + "]); the probe aborted with illegal_parameter(47)");
        }
    }

    @Test
    void abortsWhenServerSelectsVersionThatWasNotOffered() throws IOException {
        try (RawServer rogue = RawServer.start(s -> {
            RawServer.readSome(s);
            serverHello(s.getOutputStream(), 0x0302, 0xC02F); // TLS 1.1 with the offered suite
            RawServer.drain(s);
        })) {
            ProbeOutcome outcome = probe(request(rogue));

            assertThat(outcome).as(outcome.message()).isInstanceOf(ProbeOutcome.Aborted.class);
            ProbeOutcome.Aborted a = (ProbeOutcome.Aborted) outcome;
            assertThat(a.message()).isEqualTo(target(rogue) + " selected TLSv1.1, which was not offered (offered"
                    + " TLSv1.2 with [" + SUITE + "]); the probe aborted with " + a.alert());
        }
    }

    @Test
    void reportsUnresolvableHost() {
        // a resolver that answers NXDOMAIN at once, so the test does not depend on the machine's DNS
        AddressResolverGroup<InetSocketAddress> nxdomain = new AddressResolverGroup<>() {
            @Override
            protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
                return new InetSocketAddressResolver(executor, new InetNameResolver(executor) {
                    @Override
                    protected void doResolve(String host, Promise<InetAddress> promise) {
                        promise.setFailure(new UnknownHostException("NXDOMAIN for " + host));
                    }

                    @Override
                    protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
                        promise.setFailure(new UnknownHostException("NXDOMAIN for " + host));
                    }
                });
            }
        };
        ProbeRequest request = ProbeRequest.of("no-such-host.invalid", 443, TlsVersion.TLS1_2, SUITE);

        ProbeOutcome outcome = PROBE.withResolver(nxdomain).probe(request).block(Duration.ofSeconds(15));

        TransportFailure f = transport(outcome, Kind.UNRESOLVED_HOST);
        assertThat(f.message()).isEqualTo("cannot resolve no-such-host.invalid (for no-such-host.invalid:443): "
                + "NXDOMAIN for no-such-host.invalid");
    }

    /** Writes a TLS 1.2-format ServerHello record without extensions. */
    private static void serverHello(OutputStream out, int version, int suite) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(version >> 8);
        body.write(version);
        body.write(new byte[32], 0, 32); // random
        body.write(0); // session id length
        body.write(suite >> 8);
        body.write(suite);
        body.write(0); // null compression
        byte[] b = body.toByteArray();
        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(new byte[] {22, 3, 3, 0, (byte) (b.length + 4), 2, 0, 0, (byte) b.length});
        record.write(b, 0, b.length);
        out.write(record.toByteArray());
        out.flush();
    }
}
