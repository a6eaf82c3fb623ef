package org.octt.tls.ws;

import io.micrometer.core.instrument.Timer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.CodecException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.util.concurrent.ScheduledFuture;
import org.octt.tls.internal.Addresses;
import org.octt.tls.internal.HumanDuration;
import org.octt.tls.ws.WebSocketOutcome.Phase;
import org.octt.tls.ws.WebSocketOutcome.TransportFailure;
import org.octt.tls.ws.internal.FixedAddressResolverGroup;
import org.octt.tls.ws.internal.BcTlsClientHandler;
import org.octt.tls.ws.internal.RecordingTrustManager;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.NettyPipeline;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.PrematureCloseException;
import reactor.netty.http.client.WebsocketClientSpec;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/** One connection attempt of a {@link SecureWebSocketClient}: its state, its pipeline hooks, its outcome. */
final class ConnectAttempt {

    private static final Duration BACKSTOP_MARGIN = Duration.ofSeconds(2);

    private static final String TLS_HANDLER = "octt.tls";

    private final SecureWebSocketClient client;
    private final WebSocketRequest request;
    private final WebSocketTimeouts timeouts;
    private final RecordingTrustManager trust;
    private final long start = System.nanoTime();
    private final AtomicReference<WebSocketSession> session = new AtomicReference<>();
    private volatile Phase phase = Phase.CONNECT;
    private volatile Phase timedOut;
    private volatile UpgradeResponse response;
    private volatile String tlsProtocol = "";
    private volatile String cipherSuite = "";

    /** The server's answer to the upgrade request, as received (before Netty's checks). */
    private record UpgradeResponse(int status, String reasonPhrase, Map<String, List<String>> headers,
                                   Optional<String> subprotocol, Optional<String> wwwAuthenticate) {
    }

    ConnectAttempt(SecureWebSocketClient client, WebSocketRequest request) {
        this.client = client;
        this.request = request;
        this.timeouts = client.timeouts();
        this.trust = new RecordingTrustManager(client.serverCertificatePolicy(), request.host(), client.insecure());
    }

    Mono<WebSocketOutcome> run() {
        Optional<SNIHostName> sni = serverName(request.host());
        HttpClient http = HttpClient.newConnection()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeouts.connect().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true);
        String sniName = sni.map(SNIHostName::getAsciiName).orElse(null);
        http = http.doOnChannelInit((observer, channel, address) -> {
            channel.pipeline().addFirst("octt.phase", new PhaseTracker());
            if (request.secure()) {
                // TLS on Bouncy Castle in front of the phase tracker (docs/performance.md, section 8)
                channel.pipeline().addFirst(TLS_HANDLER, new BcTlsClientHandler(sniName,
                        SecureWebSocketClient.PROTOCOLS, trust, request.clientKeyMaterial(), timeouts.handshake()));
            }
        });
        Optional<String> host = hostHeader();
        if (host.isPresent()) {
            String value = host.get();
            http = http.headers(h -> h.set(HttpHeaderNames.HOST, value));
        }
        Optional<String> authorization = request.authorizationHeader();
        if (authorization.isPresent()) {
            String value = authorization.get();
            http = http.headers(h -> h.set(HttpHeaderNames.AUTHORIZATION, value));
        }
        if (request.connectAddress().isPresent()) {
            http = http.resolver(new FixedAddressResolverGroup(request.connectAddress().get()));
        }
        WebsocketClientSpec.Builder spec = WebsocketClientSpec.builder()
                .maxFramePayloadLength(WebSocketSession.MAX_MESSAGE_BYTES)
                .handlePing(false);
        request.subprotocol().ifPresent(spec::protocols);
        HttpClient configured = http;
        Duration backstop = timeouts.connect().plus(timeouts.handshake()).plus(timeouts.upgrade()).plus(BACKSTOP_MARGIN);
        return Mono.<WebSocketOutcome>create(sink -> {
                    Flux<Void> lifecycle = configured.websocket(spec.build()).uri(plainUri())
                            .handle((in, out) -> {
                                WebSocketSession s = new WebSocketSession(in, out, timeouts.close());
                                session.set(s);
                                in.withConnection(c -> readTlsSession(c.channel()));
                                sink.success(connected(s));
                                return s.run();
                            });
                    Disposable d = lifecycle.subscribe(null,
                            e -> {
                                WebSocketSession s = session.get();
                                if (s != null) {
                                    s.terminate(new WebSocketSession.CloseStatus(1006, "connection failed: " + e.getMessage()));
                                }
                                if (isConnectionFailure(e)) {
                                    sink.success(failure(e));
                                } else {
                                    sink.error(e);
                                }
                            },
                            () -> sink.success(new WebSocketOutcome.TransportFailed(TransportFailure.CLOSED, phase,
                                    trust.observation(), elapsed(), "the connection to " + endpoint()
                                    + " ended before the WebSocket was open")));
                    sink.onCancel(d);
                })
                .timeout(backstop, Mono.fromSupplier(() -> timedOut(phase)))
                .doOnNext(this::recordMetric);
    }

    /**
     * The URL Reactor Netty is given: {@code ws://} with the port written out, since the TLS is
     * octt's own handler and {@code ws://} alone would mean port 80. The request line keeps the
     * path and query; the Host header keeps the original URL's form ({@link #hostHeader}).
     */
    private java.net.URI plainUri() {
        java.net.URI uri = request.uri();
        if (!request.secure()) {
            return uri;
        }
        String pathAndQuery = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
        return java.net.URI.create("ws://" + Addresses.hostPort(request.host(), request.port()) + pathAndQuery);
    }

    /** The Host header a {@code wss://} URL gets: the host, and the port only when the URL names one. */
    private Optional<String> hostHeader() {
        if (!request.secure()) {
            return Optional.empty();
        }
        String hostPort = Addresses.hostPort(request.host(), request.port());
        return Optional.of(request.uri().getPort() == -1 ? hostPort.substring(0, hostPort.lastIndexOf(':')) : hostPort);
    }

    /** The SNI name for the URL's host: none for an IP literal or a name SNI cannot carry. */
    private static Optional<SNIHostName> serverName(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.contains(":") || name.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SNIHostName(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String endpoint() {
        return Addresses.hostPort(request.host(), request.port())
                + request.connectAddress().map(a -> " (connecting to " + Addresses.hostPort(a) + ")")
                        .orElse("");
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private void readTlsSession(Channel channel) {
        BcTlsClientHandler tls = channel.pipeline().get(BcTlsClientHandler.class);
        if (tls != null) {
            tlsProtocol = tls.protocol();
            cipherSuite = tls.cipherSuite();
        }
    }

    private WebSocketOutcome connected(WebSocketSession s) {
        UpgradeResponse r = response;
        Optional<String> requested = request.subprotocol();
        Optional<String> selected = r != null ? r.subprotocol() : Optional.empty();
        StringBuilder m = new StringBuilder("WebSocket open at ").append(request.uri()).append(" (")
                .append(request.secure() ? tlsProtocol + ", " + cipherSuite : "no TLS").append("); ");
        if (selected.equals(requested)) {
            m.append(selected.map(p -> "subprotocol " + p + " selected").orElse("no subprotocol offered or selected"));
        } else if (selected.isPresent() && request.subprotocols().contains(selected.get())) {
            m.append("subprotocol ").append(selected.get()).append(" selected (offered ").append(requested.get())
                    .append(")");
        } else if (selected.isEmpty()) {
            m.append("the server selected no subprotocol (offered ").append(requested.orElse("none")).append(")");
        } else {
            m.append("the server selected subprotocol '").append(selected.get()).append("' (offered ")
                    .append(requested.orElse("none")).append(")");
        }
        appendOverride(m);
        return new WebSocketOutcome.Connected(s, tlsProtocol, cipherSuite, requested, selected,
                r != null ? r.headers() : Map.of(), trust.observation(), elapsed(), m.toString());
    }

    private void appendOverride(StringBuilder m) {
        if (trust.observation().validationOverridden()) {
            m.append("; INSECURE: the server certificate was rejected (")
                    .append(trust.observation().policyRejection().orElse(""))
                    .append(") and the connection went on because it is insecure");
        }
    }

    private boolean isConnectionFailure(Throwable e) {
        return e instanceof IOException || e instanceof CodecException || e instanceof WebSocketHandshakeException
                || e instanceof TimeoutException || e instanceof AbortedException;
    }

    private WebSocketOutcome timedOut(Phase p) {
        Duration limit = timeouts.of(p);
        String within = HumanDuration.format(limit);
        String what = switch (p) {
            case CONNECT -> "no TCP connection to " + endpoint() + " within " + within;
            case HANDSHAKE -> "the TLS handshake with " + endpoint() + " did not finish within " + within;
            case UPGRADE -> "no answer to the WebSocket upgrade request from " + endpoint() + " within " + within
                    + " after the TLS handshake";
        };
        return new WebSocketOutcome.TimedOut(p, limit, trust.observation(), elapsed(), what);
    }

    /** Maps a failure of the connection ({@link #isConnectionFailure}) to its outcome. */
    private WebSocketOutcome failure(Throwable e) {
        Phase p = phase;
        Phase t = timedOut;
        if (t != null) {
            return timedOut(t);
        }
        if (find(e, SslHandshakeTimeoutException.class) != null) {
            return timedOut(Phase.HANDSHAKE);
        }
        if (find(e, ConnectTimeoutException.class) != null) {
            return timedOut(Phase.CONNECT);
        }
        TlsObservation tls = trust.observation();
        if (trust.failedHandshake()) {
            return new WebSocketOutcome.TlsFailed(tls, elapsed(), "TLS handshake with " + endpoint()
                    + " aborted: the server certificate was rejected: " + tls.policyRejection().orElse("")
                    + "; no credential was sent");
        }
        UpgradeResponse r = response;
        if (r != null && r.status() != HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
            StringBuilder m = new StringBuilder("the server answered the WebSocket upgrade at ").append(request.uri())
                    .append(" with ").append(r.status()).append(' ').append(r.reasonPhrase())
                    .append(" instead of 101 Switching Protocols");
            r.wwwAuthenticate().ifPresent(w -> m.append(" (WWW-Authenticate: ").append(w).append(')'));
            appendOverride(m);
            return new WebSocketOutcome.Rejected(r.status(), r.reasonPhrase(), r.wwwAuthenticate(), r.headers(), tls,
                    elapsed(), m.toString());
        }
        if (r != null) {
            return new WebSocketOutcome.TransportFailed(TransportFailure.PROTOCOL_ERROR, Phase.UPGRADE, tls, elapsed(),
                    "invalid WebSocket upgrade answer from " + endpoint() + ": " + e.getMessage());
        }
        if (find(e, NotSslRecordException.class) != null) {
            return new WebSocketOutcome.TlsFailed(tls, elapsed(), "the server at " + endpoint()
                    + " did not answer with TLS: " + find(e, NotSslRecordException.class).getMessage());
        }
        SSLException ssl = find(e, SSLException.class);
        if (ssl != null) {
            return new WebSocketOutcome.TlsFailed(tls, elapsed(), "TLS with " + endpoint() + " failed during "
                    + phaseName(p) + ": " + ssl.getMessage() + clientCertificateHint(p));
        }
        UnknownHostException unknown = find(e, UnknownHostException.class);
        if (unknown != null) {
            return new WebSocketOutcome.TransportFailed(TransportFailure.UNKNOWN_HOST, Phase.CONNECT, tls, elapsed(),
                    "cannot resolve host " + request.host() + ": " + unknown.getMessage()
                            + " (a connect address for the host avoids DNS)");
        }
        ConnectException refused = find(e, ConnectException.class);
        if (refused != null) {
            return new WebSocketOutcome.TransportFailed(TransportFailure.CONNECTION_REFUSED, Phase.CONNECT, tls,
                    elapsed(), "connection to " + endpoint() + " refused: " + refused.getMessage());
        }
        if (find(e, PrematureCloseException.class) != null || find(e, ClosedChannelException.class) != null
                || find(e, AbortedException.class) != null) {
            return new WebSocketOutcome.TransportFailed(TransportFailure.CLOSED, p, tls, elapsed(),
                    "the server at " + endpoint() + " closed the connection during " + phaseName(p)
                            + clientCertificateHint(p));
        }
        IOException io = find(e, IOException.class);
        if (io != null && io.getMessage() != null && io.getMessage().toLowerCase(Locale.ROOT).contains("reset")) {
            return new WebSocketOutcome.TransportFailed(TransportFailure.CONNECTION_RESET, p, tls, elapsed(),
                    "the server at " + endpoint() + " reset the connection during " + phaseName(p) + ": "
                            + io.getMessage() + clientCertificateHint(p));
        }
        TransportFailure kind = e instanceof CodecException || e instanceof WebSocketHandshakeException
                ? TransportFailure.PROTOCOL_ERROR : TransportFailure.OTHER;
        return new WebSocketOutcome.TransportFailed(kind, p, tls, elapsed(), "connection to " + endpoint()
                + " failed during " + phaseName(p) + ": " + e);
    }

    private String clientCertificateHint(Phase p) {
        if (p != Phase.UPGRADE && !(p == Phase.HANDSHAKE && request.clientKeyMaterial().isEmpty())) {
            return "";
        }
        return request.clientKeyMaterial().isEmpty()
                ? " (no client certificate was configured; a server that requires one ends the connection like this)"
                : " (a server that does not accept the client certificate ends the connection like this)";
    }

    private static String phaseName(Phase p) {
        return switch (p) {
            case CONNECT -> "the TCP connect";
            case HANDSHAKE -> "the TLS handshake";
            case UPGRADE -> "the WebSocket upgrade";
        };
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    private void recordMetric(WebSocketOutcome outcome) {
        client.meterRegistry().ifPresent(registry -> Timer.builder(SecureWebSocketClient.UPGRADE_TIMER)
                .description("Secured WebSocket connection attempts: TCP, TLS and HTTP upgrade")
                .tag("outcome", outcomeTag(outcome))
                .register(registry)
                .record(outcome.elapsed()));
    }

    static String outcomeTag(WebSocketOutcome outcome) {
        if (outcome instanceof WebSocketOutcome.Connected) {
            return "connected";
        } else if (outcome instanceof WebSocketOutcome.Rejected) {
            return "rejected";
        } else if (outcome instanceof WebSocketOutcome.TlsFailed) {
            return "tls_failed";
        } else if (outcome instanceof WebSocketOutcome.TransportFailed) {
            return "transport_failed";
        }
        return "timed_out";
    }

    /** Follows the phases on the channel: TCP up, TLS done, upgrade answered; arms the upgrade timeout. */
    private final class PhaseTracker extends ChannelInboundHandlerAdapter {

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            phase = Phase.HANDSHAKE;
            BcTlsClientHandler tls = ctx.pipeline().get(BcTlsClientHandler.class);
            if (!request.secure()) {
                handshakeDone(ctx.channel()); // plain ws: no TLS handshake, the upgrade starts at once
            } else if (tls != null) {
                tls.handshakeFuture().addListener(f -> {
                    if (f.isSuccess()) {
                        handshakeDone(ctx.channel());
                    }
                });
            }
            ctx.fireChannelActive();
        }

        private void handshakeDone(Channel channel) {
            phase = Phase.UPGRADE;
            ScheduledFuture<?> timer = channel.eventLoop().schedule(() -> {
                if (response == null && channel.isActive()) {
                    timedOut = Phase.UPGRADE;
                    channel.close();
                }
            }, timeouts.upgrade().toNanos(), TimeUnit.NANOSECONDS);
            UpgradeRecorder recorder = new UpgradeRecorder(timer);
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, "octt.upgradeRecorder", recorder);
            } else if (channel.pipeline().get(NettyPipeline.ReactiveBridge) != null) {
                channel.pipeline().addBefore(NettyPipeline.ReactiveBridge, "octt.upgradeRecorder", recorder);
            } else {
                channel.pipeline().addLast("octt.upgradeRecorder", recorder);
            }
        }
    }

    /**
     * Records the server's answer to the upgrade request as received. Netty refuses a 101 whose
     * subprotocol differs from the one offered; the outcome reports that as a finding instead, so the
     * recorder lets the answer through with the offered subprotocol after recording the real one.
     */
    private final class UpgradeRecorder extends ChannelInboundHandlerAdapter {

        private final ScheduledFuture<?> timer;

        UpgradeRecorder(ScheduledFuture<?> timer) {
            this.timer = timer;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpResponse r) {
                timer.cancel(false);
                Map<String, List<String>> headers = new LinkedHashMap<>();
                for (Map.Entry<String, String> h : r.headers()) {
                    headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(h.getValue());
                }
                headers.replaceAll((k, v) -> List.copyOf(v));
                Optional<String> selected = Optional.ofNullable(r.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL))
                        .map(String::trim).filter(v -> !v.isEmpty());
                response = new UpgradeResponse(r.status().code(), r.status().reasonPhrase(), headers, selected,
                        Optional.ofNullable(r.headers().get(HttpHeaderNames.WWW_AUTHENTICATE)));
                if (r.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
                    List<String> offered = request.subprotocols();
                    if (!(selected.isPresent() ? offered.contains(selected.get()) : offered.isEmpty())) {
                        if (!offered.isEmpty()) {
                            r.headers().set(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL, offered.get(0));
                        } else {
                            r.headers().remove(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
                        }
                    }
                }
                ctx.fireChannelRead(msg);
                if (ctx.pipeline().context(this) != null) {
                    ctx.pipeline().remove(this);
                }
                return;
            }
            ctx.fireChannelRead(msg);
        }
    }
}
