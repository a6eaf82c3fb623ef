package org.octt.tls.probe;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What the probe's ClientHello says, read byte by byte from a plain TCP listener. */
@Timeout(30)
class ClientHelloTests {

    private static final TlsProbe PROBE = TlsProbe.create().withHandshakeTimeout(Duration.ofSeconds(2));
    private static final int SUPPORTED_VERSIONS = 0x002B;
    private static final int PSK_KEY_EXCHANGE_MODES = 0x002D;

    /** The ClientHello's extensions by type, from the first record the client sent. */
    private static Map<Integer, byte[]> extensionsOfClientHello(ProbeRequest request, RawServer server,
                                                                CompletableFuture<byte[]> hello) throws Exception {
        PROBE.probe(request.withConnectAddress(server.address())).block(Duration.ofSeconds(10));
        ByteBuffer b = ByteBuffer.wrap(hello.get(10, TimeUnit.SECONDS));
        assertThat(b.get()).as("record type handshake").isEqualTo((byte) 22);
        b.position(5);
        assertThat(b.get()).as("handshake type client_hello").isEqualTo((byte) 1);
        b.position(b.position() + 3 + 2 + 32); // length, legacy_version, random
        skip(b, b.get() & 0xFF); // session id
        skip(b, b.getShort() & 0xFFFF); // cipher suites
        skip(b, b.get() & 0xFF); // compression methods
        int length = b.getShort() & 0xFFFF;
        int end = b.position() + length;
        Map<Integer, byte[]> extensions = new HashMap<>();
        while (b.position() < end) {
            int type = b.getShort() & 0xFFFF;
            byte[] data = new byte[b.getShort() & 0xFFFF];
            b.get(data);
            extensions.put(type, data);
        }
        return extensions;
    }

    private static void skip(ByteBuffer b, int n) {
        b.position(b.position() + n);
    }

    private static RawServer capturing(CompletableFuture<byte[]> hello) throws IOException {
        return RawServer.start(s -> hello.complete(RawServer.readSome(s)));
    }

    @Test
    void listsTls13BeforeTls12InSupportedVersionsAndOffersPskDheKeyExchange() throws Exception {
        CompletableFuture<byte[]> hello = new CompletableFuture<>();
        try (RawServer server = capturing(hello)) {
            Map<Integer, byte[]> ext = extensionsOfClientHello(ProbeRequest.of("localhost", server.port(),
                    List.of(TlsVersion.TLS1_2, TlsVersion.TLS1_3),
                    List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256")), server, hello);

            byte[] versions = ext.get(SUPPORTED_VERSIONS);
            List<Integer> listed = new ArrayList<>();
            for (int i = 1; i < versions.length; i += 2) {
                listed.add(((versions[i] & 0xFF) << 8) | (versions[i + 1] & 0xFF));
            }
            assertThat(listed).containsExactly(0x0304, 0x0303);
            assertThat(ext.get(PSK_KEY_EXCHANGE_MODES)).containsExactly(1, 1); // one mode: psk_dhe_ke
        }
    }

    @Test
    void offersNoTls13ExtensionsInTls12OnlyHello() throws Exception {
        CompletableFuture<byte[]> hello = new CompletableFuture<>();
        try (RawServer server = capturing(hello)) {
            Map<Integer, byte[]> ext = extensionsOfClientHello(ProbeRequest.of("localhost", server.port(),
                    TlsVersion.TLS1_2, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"), server, hello);

            assertThat(ext).doesNotContainKeys(SUPPORTED_VERSIONS, PSK_KEY_EXCHANGE_MODES);
        }
    }
}
