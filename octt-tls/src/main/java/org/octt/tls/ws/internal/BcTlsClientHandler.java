package org.octt.tls.ws.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsSession;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.octt.tls.probe.CipherSuites;
import org.octt.tls.probe.internal.ClientKeys;
import org.octt.tls.probe.internal.ClientSignatures;
import org.octt.tls.probe.internal.ProbeCrypto;
import org.octt.tls.ws.ClientKeyMaterial;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.Vector;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The secured WebSocket's TLS: Bouncy Castle's {@link TlsClientProtocol} in non-blocking mode as a
 * Netty handler in front of Reactor Netty's HTTP codec (the code the TLS probes already run, with one
 * key share), instead of the JDK's {@code SslHandler}. The server's chain goes to the
 * {@link RecordingTrustManager} during the handshake: a rejection fails the handshake (unless the
 * connection is insecure) before any client certificate or application data is sent. Application
 * data written before the handshake completes waits for it.
 *
 * <p>Failures reach the pipeline as the exceptions the JDK path raised, so that the WebSocket's
 * outcome keeps its reasons: {@link SSLHandshakeException} ("Received fatal alert: NAME" for a
 * server's alert), {@link NotSslRecordException} for an answer that is not TLS,
 * {@link SslHandshakeTimeoutException} when the handshake does not finish in time.
 *
 * <p>Event loop only; one connection.
 */
public final class BcTlsClientHandler extends ChannelDuplexHandler {

    private record Pending(ByteBuf buf, ChannelPromise promise) {
    }

    private final String serverName;
    private final ProtocolVersion[] versions;
    private final RecordingTrustManager trust;
    private final Optional<ClientKeyMaterial> clientKey;
    private final Duration handshakeTimeout;
    private final TlsClientProtocol protocol = new TlsClientProtocol();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private Promise<Void> handshake;
    private ScheduledFuture<?> timer;
    private boolean complete;
    private boolean failed;
    private boolean sawInput;
    private boolean firedData; // since the last channelReadComplete
    private volatile String negotiatedProtocol = "";
    private volatile String negotiatedSuite = "";

    /**
     * @param serverName       the SNI name, or null for none
     * @param protocols        the versions to offer, JSSE names ({@code TLSv1.3}, {@code TLSv1.2})
     * @param trust            judges the server's chain
     * @param clientKey        the client certificate and key (security profile 3), if any
     * @param handshakeTimeout how long the handshake may take
     */
    public BcTlsClientHandler(String serverName, List<String> protocols, RecordingTrustManager trust,
                              Optional<ClientKeyMaterial> clientKey, Duration handshakeTimeout) {
        this.serverName = serverName;
        this.versions = protocols.stream().map(BcTlsClientHandler::version).toArray(ProtocolVersion[]::new);
        this.trust = trust;
        this.clientKey = clientKey;
        this.handshakeTimeout = handshakeTimeout;
    }

    private static ProtocolVersion version(String jsseName) {
        return switch (jsseName) {
            case "TLSv1.3" -> ProtocolVersion.TLSv13;
            case "TLSv1.2" -> ProtocolVersion.TLSv12;
            default -> throw new IllegalArgumentException("unsupported TLS version: " + jsseName);
        };
    }

    /** Completes when the handshake does, or fails with its failure. */
    public Future<Void> handshakeFuture() {
        return handshake;
    }

    /** The negotiated version, JSSE's name ({@code TLSv1.3}); empty before the handshake completes. */
    public String protocol() {
        return negotiatedProtocol;
    }

    /** The negotiated cipher suite, its IANA name; empty before the handshake completes. */
    public String cipherSuite() {
        return negotiatedSuite;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        handshake = ctx.executor().newPromise();
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
        if (timer != null || failed) {
            return;
        }
        timer = ctx.executor().schedule(() -> {
            if (!complete && !failed) {
                fail(ctx, new SslHandshakeTimeoutException("handshake timed out after "
                        + handshakeTimeout.toMillis() + "ms"));
            }
        }, handshakeTimeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            protocol.connect(new Client());
        } catch (IOException e) {
            fail(ctx, handshakeException(e));
            return;
        }
        flushOutput(ctx);
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (failed) {
            buf.release();
            return;
        }
        if (!sawInput && buf.isReadable()) {
            sawInput = true;
            int type = buf.getUnsignedByte(buf.readerIndex());
            if (type < 20 || type > 24) {
                String preview = ByteBufUtil.hexDump(buf, buf.readerIndex(), Math.min(16, buf.readableBytes()));
                buf.release();
                fail(ctx, new NotSslRecordException("not an SSL/TLS record: " + preview));
                return;
            }
        }
        byte[] bytes = new byte[buf.readableBytes()];
        buf.readBytes(bytes);
        buf.release();
        boolean wasComplete = complete;
        try {
            protocol.offerInput(bytes);
        } catch (IOException e) {
            flushOutput(ctx);
            fail(ctx, wasComplete ? afterHandshake(e) : handshakeException(e));
            return;
        }
        flushOutput(ctx);
        if (!wasComplete && complete) {
            timer.cancel(false);
            handshake.trySuccess(null);
            Pending p;
            try {
                while ((p = pending.poll()) != null) {
                    writeApplication(ctx, p.buf(), p.promise());
                }
            } catch (IOException e) {
                fail(ctx, e);
                return;
            }
            ctx.flush();
        }
        int n = protocol.getAvailableInputBytes();
        if (n > 0) {
            byte[] app = new byte[n];
            protocol.readInput(app, 0, n);
            firedData = true;
            ctx.fireChannelRead(Unpooled.wrappedBuffer(app));
        }
        if (protocol.isClosed()) {
            ctx.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!failed && (!complete || (!firedData && !ctx.channel().config().isAutoRead()))) {
            // the handshake needs the server's next records, or what came held no application data
            // (a TLS 1.3 NewSessionTicket, a partial record) and nobody further on will ask for more
            ctx.read();
        }
        firedData = false;
        ctx.fireChannelReadComplete();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.write(msg, promise);
            return;
        }
        if (failed) {
            buf.release();
            promise.tryFailure(new SSLHandshakeException("the TLS handshake failed"));
            return;
        }
        if (!complete) {
            pending.add(new Pending(buf, promise));
            return;
        }
        try {
            writeApplication(ctx, buf, promise);
        } catch (IOException e) {
            promise.tryFailure(e);
            fail(ctx, e);
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (complete) {
            ctx.flush();
        }
    }

    private void writeApplication(ChannelHandlerContext ctx, ByteBuf buf, ChannelPromise promise) throws IOException {
        try {
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            protocol.writeApplicationData(bytes, 0, bytes.length);
        } finally {
            buf.release();
        }
        int n = protocol.getAvailableOutputBytes();
        byte[] out = new byte[n];
        protocol.readOutput(out, 0, n);
        ctx.write(Unpooled.wrappedBuffer(out), promise);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (complete && !protocol.isClosed()) {
            try {
                protocol.close(); // close_notify
                flushOutput(ctx);
            } catch (IOException ignored) {
                // the connection closes either way
            }
        }
        ctx.close(promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (timer != null) {
            timer.cancel(false);
        }
        handshake.tryFailure(new SSLHandshakeException("the connection closed during the TLS handshake"));
        releasePending(new SSLHandshakeException("the connection closed before the TLS handshake completed"));
        ctx.fireChannelInactive();
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        if (failed) {
            return;
        }
        failed = true;
        if (timer != null) {
            timer.cancel(false);
        }
        handshake.tryFailure(cause);
        releasePending(cause);
        ctx.fireExceptionCaught(cause);
        ctx.close();
    }

    private void releasePending(Throwable cause) {
        Pending p;
        while ((p = pending.poll()) != null) {
            p.buf().release();
            p.promise().tryFailure(cause);
        }
    }

    private void flushOutput(ChannelHandlerContext ctx) {
        int n = protocol.getAvailableOutputBytes();
        if (n > 0) {
            byte[] out = new byte[n];
            protocol.readOutput(out, 0, n);
            ctx.writeAndFlush(Unpooled.wrappedBuffer(out));
        }
    }

    /**
     * A failure after the handshake, as JSSE reports it (e.g. a TLS 1.3 server's alert about the
     * client certificate, which it judges after the client's Finished).
     */
    private static javax.net.ssl.SSLException afterHandshake(IOException e) {
        javax.net.ssl.SSLException x = new javax.net.ssl.SSLException(message(e));
        x.initCause(e);
        return x;
    }

    /** The failure as JSSE words it: "Received fatal alert: NAME" for the server's alert. */
    private static SSLHandshakeException handshakeException(IOException e) {
        SSLHandshakeException h = new SSLHandshakeException(message(e));
        h.initCause(e);
        return h;
    }

    private static String message(IOException e) {
        String message;
        if (e instanceof org.bouncycastle.tls.TlsFatalAlertReceived received) {
            message = "Received fatal alert: " + AlertDescription.getName(received.getAlertDescription());
        } else if (e instanceof TlsFatalAlert raised && raised.getCause() instanceof CertificateException rejected) {
            message = rejected.getMessage();
        } else {
            message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
        return message;
    }

    private final class Client extends DefaultTlsClient {

        Client() {
            super(new ProbeCrypto(new SecureRandom()));
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return versions.clone();
        }

        @Override
        protected Vector<ServerName> getSNIServerNames() {
            if (serverName == null) {
                return null;
            }
            Vector<ServerName> names = new Vector<>();
            names.add(new ServerName(NameType.host_name, serverName.getBytes(StandardCharsets.US_ASCII)));
            return names;
        }

        @Override
        public TlsSession getSessionToResume() {
            return null;
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new TlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                    Certificate c = serverCertificate.getCertificate();
                    X509Certificate[] chain = new X509Certificate[c.getLength()];
                    try {
                        CertificateFactory f = CertificateFactory.getInstance("X.509");
                        for (int i = 0; i < chain.length; i++) {
                            chain[i] = (X509Certificate) f.generateCertificate(
                                    new ByteArrayInputStream(c.getCertificateAt(i).getEncoded()));
                        }
                    } catch (CertificateException e) {
                        throw new TlsFatalAlert(AlertDescription.bad_certificate, "the server certificate does not parse", e);
                    }
                    try {
                        trust.checkServerTrusted(chain, "UNKNOWN", (SSLEngine) null);
                    } catch (CertificateException e) {
                        throw new TlsFatalAlert(AlertDescription.certificate_unknown, e.getMessage(), e);
                    }
                }

                @Override
                public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                    return clientKey.isEmpty() ? null : credentials(clientKey.get(), request);
                }
            };
        }

        private TlsCredentials credentials(ClientKeyMaterial material, CertificateRequest request) throws IOException {
            AsymmetricKeyParameter key = ClientKeys.lightweight(material.key());
            boolean tls13 = TlsUtils.isTLSv13(context);
            short[] types = request.getCertificateTypes();
            if (!tls13 && types != null && !ClientSignatures.acceptsType(key, types)) {
                return null; // an empty Certificate: the server decides
            }
            SignatureAndHashAlgorithm signature = null;
            @SuppressWarnings("unchecked")
            Vector<SignatureAndHashAlgorithm> offered = request.getSupportedSignatureAlgorithms();
            if (offered != null) {
                Optional<SignatureAndHashAlgorithm> chosen = ClientSignatures.choose(key, tls13, offered);
                if (chosen.isEmpty()) {
                    return null;
                }
                signature = chosen.get();
            }
            List<X509Certificate> chain = material.chain();
            CertificateEntry[] entries = new CertificateEntry[chain.size()];
            for (int i = 0; i < entries.length; i++) {
                try {
                    entries[i] = new CertificateEntry(getCrypto().createCertificate(chain.get(i).getEncoded()), null);
                } catch (CertificateEncodingException e) {
                    throw new TlsFatalAlert(AlertDescription.internal_error, "cannot encode the client certificate", e);
                }
            }
            Certificate certificate = new Certificate(request.getCertificateRequestContext(), entries);
            return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context),
                    (org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto) getCrypto(), key, certificate, signature);
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            complete = true;
            ProtocolVersion v = context.getServerVersion();
            negotiatedProtocol = ProtocolVersion.TLSv13.equals(v) ? "TLSv1.3"
                    : ProtocolVersion.TLSv12.equals(v) ? "TLSv1.2" : v.getName();
            int suite = context.getSecurityParametersConnection().getCipherSuite();
            negotiatedSuite = CipherSuites.name(suite).orElse(String.format("0x%04X", suite));
        }
    }
}
