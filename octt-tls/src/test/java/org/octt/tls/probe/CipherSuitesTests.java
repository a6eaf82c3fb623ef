package org.octt.tls.probe;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CipherSuitesTests {

    @Test
    void mapsIanaNamesToCodesAndBack() {
        assertThat(CipherSuites.code("TLS_RSA_WITH_AES_128_GCM_SHA256")).isEqualTo(0x009C);
        assertThat(CipherSuites.code("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")).isEqualTo(0xC02B);
        assertThat(CipherSuites.code("TLS_AES_128_GCM_SHA256")).isEqualTo(0x1301);
        assertThat(CipherSuites.name(0xC02F)).contains("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        assertThat(CipherSuites.describe(0xFAFA)).isEqualTo("0xFAFA");
        assertThat(CipherSuites.names()).contains("TLS_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_CHACHA20_POLY1305_SHA256");
    }

    @Test
    void recognisesTls13Suites() {
        assertThat(CipherSuites.isTls13("TLS_AES_256_GCM_SHA384")).isTrue();
        assertThat(CipherSuites.isTls13("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384")).isFalse();
    }

    @Test
    void rejectsUnknownNameNamingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> CipherSuites.code("ECDHE-RSA-AES128-GCM-SHA256"))
                .withMessageStartingWith("unknown cipher suite: ECDHE-RSA-AES128-GCM-SHA256");
    }

    @Test
    void parsesVersionNames() {
        assertThat(TlsVersion.parse("TLSv1")).isEqualTo(TlsVersion.TLS1_0);
        assertThat(TlsVersion.parse("tlsv1.0")).isEqualTo(TlsVersion.TLS1_0);
        assertThat(TlsVersion.parse("1.3")).isEqualTo(TlsVersion.TLS1_3);
        assertThat(TlsVersion.parse("TLS1_1")).isEqualTo(TlsVersion.TLS1_1);
        assertThat(TlsVersion.fromWireCode(0x0303)).contains(TlsVersion.TLS1_2);
        assertThat(TlsVersion.fromWireCode(0x0300)).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> TlsVersion.parse("SSLv3"))
                .withMessageStartingWith("unknown TLS version: SSLv3");
    }
}
