package org.octt.tls.ws;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WebSocketRequestTests {

    @Test
    void appendsPercentEncodedChargePointIdToPath() {
        assertThat(WebSocketRequest.to(URI.create("wss://csms.example.com/ocpp"), "CP 001/x").uri())
                .isEqualTo(URI.create("wss://csms.example.com/ocpp/CP%20001%2Fx"));
        assertThat(WebSocketRequest.to(URI.create("wss://csms.example.com:8443/ocpp/"), "CP001").uri())
                .isEqualTo(URI.create("wss://csms.example.com:8443/ocpp/CP001"));
    }

    @Test
    void buildsBasicAuthFromChargePointIdAndPasswordAndNeverShowsIt() {
        WebSocketRequest r = WebSocketRequest.to(URI.create("wss://csms.example.com/ocpp"), "CP001")
                .withBasicAuth("s3cret-s3cret-s3cret".toCharArray());

        assertThat(r.authorizationHeader()).contains("Basic " + Base64.getEncoder()
                .encodeToString("CP001:s3cret-s3cret-s3cret".getBytes(StandardCharsets.UTF_8)));
        assertThat(r.toString()).doesNotContain("s3cret").contains("password ****");
    }

    @Test
    void rejectsBadValuesNamingThem() {
        assertThatIllegalArgumentException().isThrownBy(() -> WebSocketRequest.to(URI.create("ws://h/ocpp"), "CP001"))
                .withMessageContaining("wss scheme, was: ws://h/ocpp");
        assertThatIllegalArgumentException().isThrownBy(() -> WebSocketRequest.to(URI.create("wss://h/ocpp"), " "))
                .withMessageContaining("must not be blank");
        assertThatIllegalArgumentException().isThrownBy(() -> WebSocketRequest.to(URI.create("wss://h/o"), "CP")
                        .withConnectAddress(InetSocketAddress.createUnresolved("h", 1)))
                .withMessageContaining("must be an IP address");
        assertThatIllegalArgumentException().isThrownBy(() -> WebSocketTimeouts.DEFAULTS.withUpgrade(Duration.ofSeconds(-5)))
                .withMessage("upgrade timeout must be positive, was: PT-5S");
    }
}
