package org.octt.tls.ws;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

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
    void offersNoSubprotocolUnlessToldAndDefaultsThePortByScheme() {
        WebSocketRequest wss = WebSocketRequest.to(URI.create("wss://csms.example.com/ocpp"), "CP001");
        WebSocketRequest ws = WebSocketRequest.to(URI.create("ws://csms.example.com/ocpp"), "CP001");

        assertThat(wss.subprotocol()).isEmpty();
        assertThat(wss.withSubprotocols(List.of("ocpp0.1", "ocpp1.6")).subprotocol()).contains("ocpp0.1,ocpp1.6");
        assertThat(wss.secure()).isTrue();
        assertThat(wss.port()).isEqualTo(443);
        assertThat(ws.secure()).isFalse();
        assertThat(ws.port()).isEqualTo(80);
    }

    @Test
    void buildsBasicAuthForAnotherUserAndNeverShowsThePassword() {
        WebSocketRequest r = WebSocketRequest.to(URI.create("wss://csms.example.com/ocpp"), "CP001")
                .withBasicAuth("CP002", "s3cret".toCharArray());

        assertThat(r.basicAuthUser()).contains("CP002");
        assertThat(r.authorizationHeader()).contains("Basic " + Base64.getEncoder()
                .encodeToString("CP002:s3cret".getBytes(StandardCharsets.UTF_8)));
        assertThat(r.toString()).doesNotContain("s3cret").contains("basic auth as CP002 (password ****)");
    }

    @Test
    void sendsAPasswordOfRawBytesUnchangedEvenWhenItIsNotUtf8() {
        byte[] password = {(byte) 0xff, 0x00, (byte) 0xc3, 0x28, 0x3a};
        WebSocketRequest r = WebSocketRequest.to(URI.create("wss://csms.example.com/ocpp"), "CP001")
                .withBasicAuth("CP001", password);
        password[0] = 0; // copied: the caller may wipe its array

        byte[] expected = {'C', 'P', '0', '0', '1', ':', (byte) 0xff, 0x00, (byte) 0xc3, 0x28, 0x3a};
        assertThat(r.authorizationHeader()).contains("Basic " + Base64.getEncoder().encodeToString(expected));
        assertThat(r.toString()).contains("basic auth as CP001 (password ****)");
    }

    @Test
    void rejectsBadValuesNamingThem() {
        assertThatIllegalArgumentException().isThrownBy(() -> WebSocketRequest.to(URI.create("https://h/ocpp"), "CP001"))
                .withMessageContaining("wss (or ws) scheme, was: https://h/ocpp");
        assertThatIllegalArgumentException().isThrownBy(() -> WebSocketRequest.to(URI.create("wss://h/ocpp"), "CP001")
                        .withSubprotocols(List.of("ocpp1.6", "a,b")))
                .withMessage("a subprotocol must be one non-blank token, was: 'a,b'");
        assertThatIllegalArgumentException().isThrownBy(() -> WebSocketRequest.to(URI.create("wss://h/ocpp"), "CP001")
                        .withBasicAuth("CP:1", "p".toCharArray()))
                .withMessage("a Basic auth user must not contain ':', was: 'CP:1'");
        assertThatIllegalArgumentException().isThrownBy(() -> WebSocketRequest.to(URI.create("wss://h/ocpp"), " "))
                .withMessageContaining("must not be blank");
        assertThatIllegalArgumentException().isThrownBy(() -> WebSocketRequest.to(URI.create("wss://h/o"), "CP")
                        .withConnectAddress(InetSocketAddress.createUnresolved("h", 1)))
                .withMessageContaining("must be an IP address");
        assertThatIllegalArgumentException().isThrownBy(() -> WebSocketTimeouts.DEFAULTS.withUpgrade(Duration.ofSeconds(-5)))
                .withMessage("upgrade timeout must be positive, was: PT-5S");
    }
}
