package org.octt.cli;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import org.octt.tls.pki.CertificateBuilder;
import org.octt.tls.pki.IssuedCertificate;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;

/**
 * A real TLS server that plays a hostile Central System: its certificate's subject CN and a
 * subjectAltName entry hold terminal escapes (ESC, BEL, CSI "clear screen", an OSC window title, a
 * right-to-left override), and it answers the WebSocket upgrade with {@code 401} whose reason phrase
 * holds more of them. Its certificate is issued by
 * {@link #rootPem()} for {@link #HOST}, which its subjectAltName lists, so the chain is trusted and the
 * secured WebSocket goes as far as the upgrade. Reactor Netty with the JDK's TLS, as the reference
 * Central System.
 */
final class HostileCentralSystem implements AutoCloseable {

    static final String HOST = "hostile.octt.test";
    /** The hostile part of the commonName: OSC window title, BEL, CSI clear screen, bidi override. */
    static final String CN_PAYLOAD = "\u001b]0;owned\u0007\u001b[2J\u202Eevil";
    static final String REASON_PAYLOAD = "Unauthorized\u001b[2J\u001b]0;pwned\u0007";

    private final IssuedCertificate root = CertificateBuilder.create().subject("CN=hostile test root").ca().build();
    private final IssuedCertificate leaf = CertificateBuilder.create()
            .subject("O=hostile, CN=" + HOST + CN_PAYLOAD)
            .dnsNames(HOST, "x\u001b[5mblink.octt.test")
            .issuer(root).build();
    private final DisposableServer server;

    /** Listens on {@code bindAddress} ({@code 127.0.0.1}, or {@code ::1}), on a free port. */
    HostileCentralSystem(String bindAddress) throws Exception {
        SslContext tls = SslContextBuilder.forServer(jdkKey(leaf.privateKey()),
                        leaf.chainWithoutRoot().toArray(new X509Certificate[0]))
                .sslProvider(SslProvider.JDK).build();
        server = HttpServer.create().host(bindAddress).port(0).secure(s -> s.sslContext(tls))
                .handle((req, res) -> res.status(new HttpResponseStatus(401, REASON_PAYLOAD))
                        .header("WWW-Authenticate", "Basic realm=\"octt\"")
                        .header("Connection", "close").send().then(Mono.empty()))
                .bindNow();
    }

    int port() {
        return server.port();
    }

    String rootPem() {
        return root.certificatePem();
    }

    private static PrivateKey jdkKey(PrivateKey k) throws Exception {
        String alg = "ECDSA".equals(k.getAlgorithm()) ? "EC" : k.getAlgorithm();
        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(k.getEncoded()));
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
