package org.octt.tls.ws;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import org.octt.tls.pki.IssuedCertificate;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-process wss server for the tests: serves {@code /ocpp/{id}}, records every upgrade request,
 * the SNI name and the client certificates it saw, and plays a scripted OCPP-J Central System.
 */
public final class WssTestServer implements AutoCloseable {

    /** What the server saw of one HTTP request. */
    public record SeenRequest(String path, Map<String, String> headers, List<String> sniNames,
                              List<X509Certificate> clientChain) {
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
        }
    }

    /** The server's configuration; each {@code with...} returns a copy. */
    public record Config(IssuedCertificate certificate, Optional<String> subprotocol, Optional<String> password,
                         ClientAuth clientAuth, Optional<X509Certificate> clientCa, boolean answerHttp,
                         List<String> tlsProtocols, Optional<String> forcedSubprotocolHeader) {

        public static Config of(IssuedCertificate certificate) {
            return new Config(certificate, Optional.of("ocpp1.6"), Optional.empty(), ClientAuth.NONE, Optional.empty(),
                    true, List.of("TLSv1.3", "TLSv1.2"), Optional.empty());
        }

        public Config withSubprotocol(Optional<String> p) {
            return new Config(certificate, p, password, clientAuth, clientCa, answerHttp, tlsProtocols, forcedSubprotocolHeader);
        }

        public Config withPassword(String p) {
            return new Config(certificate, subprotocol, Optional.of(p), clientAuth, clientCa, answerHttp, tlsProtocols, forcedSubprotocolHeader);
        }

        public Config withClientAuth(ClientAuth a, X509Certificate ca) {
            return new Config(certificate, subprotocol, password, a, Optional.of(ca), answerHttp, tlsProtocols, forcedSubprotocolHeader);
        }

        public Config neverAnsweringHttp() {
            return new Config(certificate, subprotocol, password, clientAuth, clientCa, false, tlsProtocols, forcedSubprotocolHeader);
        }

        /** Selects no subprotocol but sends this {@code Sec-WebSocket-Protocol} header anyway. */
        public Config withForcedSubprotocolHeader(String value) {
            return new Config(certificate, Optional.empty(), password, clientAuth, clientCa, answerHttp, tlsProtocols,
                    Optional.of(value));
        }

        public Config withTlsProtocols(String... protocols) {
            return new Config(certificate, subprotocol, password, clientAuth, clientCa, answerHttp, List.of(protocols), forcedSubprotocolHeader);
        }
    }

    public final List<SeenRequest> requests = new CopyOnWriteArrayList<>();
    /** Every text message the server received on its WebSockets, in order. */
    public final List<String> received = new CopyOnWriteArrayList<>();
    private final OcppCentralSystemScript script = new OcppCentralSystemScript(received);
    /** Client chains the server's trust manager was asked about, whether or not the handshake finished. */
    public final List<List<X509Certificate>> clientChainsOffered = new CopyOnWriteArrayList<>();
    private final DisposableServer server;

    private WssTestServer(Config config, String bindAddress) throws Exception {
        this(config, bindAddress, true);
    }

    private WssTestServer(Config config, String bindAddress, boolean tls) throws Exception {
        SslContextBuilder b = SslContextBuilder.forServer(TestPki.jdkKey(config.certificate()),
                        config.certificate().chainWithoutRoot().toArray(new X509Certificate[0]))
                .sslProvider(SslProvider.JDK)
                .protocols(config.tlsProtocols())
                .clientAuth(config.clientAuth());
        if (config.clientCa().isPresent()) {
            b.trustManager(new RecordingServerTrust(config.clientCa().get()));
        }
        SslContext ctx = b.build();
        WebsocketServerSpec.Builder wsSpec = WebsocketServerSpec.builder();
        config.subprotocol().ifPresent(wsSpec::protocols);
        WebsocketServerSpec spec = wsSpec.build();
        HttpServer http = HttpServer.create().host(bindAddress).port(0);
        if (tls) {
            http = http.secure(s -> s.sslContext(ctx));
        }
        server = http
                .route(r -> r.get("/ocpp/{id}", (req, res) -> handle(config, spec, req, res)))
                .bindNow();
    }

    public static WssTestServer start(Config config) {
        return startOn("127.0.0.1", config);
    }

    /** Listens on this address ({@code ::1} for the IPv6 loopback) instead of 127.0.0.1. */
    public static WssTestServer startOn(String bindAddress, Config config) {
        try {
            return new WssTestServer(config, bindAddress);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start test server: " + e, e);
        }
    }

    /** Plain {@code ws} on 127.0.0.1, no TLS (the config's certificate and TLS settings are ignored). */
    public static WssTestServer startPlain(Config config) {
        try {
            return new WssTestServer(config, "127.0.0.1", false);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start test server: " + e, e);
        }
    }

    public int port() {
        return server.port();
    }

    private Mono<Void> handle(Config config, WebsocketServerSpec spec, HttpServerRequest req, HttpServerResponse res) {
        List<String> sni = new ArrayList<>();
        List<X509Certificate> clientChain = new ArrayList<>();
        req.withConnection(c -> {
            SslHandler ssl = c.channel().pipeline().get(SslHandler.class);
            if (ssl == null) {
                return;
            }
            SSLSession session = ssl.engine().getSession();
            if (session instanceof ExtendedSSLSession e) {
                for (SNIServerName n : e.getRequestedServerNames()) {
                    sni.add(n instanceof SNIHostName h ? h.getAsciiName() : n.toString());
                }
            }
            try {
                for (var cert : session.getPeerCertificates()) {
                    clientChain.add((X509Certificate) cert);
                }
            } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                // no client certificate
            }
        });
        Map<String, String> headers = new java.util.HashMap<>();
        req.requestHeaders().forEach(h -> headers.put(h.getKey().toLowerCase(java.util.Locale.ROOT), h.getValue()));
        requests.add(new SeenRequest(req.path(), Map.copyOf(headers), List.copyOf(sni), List.copyOf(clientChain)));
        if (!config.answerHttp()) {
            return Mono.never();
        }
        if (config.password().isPresent()) {
            String expected = "Basic " + Base64.getEncoder().encodeToString(
                    (req.param("id") + ":" + config.password().get()).getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(req.requestHeaders().get(HttpHeaderNames.AUTHORIZATION))) {
                return res.status(401).header(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"octt-test\"").send();
            }
        }
        config.forcedSubprotocolHeader().ifPresent(v -> res.header(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL, v));
        return res.sendWebsocket(script::handle, spec);
    }

    @Override
    public void close() {
        server.disposeNow(java.time.Duration.ofSeconds(5));
    }

    /** Records the client chain, then validates it against the client CA with the JDK's PKIX trust manager. */
    private final class RecordingServerTrust extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;

        RecordingServerTrust(X509Certificate clientCa) throws Exception {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            ks.setCertificateEntry("client-ca", clientCa);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(ks);
            delegate = (X509ExtendedTrustManager) tmf.getTrustManagers()[0];
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            clientChainsOffered.add(List.of(chain));
            delegate.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            clientChainsOffered.add(List.of(chain));
            delegate.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            clientChainsOffered.add(List.of(chain));
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("server side");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("server side");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("server side");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }
}
