package org.octt.tls.probe;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ProbeRequestTests {

    private static final String SUITE = "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256";

    @Test
    void rejectsUnknownCipherSuiteNamingIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ProbeRequest.of("csms.example.com", 443, TlsVersion.TLS1_2, "TLS_NO_SUCH_SUITE"))
                .withMessage("unknown cipher suite: TLS_NO_SUCH_SUITE (expected an IANA name such as"
                        + " TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)");
    }

    @Test
    void canonicalisesSuiteNamesAndDropsDuplicates() {
        ProbeRequest r = ProbeRequest.of("csms.example.com", 443,
                List.of(TlsVersion.TLS1_3, TlsVersion.TLS1_2, TlsVersion.TLS1_3),
                List.of("tls_aes_128_gcm_sha256", SUITE, "TLS_AES_128_GCM_SHA256"));

        assertThat(r.versions()).containsExactly(TlsVersion.TLS1_2, TlsVersion.TLS1_3);
        assertThat(r.cipherSuites()).containsExactly("TLS_AES_128_GCM_SHA256", SUITE);
        assertThat(r.offer()).isEqualTo("TLSv1.2/TLSv1.3 with [TLS_AES_128_GCM_SHA256, " + SUITE + "]");
    }

    @Test
    void connectsToTheHostUnlessAnAddressIsGiven() {
        ProbeRequest r = ProbeRequest.of("csms.example.com", 8443, TlsVersion.TLS1_2, SUITE);
        assertThat(r.connectAddress().isUnresolved()).isTrue();
        assertThat(r.connectAddress().getHostString()).isEqualTo("csms.example.com");
        assertThat(r.timeout()).isEqualTo(ProbeRequest.DEFAULT_TIMEOUT);
        assertThat(r.target()).isEqualTo("csms.example.com:8443");

        ProbeRequest resolved = r.withConnectAddress(new InetSocketAddress("127.0.0.1", 9443));
        assertThat(resolved.serverName()).contains("csms.example.com");
        assertThat(resolved.target()).isEqualTo("csms.example.com:8443 (connecting to 127.0.0.1:9443)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1", "[::1]", "2001:db8::7"})
    void sendsNoServerNameForIpLiterals(String host) {
        assertThat(ProbeRequest.of(host, 443, TlsVersion.TLS1_2, SUITE).serverName()).isEmpty();
    }

    @Test
    void sendsServerNameWithoutTrailingDot() {
        assertThat(ProbeRequest.of("csms.example.com.", 443, TlsVersion.TLS1_2, SUITE).serverName())
                .contains("csms.example.com");
    }

    @Test
    void rejectsBadValuesNamingThem() {
        ProbeRequest r = ProbeRequest.of("csms.example.com", 443, TlsVersion.TLS1_2, SUITE);
        assertThatIllegalArgumentException().isThrownBy(() -> r.withTimeout(Duration.ofSeconds(-5)))
                .withMessage("probe timeout must be positive, was: PT-5S");
        assertThatIllegalArgumentException().isThrownBy(() -> r.withVersions(List.of()))
                .withMessage("at least one TLS version must be offered, was: []");
        assertThatIllegalArgumentException().isThrownBy(() -> r.withCipherSuites(List.of()))
                .withMessage("at least one cipher suite must be offered, was: []");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ProbeRequest.of("csms.example.com", 70000, TlsVersion.TLS1_2, SUITE))
                .withMessage("port must be in 1..65535, was: 70000");
    }
}
