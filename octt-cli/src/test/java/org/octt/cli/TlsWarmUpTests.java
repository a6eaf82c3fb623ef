package org.octt.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.security.Security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TlsWarmUpTests {

    @Test
    @Timeout(30)
    void completesInMemoryBouncyCastleTls13AndTls12Handshakes() throws Exception {
        assertThat(TlsWarmUp.runOrThrow()).isTrue();
    }

    @Test
    @Timeout(30)
    void leavesTheJvmWideSecurityProvidersAlone() {
        String before = java.util.Arrays.toString(Security.getProviders());
        TlsWarmUp.run();
        assertThat(java.util.Arrays.toString(Security.getProviders())).isEqualTo(before);
    }

    @Test
    @Timeout(30)
    void runsOnADaemonThreadThatEnds() throws InterruptedException {
        Thread t = TlsWarmUp.startInBackground();
        assertThat(t.isDaemon()).isTrue();
        assertThat(t.getName()).isEqualTo("octt-warm-up");
        t.join(20_000);
        assertThat(t.isAlive()).isFalse();
    }

    @Test
    void belongsToTheCommandLineNotToTheInstrument() {
        assertThat(TlsWarmUp.class.getPackageName()).isEqualTo("org.octt.cli");
        assertThatThrownBy(() -> Class.forName("org.octt.tls.warmup.TlsWarmUp"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
