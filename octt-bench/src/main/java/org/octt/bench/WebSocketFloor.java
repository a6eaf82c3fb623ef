package org.octt.bench;

import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import org.octt.tls.ws.internal.FixedAddressResolverGroup;
import reactor.core.publisher.Mono;
import reactor.netty.http.HttpResources;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * The floor of a cold run on octt's stack: one secured WebSocket session and nothing else, made as
 * directly as Reactor Netty allows ({@code HttpClient} with a JDK {@code SslContext}, standard PKIX
 * trust from a CA file, Basic auth, subprotocol {@code ocpp1.6}), which sends one BootNotification
 * and waits for the answer, then shuts its event loops down and exits. No octt code runs but the
 * fixed-address resolver of {@code --resolve}: no command line, no probes, no certificate checks,
 * no engine, no report. bench/run.sh times it as a whole process beside
 * {@code ./octt run TC_086_CSMS} and sslscan (docs/performance.md, section 8):
 * what a TC_086_CSMS run cannot go below while it uses this stack for one of its eight connections.
 */
final class WebSocketFloor {

    private WebSocketFloor() {
    }

    /**
     * Runs the session and returns the Central System's answer.
     *
     * @param url          the {@code wss://} URL (its host is the SNI name and the name the certificate must match)
     * @param connect      the address to connect to instead of resolving the host
     * @param caFile       PEM file of the root certificate to trust
     * @param chargePoint  the Basic auth user (the ChargePointId)
     * @param password     the Basic auth password
     */
    static String session(URI url, InetSocketAddress connect, Path caFile, String chargePoint, String password)
            throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            int i = 0;
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("ca" + i++, (X509Certificate) c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SslContext tls = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).trustManager(tmf)
                .protocols(List.of("TLSv1.3", "TLSv1.2")).build();
        String authorization = "Basic " + Base64.getEncoder()
                .encodeToString((chargePoint + ":" + password).getBytes(StandardCharsets.UTF_8));
        String boot = "[2,\"1\",\"BootNotification\",{\"chargePointVendor\":\"octt\",\"chargePointModel\":\"floor\"}]";
        try {
            return HttpClient.newConnection()
                    .option(ChannelOption.TCP_NODELAY, true)
                    .resolver(new FixedAddressResolverGroup(connect))
                    .secure(spec -> spec.sslContext(tls))
                    .headers(h -> h.set("Authorization", authorization))
                    .websocket(WebsocketClientSpec.builder().protocols("ocpp1.6").build())
                    .uri(url)
                    .handle((in, out) -> out.sendString(Mono.just(boot)).then()
                            .thenMany(in.receive().asString().take(1)))
                    .blockLast(Duration.ofSeconds(10));
        } finally {
            HttpResources.disposeLoopsAndConnectionsLater(Duration.ZERO, Duration.ofMillis(500)).block();
        }
    }
}
