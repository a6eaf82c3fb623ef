package org.octt.tls.probe.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ConnectTimeoutException;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.KeyExchangeAlgorithm;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.octt.tls.internal.HumanDuration;
import org.octt.tls.probe.CipherSuites;
import org.octt.tls.probe.ProbeOutcome;
import org.octt.tls.probe.ProbeOutcome.TransportFailure.Kind;
import org.octt.tls.probe.ProbeRequest;
import org.octt.tls.probe.TlsVersion;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One handshake probe on one connection: a Netty handler that drives Bouncy Castle's
 * {@link TlsClientProtocol} in non-blocking mode (ClientHello out, server records in via
 * {@code offerInput}, protocol output out via {@code readOutput}) and turns what happens into a
 * {@link ProbeOutcome}.
 *
 * <p>Threading: the handler callbacks run on the channel's event loop and touch Bouncy Castle only
 * there; {@link #timedOut} and {@link #connectFailed} may be called from any thread and read only
 * volatile progress fields. The first outcome wins; later ones are dropped.
 *
 * <p>When a TLS 1.3 server asked for a client certificate, the handshake is judged by the server only
 * after the client's Finished: the session then waits for the server's next record (a fatal alert
 * refuses, anything else accepts) or for the verdict wait to pass (accepts).
 */
public final class HandshakeSession extends ChannelInboundHandlerAdapter {

    /**
     * How long a TLS 1.3 probe that was asked for a client certificate waits, after its Finished, for
     * the server's verdict when the server says nothing (servers usually answer at once with a
     * NewSessionTicket or an alert).
     */
    public static final Duration DEFAULT_VERDICT_WAIT = Duration.ofSeconds(1);

    private static final int HEAD_LIMIT = 64 * 1024; // enough for ServerHello, certificates and key exchange

    private final ProbeRequest request;
    private final ProbeTlsClient client;
    private final long startNanos;
    private final Sinks.One<ProbeOutcome> sink = Sinks.one();

    private final Duration verdictWait;
    private final RecordCounter records = new RecordCounter();
    private TlsClientProtocol protocol;
    private int verdictRecordsAt = -1;
    private volatile boolean verdictPending;
    private ScheduledFuture<?> verdictTimer;
    private final byte[] head = new byte[HEAD_LIMIT];
    private int headLength;
    private boolean done;
    private volatile boolean connected;
    private volatile boolean helloSent;
    private volatile int received;

    /**
     * @param request    what to offer and to whom
     * @param crypto     the crypto for this handshake
     * @param startNanos {@link System#nanoTime()} at the start of the probe, for elapsed times
     */
    public HandshakeSession(ProbeRequest request, TlsCrypto crypto, long startNanos) {
        this(request, crypto, startNanos, DEFAULT_VERDICT_WAIT);
    }

    /**
     * @param request     what to offer and to whom
     * @param crypto      the crypto for this handshake
     * @param startNanos  {@link System#nanoTime()} at the start of the probe, for elapsed times
     * @param verdictWait in TLS 1.3 with a client certificate requested: how long after the client's
     *                    Finished to wait for the server's first record (a fatal alert refuses the
     *                    client; anything else, or silence for this long, accepts it); positive
     */
    public HandshakeSession(ProbeRequest request, TlsCrypto crypto, long startNanos, Duration verdictWait) {
        if (verdictWait.isZero() || verdictWait.isNegative()) {
            throw new IllegalArgumentException("client certificate verdict wait must be positive, was: "
                    + verdictWait);
        }
        this.verdictWait = verdictWait;
        this.request = request;
        this.startNanos = startNanos;
        // Bouncy Castle expects the versions newest first (supported_versions order, legacy_version).
        ProtocolVersion[] versions = request.versions().stream()
                .sorted(java.util.Comparator.reverseOrder())
                .map(Offers::protocolVersion)
                .toArray(ProtocolVersion[]::new);
        int[] suites = request.cipherSuites().stream().mapToInt(CipherSuites::code).toArray();
        this.client = new ProbeTlsClient(crypto, versions, suites, request.serverName(), request.clientCredential());
    }

    /** The outcome, emitted once on the event loop; never empty, never an error. */
    public Mono<ProbeOutcome> outcome() {
        return sink.asMono();
    }

    // ---- Netty callbacks (event loop) ----

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            start(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        start(ctx);
        ctx.fireChannelActive();
    }

    private void start(ChannelHandlerContext ctx) {
        if (protocol != null) {
            return;
        }
        connected = true;
        protocol = new TlsClientProtocol();
        try {
            protocol.connect(client);
        } catch (IOException e) {
            // Bouncy Castle refused to build a ClientHello from this offer (e.g. no suite valid for
            // the offered versions): nothing was sent
            finish(aborted(e));
            ctx.close();
            return;
        }
        flushOutput(ctx);
        helloSent = true;
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        byte[] bytes;
        try {
            bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
        } finally {
            buf.release();
        }
        if (done || bytes.length == 0) {
            return;
        }
        boolean first = received == 0;
        received += bytes.length;
        records.add(bytes);
        int copy = Math.min(bytes.length, HEAD_LIMIT - headLength);
        System.arraycopy(bytes, 0, head, headLength, copy);
        headLength += copy;
        if (first && !looksLikeTls(bytes)) {
            finish(transport(Kind.NOT_TLS, request.target() + " answered with data that is not TLS: "
                    + Preview.of(head, headLength) + Preview.hint(head, headLength)));
            ctx.close();
            return;
        }
        if (protocol == null) {
            return;
        }
        try {
            protocol.offerInput(bytes);
        } catch (IOException e) {
            flushOutput(ctx).addListener(ChannelFutureListener.CLOSE);
            finish(failed(e));
            return;
        }
        flushOutput(ctx);
        if (!client.isHandshakeComplete()) {
            return;
        }
        if (!awaitsClientCertificateVerdict()) {
            acceptAndClose(ctx);
        } else if (verdictRecordsAt < 0) {
            // TLS 1.3 client authentication: the server judges the client's Certificate only after the
            // client's Finished, so wait for its next record (NewSessionTicket, data or an alert)
            verdictRecordsAt = records.complete();
            verdictPending = true;
            verdictTimer = ctx.executor().schedule(() -> {
                if (!done) {
                    acceptAndClose(ctx); // the server neither objected nor spoke within the wait
                }
            }, verdictWait.toNanos(), TimeUnit.NANOSECONDS);
        } else if (protocol.isClosed() || client.hasReceivedAlert()) {
            finish(failed(new IOException("closed after the client's Finished")));
            ctx.close();
        } else if (records.complete() > verdictRecordsAt) {
            acceptAndClose(ctx); // a record that is not a fatal alert: the server accepted the client
        }
    }

    private boolean awaitsClientCertificateVerdict() {
        return client.certificateRequested() && TlsUtils.isTLSv13(client.negotiatedVersion());
    }

    private void acceptAndClose(ChannelHandlerContext ctx) {
        finish(accepted());
        try {
            protocol.close(); // queues close_notify
        } catch (IOException e) {
            // the handshake is done; a failure to say goodbye does not change the outcome
            ctx.close();
            return;
        }
        flushOutput(ctx).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!done && !ctx.channel().config().isAutoRead()) {
            ctx.read();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!done && verdictPending) {
            finish(transport(Kind.CLOSED_BEFORE_HANDSHAKE, request.target() + " closed the connection after the"
                    + " client's Finished (no TLS alert)" + clientCertificateNote()));
        } else if (!done) {
            finish(transport(Kind.CLOSED_BEFORE_HANDSHAKE, request.target()
                    + " closed the connection " + progress() + " (no TLS alert)"));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!done) {
            String text = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            if (cause instanceof IOException && text.contains("reset")) {
                finish(transport(Kind.CONNECTION_RESET, request.target() + " reset the connection " + progress()));
            } else {
                finish(transport(Kind.OTHER, "I/O failure on the connection to " + request.target() + " "
                        + progress() + ": " + describe(cause)));
            }
        }
        ctx.close();
    }

    // ---- outcomes from other threads ----

    /**
     * The outcome when a deadline passed: which phase was not finished and what had arrived.
     *
     * @param deadline the deadline that passed, for the message
     */
    public ProbeOutcome timedOut(Duration deadline) {
        String what;
        String within = HumanDuration.format(deadline);
        if (!connected) {
            what = "TCP connect to " + request.target() + " did not complete within " + within;
        } else if (verdictPending) {
            what = "the handshake with " + request.target() + " ended on the client's side, but the server"
                    + " gave no verdict on the client's Certificate within " + within;
        } else if (received == 0) {
            what = "no answer from " + request.target() + " to the ClientHello within " + within;
        } else {
            what = "handshake with " + request.target() + " did not complete within " + within
                    + " (received " + received + " bytes)";
        }
        return transport(Kind.TIMED_OUT, what);
    }

    /** The outcome for an I/O failure before the connection was established. */
    public ProbeOutcome connectFailed(Throwable error) {
        Throwable e = error;
        while (e.getCause() != null && !(e instanceof UnknownHostException) && !(e instanceof ConnectException)) {
            e = e.getCause();
        }
        if (e instanceof UnknownHostException) {
            return transport(Kind.UNRESOLVED_HOST, "cannot resolve " + request.connectAddress().getHostString()
                    + " (for " + request.target() + "): " + describe(e));
        }
        if (e instanceof ConnectTimeoutException) {
            return transport(Kind.TIMED_OUT, "TCP connect to " + request.target() + " timed out: " + describe(e));
        }
        if (e instanceof ConnectException && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT)
                .contains("refused")) {
            return transport(Kind.CONNECTION_REFUSED, "connection to " + request.target()
                    + " refused: nothing listens on port " + request.connectAddress().getPort());
        }
        if (e instanceof IOException && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("reset")) {
            return transport(Kind.CONNECTION_RESET, request.target() + " reset the connection while connecting");
        }
        return transport(Kind.OTHER, "cannot connect to " + request.target() + ": " + describe(error));
    }

    // ---- building outcomes ----

    private void finish(ProbeOutcome outcome) {
        if (!done) {
            done = true;
            if (verdictTimer != null) {
                verdictTimer.cancel(false);
            }
            sink.tryEmitValue(outcome);
        }
    }

    private ProbeOutcome accepted() {
        ProtocolVersion v = client.negotiatedVersion();
        TlsVersion version = TlsVersion.fromWireCode(v.getFullVersion()).orElseThrow(
                () -> new IllegalStateException("negotiated a version that cannot be offered: " + v));
        int suite = client.negotiatedCipherSuite();
        Optional<String> group;
        if (client.negotiatedGroup() >= 0) {
            group = Optional.of(groupName(client.negotiatedGroup()));
        } else if (client.dhGroup().isPresent()) {
            group = client.dhGroup();
        } else if (isEcdhe(suite)) {
            OptionalInt curve = ServerHelloPeek.ecdheNamedGroup(head, headLength);
            group = curve.isPresent() ? Optional.of(groupName(curve.getAsInt())) : Optional.empty();
        } else {
            group = Optional.empty();
        }
        return new ProbeOutcome.Accepted(version, CipherSuites.describe(suite), group, "null", client.chain(),
                elapsed(), client.certificateRequested());
    }

    private ProbeOutcome failed(IOException e) {
        if (client.hasReceivedAlert()) {
            short alert = client.receivedAlert();
            String level = AlertLevel.getName(client.receivedAlertLevel());
            String text = AlertDescription.getText(alert);
            String when = client.chain().isEmpty() ? "in answer to a ClientHello offering "
                    : "after sending its certificate, in answer to a ClientHello offering ";
            return new ProbeOutcome.Refused(text, alert, level, request.target() + " refused the handshake with "
                    + level + " alert " + text + " " + when + request.offer() + clientCertificateNote(),
                    client.chain(), elapsed(), client.certificateRequested());
        }
        return aborted(e);
    }

    private ProbeOutcome aborted(IOException e) {
        short alert = client.hasRaisedAlert() ? client.raisedAlert()
                : e instanceof TlsFatalAlert fa ? fa.getAlertDescription() : AlertDescription.internal_error;
        String detail = client.raisedMessage().orElseGet(() -> describe(e));
        Optional<ServerHelloPeek> hello = ServerHelloPeek.parse(head, headLength);
        String message;
        if (hello.isPresent() && !offeredSuite(hello.get().cipherSuite())) {
            message = request.target() + " selected cipher suite " + CipherSuites.describe(hello.get().cipherSuite())
                    + ", which was not offered (offered " + request.cipherSuites() + "); the probe aborted with "
                    + AlertDescription.getText(alert);
        } else if (hello.isPresent() && !offeredVersion(hello.get().version())) {
            message = request.target() + " selected " + versionName(hello.get().version())
                    + ", which was not offered (offered " + request.offer() + "); the probe aborted with "
                    + AlertDescription.getText(alert);
        } else if (!helloSent) {
            message = "cannot build a ClientHello offering " + request.offer() + ": " + detail;
        } else {
            message = "the probe aborted the handshake with " + request.target() + " with alert "
                    + AlertDescription.getText(alert) + ": " + detail;
        }
        return new ProbeOutcome.Aborted(AlertDescription.getText(alert), alert, message + clientCertificateNote(),
                client.chain(), elapsed(), client.certificateRequested());
    }

    /** {@code "; it asked for a client certificate: ..."} when the server sent a CertificateRequest, else empty. */
    private String clientCertificateNote() {
        if (!client.certificateRequested()) {
            return "";
        }
        return "; it asked for a client certificate and " + client.clientCertificateNote().orElse("the probe answered");
    }

    private static boolean isEcdhe(int suite) {
        int kx = TlsUtils.getKeyExchangeAlgorithm(suite);
        return kx == KeyExchangeAlgorithm.ECDHE_ECDSA || kx == KeyExchangeAlgorithm.ECDHE_RSA
                || kx == KeyExchangeAlgorithm.ECDH_anon;
    }

    private boolean offeredSuite(int code) {
        return request.cipherSuites().stream().anyMatch(s -> CipherSuites.code(s) == code);
    }

    private boolean offeredVersion(int code) {
        return request.versions().stream().anyMatch(v -> v.wireCode() == code);
    }

    private static String versionName(int code) {
        return TlsVersion.fromWireCode(code).map(TlsVersion::protocolName)
                .orElseGet(() -> String.format(Locale.ROOT, "version 0x%04X", code));
    }

    private static String groupName(int group) {
        String name = NamedGroup.getName(group);
        return name != null ? name : String.format(Locale.ROOT, "0x%04X", group);
    }

    private ProbeOutcome transport(Kind kind, String message) {
        return new ProbeOutcome.TransportFailure(kind, message, elapsed(), client.certificateRequested());
    }

    private String progress() {
        int n = received;
        if (!helloSent) {
            return "before the ClientHello was sent";
        }
        return n == 0 ? "after the ClientHello, without answering it"
                : "during the handshake, after " + n + " bytes from the server";
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private ChannelFuture flushOutput(ChannelHandlerContext ctx) {
        int n = protocol.getAvailableOutputBytes();
        if (n <= 0) {
            return ctx.newSucceededFuture();
        }
        byte[] out = new byte[n];
        int read = protocol.readOutput(out, 0, n);
        return ctx.writeAndFlush(Unpooled.wrappedBuffer(Arrays.copyOf(out, read)));
    }

    /** Counts the complete TLS records in the server's byte stream (5-byte headers, 16-bit lengths). */
    private static final class RecordCounter {
        private final byte[] header = new byte[5];
        private int headerLength;
        private int bodyLeft;
        private int complete;

        void add(byte[] bytes) {
            int i = 0;
            while (i < bytes.length) {
                if (bodyLeft > 0) {
                    int n = Math.min(bodyLeft, bytes.length - i);
                    bodyLeft -= n;
                    i += n;
                    if (bodyLeft == 0) {
                        complete++;
                    }
                } else {
                    header[headerLength++] = bytes[i++];
                    if (headerLength == header.length) {
                        headerLength = 0;
                        bodyLeft = ((header[3] & 0xFF) << 8) | (header[4] & 0xFF);
                        if (bodyLeft == 0) {
                            complete++;
                        }
                    }
                }
            }
        }

        int complete() {
            return complete;
        }
    }

    private static boolean looksLikeTls(byte[] b) {
        int type = b[0] & 0xFF;
        if (type < 20 || type > 24) {
            return false;
        }
        return b.length < 2 || b[1] == 3;
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
