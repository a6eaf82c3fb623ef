package org.octt.testkit;

import io.netty.handler.codec.http.HttpHeaderNames;
import org.octt.tls.pki.CertificateBuilder;
import org.octt.tls.pki.IssuedCertificate;
import org.octt.tls.pki.KeyPairs;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

/**
 * The firmware a {@link RunningCentralSystem} hands out in SignedUpdateFirmware.req (TC_080_CSMS,
 * TC_081_CSMS): a small fixed image, served over plain HTTP by an in-process Reactor Netty server on
 * 127.0.0.1 (started on first use, stopped with the Central System), and signed with a firmware
 * signing certificate issued by the reference root CA (ECDSA P-256, the signature SHA256withECDSA,
 * DER, Base64 as the whitepaper's {@code signature} field wants it). A second signing certificate
 * from the same CA stands for "another signing certificate". Thread-safe; keys are made on first use.
 */
public final class ReferenceFirmware {

    /** The image's file name in its URL. */
    public static final String FILE_NAME = "octt-reference-firmware-1.1.bin";

    private static final byte[] IMAGE = ("octt reference firmware 1.1\n"
            + "not a real firmware image: the bytes a Charge Point downloads and verifies in TC_080_CSMS and TC_081_CSMS\n")
            .getBytes(StandardCharsets.US_ASCII);

    private final ReferencePki pki;
    private final LoopResources loops;
    private IssuedCertificate signing;
    private IssuedCertificate other;
    private String signature;
    private DisposableServer server;
    private boolean closed;

    ReferenceFirmware(ReferencePki pki, LoopResources loops) {
        this.pki = Objects.requireNonNull(pki, "pki");
        this.loops = Objects.requireNonNull(loops, "loops");
    }

    /** The image (a copy). */
    public byte[] image() {
        return IMAGE.clone();
    }

    /** The firmware signing certificate with its key: {@code O=octt, CN=octt firmware signing}, from the root CA. */
    public synchronized IssuedCertificate signingCertificate() {
        if (signing == null) {
            signing = issue("O=octt, CN=octt firmware signing");
        }
        return signing;
    }

    /** Another signing certificate from the same CA ({@code CN=octt other firmware signing}), for a fault. */
    public synchronized IssuedCertificate otherSigningCertificate() {
        if (other == null) {
            other = issue("O=octt, CN=octt other firmware signing");
        }
        return other;
    }

    /** {@link #signingCertificate()} in PEM, as SignedUpdateFirmware.req carries it. */
    public String signingCertificatePem() {
        return signingCertificate().certificatePem();
    }

    /**
     * The Base64 SHA256withECDSA signature of {@link #image()} made with {@link #signingCertificate()}'s
     * key; the same one on every call (ECDSA signatures are randomised), so a test can configure it.
     */
    public synchronized String signature() {
        if (signature == null) {
            signature = sign(IMAGE, signingCertificate().privateKey());
        }
        return signature;
    }

    /** The Base64 signature of {@code bytes} with {@code certificate}'s key (SHA256withECDSA or SHA256withRSA). */
    public static String sign(byte[] bytes, PrivateKey key) {
        try {
            Signature s = Signature.getInstance(key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA");
            s.initSign(key);
            s.update(bytes);
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the firmware: " + e.getMessage(), e);
        }
    }

    /**
     * The URL of the image, {@code http://127.0.0.1:<port>/firmware/}{@value #FILE_NAME}; starts the
     * HTTP server on first use (blocking, a few milliseconds: not on an event loop).
     *
     * @throws IllegalStateException when the Central System is closed or the server cannot bind
     */
    public synchronized String location() {
        if (closed) {
            throw new IllegalStateException("the reference Central System is closed; its firmware is no longer served");
        }
        if (server == null) {
            server = HttpServer.create().runOn(loops).host("127.0.0.1").port(0)
                    .route(r -> r.get("/firmware/" + FILE_NAME, (req, res) -> res.keepAlive(false)
                            .header(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream")
                            .sendByteArray(Mono.just(IMAGE))))
                    .bindNow(Duration.ofSeconds(10));
        }
        return "http://127.0.0.1:" + server.port() + "/firmware/" + FILE_NAME;
    }

    /** {@link #location()} on a bounded-elastic thread, for code on an event loop or in a reactive chain. */
    public Mono<String> locationLater() {
        return Mono.fromCallable(this::location).subscribeOn(Schedulers.boundedElastic());
    }

    synchronized void close() {
        closed = true;
        if (server != null) {
            server.disposeNow(Duration.ofSeconds(5));
            server = null;
        }
    }

    private IssuedCertificate issue(String subject) {
        return CertificateBuilder.create().subject(subject).keyPair(KeyPairs.ec("secp256r1")).issuer(pki.rootCa()).build();
    }

    @Override
    public String toString() {
        return "ReferenceFirmware[" + FILE_NAME + ", keys=****]";
    }
}
