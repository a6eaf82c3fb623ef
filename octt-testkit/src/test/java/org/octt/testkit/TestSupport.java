package org.octt.testkit;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.resolver.InetSocketAddressResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import org.octt.tls.pki.IssuedCertificate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.resources.ConnectionProvider;

import javax.net.ssl.SSLException;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** Independent clients for the tests: OpenSSL's s_client and a JDK-TLS Reactor Netty WebSocket client. */
final class TestSupport {

    /** One key set for all tests of this module: RSA-2048 generation is slow. */
    static final ReferencePki PKI = ReferencePki.generate();

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private TestSupport() {
    }

    // ------------------------------------------------------------------ OpenSSL

    /** Runs {@code openssl s_client} against the server with the given extra arguments; stdin is empty. */
    static String sClient(RunningCentralSystem cs, String... args) throws IOException, InterruptedException {
        return sClientNaming(cs, cs.hostName(), args);
    }

    /** As {@link #sClient}, sending {@code serverName} in the server_name (SNI) extension. */
    static String sClientNaming(RunningCentralSystem cs, String serverName, String... args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + cs.port(),
                "-servername", serverName));
        cmd.addAll(List.of(args));
        return run(cmd);
    }

    static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", cmd));
        }
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ WebSocket client (JDK TLS)

    /** Maps every host name to 127.0.0.1, as {@code --resolve} would. */
    static final class LoopbackResolverGroup extends AddressResolverGroup<InetSocketAddress> {
        @Override
        protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
            return new InetSocketAddressResolver(executor, new InetNameResolver(executor) {
                @Override
                protected void doResolve(String host, Promise<InetAddress> promise) throws Exception {
                    promise.setSuccess(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
                }

                @Override
                protected void doResolveAll(String host, Promise<List<InetAddress>> promise) throws Exception {
                    promise.setSuccess(List.of(InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})));
                }
            });
        }
    }

    static SslContext jdkTls(X509Certificate trusted, Optional<IssuedCertificate> clientCertificate)
            throws SSLException {
        SslContextBuilder b = SslContextBuilder.forClient()
                .trustManager(trusted)
                .protocols("TLSv1.3", "TLSv1.2")
                .ciphers(List.of("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
        if (clientCertificate.isPresent()) {
            IssuedCertificate c = clientCertificate.get();
            PrivateKey key = c.privateKey();
            b.keyManager(key, c.chain().toArray(new X509Certificate[0]));
        }
        return b.build();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Opens the WebSocket (offering {@code ocpp1.6}), sends {@code calls} and collects up to
     * {@code expectedAnswers} answers, waiting at most {@code wait} for them.
     */
    static List<String> exchange(RunningCentralSystem cs, SslContext tls, Optional<String> authorization,
            List<String> calls, int expectedAnswers, Duration wait) {
        HttpClient client = HttpClient.create(ConnectionProvider.newConnection())
                .resolver(new LoopbackResolverGroup())
                .secure(spec -> spec.sslContext(tls))
                .headers(h -> authorization.ifPresent(a -> h.set(HttpHeaderNames.AUTHORIZATION, a)));
        return client.websocket(WebsocketClientSpec.builder().protocols("ocpp1.6").build())
                .uri(cs.url())
                .handle((in, out) -> out.sendString(Flux.fromIterable(calls)).then()
                        .thenMany(in.receive().asString().take(expectedAnswers).take(wait)))
                .collectList()
                .block(TIMEOUT);
    }

    /**
     * Opens the WebSocket offering {@code subprotocols} (comma-separated), sends {@code calls}, answers
     * each frame the server sends with the frames {@code respond} gives (possibly none) and emits every frame
     * received, up to {@code expectedFrames}, for at most {@code wait}. Cold.
     */
    static Flux<String> converse(RunningCentralSystem cs, SslContext tls, Optional<String> authorization,
            String subprotocols, List<String> calls, Function<String, List<String>> respond, int expectedFrames,
            Duration wait) {
        HttpClient client = HttpClient.create(ConnectionProvider.newConnection())
                .resolver(new LoopbackResolverGroup())
                .secure(spec -> spec.sslContext(tls))
                .headers(h -> authorization.ifPresent(a -> h.set(HttpHeaderNames.AUTHORIZATION, a)));
        return client.websocket(WebsocketClientSpec.builder().protocols(subprotocols).build())
                .uri(cs.url())
                .handle((in, out) -> {
                    Sinks.Many<String> outgoing = Sinks.many().unicast().onBackpressureBuffer();
                    calls.forEach(outgoing::tryEmitNext);
                    Flux<String> received = in.receive().asString()
                            .doOnNext(frame -> respond.apply(frame).forEach(outgoing::tryEmitNext))
                            .take(expectedFrames).take(wait)
                            .doFinally(signal -> outgoing.tryEmitComplete());
                    return Flux.merge(received, out.sendString(outgoing.asFlux()).then().then(Mono.<String>empty()));
                });
    }

    /** Answers every CALL [2, id, ...] with [3, id, {@code payload}]. */
    static Function<String, List<String>> answeringCalls(String payload) {
        return frame -> frame.startsWith("[2,")
                ? List.of("[3," + frame.substring(3, frame.indexOf(',', 3)) + "," + payload + "]")
                : List.of();
    }

    static String bootNotification(String id) {
        return "[2,\"" + id + "\",\"BootNotification\",{\"chargePointVendor\":\"octt\",\"chargePointModel\":\"test\"}]";
    }

    static String statusNotification(String id, int connectorId) {
        return "[2,\"" + id + "\",\"StatusNotification\",{\"connectorId\":" + connectorId
                + ",\"errorCode\":\"NoError\",\"status\":\"Available\"}]";
    }
}
