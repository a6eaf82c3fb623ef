package org.octt.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.octt.testkit.ReferenceCentralSystem;
import org.octt.testkit.ReferencePki;
import org.octt.testkit.RunningCentralSystem;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebSocketFloorTests {

    @Test
    @Timeout(60)
    void bootsOverASecuredWebSocketWithBasicAuthAgainstTheReferenceCentralSystem(@TempDir Path dir) throws Exception {
        try (RunningCentralSystem cs = ReferenceCentralSystem.builder().pki(ReferencePki.generate()).build().start()) {
            String answer = WebSocketFloor.session(cs.url(), cs.connectAddress(), rootPem(cs, dir),
                    cs.chargePointId(), cs.chargePointPasswordAsString());

            assertThat(answer).startsWith("[3,\"1\",").contains("\"status\":\"Accepted\"");
        }
    }

    @Test
    @Timeout(60)
    void failsWithAWrongPassword(@TempDir Path dir) throws Exception {
        try (RunningCentralSystem cs = ReferenceCentralSystem.builder().pki(ReferencePki.generate()).build().start()) {
            Path root = rootPem(cs, dir);

            assertThatThrownBy(() -> WebSocketFloor.session(cs.url(), cs.connectAddress(), root, cs.chargePointId(),
                    "not-" + cs.chargePointPasswordAsString())).hasMessageContaining("401");
        }
    }

    @Test
    void readsHostAndPort() {
        assertThat(BenchMain.hostPort("127.0.0.1:8443").getPort()).isEqualTo(8443);
        assertThatThrownBy(() -> BenchMain.hostPort("8443")).hasMessageContaining("HOST:PORT");
    }

    private static Path rootPem(RunningCentralSystem cs, Path dir) throws Exception {
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cs.rootCertificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        return Files.writeString(dir.resolve("root.pem"), pem);
    }
}
