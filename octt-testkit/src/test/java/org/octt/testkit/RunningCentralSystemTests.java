package org.octt.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.octt.testkit.TestSupport.PKI;

@Timeout(30)
class RunningCentralSystemTests {

    @Test
    void publishesUrlWithHostNameAndChargePointIdAndLoopbackConnectAddress() {
        try (RunningCentralSystem cs = ReferenceCentralSystem.builder().pki(PKI).hostName("csms.example.test")
                .chargePointId("CP-42").build().start()) {
            assertThat(cs.url()).isEqualTo(URI.create("wss://csms.example.test:" + cs.port() + "/ocpp/CP-42"));
            assertThat(cs.port()).isPositive();
            assertThat(cs.connectAddress()).isEqualTo(new InetSocketAddress("127.0.0.1", cs.port()));
            assertThat(cs.rsaCertificate().orElseThrow().getSubjectX500Principal().getName())
                    .isEqualTo("CN=csms.example.test,O=octt reference CSMS");
            assertThat(cs.rootCertificatePem()).startsWith("-----BEGIN CERTIFICATE-----\n");
        }
    }

    @Test
    void generatesPasswordOf16To40CharactersNeverShownInToString() {
        try (RunningCentralSystem cs = ReferenceCentralSystem.builder().pki(PKI).build().start()) {
            String password = cs.chargePointPasswordAsString();

            assertThat(password).hasSizeBetween(16, 40).matches("[A-Za-z0-9]+");
            assertThat(cs.chargePointPassword()).containsExactly(password.toCharArray());
            assertThat(cs.toString()).doesNotContain(password).contains("password=****");
            assertThat(cs.traffic().toString()).doesNotContain(password);
        }
    }

    @Test
    void usesGivenPassword() {
        try (RunningCentralSystem cs = ReferenceCentralSystem.builder().pki(PKI).password("given-password-0123")
                .build().start()) {
            assertThat(cs.chargePointPasswordAsString()).isEqualTo("given-password-0123");
        }
    }

    @Test
    void startsTwoIndependentServersFromOneConfiguration() {
        ReferenceCentralSystem config = ReferenceCentralSystem.builder().pki(PKI).build();
        try (RunningCentralSystem a = config.start(); RunningCentralSystem b = config.start()) {
            assertThat(a.port()).isNotEqualTo(b.port());
            assertThat(a.chargePointPasswordAsString()).isNotEqualTo(b.chargePointPasswordAsString());
            assertThat(a.rootCertificate()).isEqualTo(b.rootCertificate());
        }
    }

    @Test
    void generatesItsOwnPkiWhenNoneIsGiven() {
        try (RunningCentralSystem cs = ReferenceCentralSystem.builder().build().start()) {
            assertThat(cs.rootCertificate()).isNotEqualTo(PKI.rootCertificate());
            assertThat(cs.ecCertificate().orElseThrow().getIssuerX500Principal())
                    .isEqualTo(cs.rootCertificate().getSubjectX500Principal());
        }
    }

    @Test
    void closesPromptlyWhileAClientStillHoldsAConnection() throws Exception {
        RunningCentralSystem cs = ReferenceCentralSystem.builder().pki(PKI).faults(Fault.NO_TLS_ANSWER).build().start();
        try (Socket client = new Socket("127.0.0.1", cs.port())) {
            client.getOutputStream().write(new byte[] {0x16, 0x03, 0x01});
            client.setSoTimeout(5000);
            long start = System.nanoTime();

            cs.close();

            // the server closed the connection: end of stream, or a reset if it was never accepted
            try {
                assertThat(client.getInputStream().read()).isEqualTo(-1);
            } catch (SocketException reset) {
                assertThat(reset).hasMessageContaining("reset");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void closesIdempotently() {
        RunningCentralSystem cs = ReferenceCentralSystem.builder().pki(PKI).build().start();
        cs.close();
        cs.close();

        assertThat(cs.toString()).contains("url=closed");
    }

    @Test
    void listensOnTheGivenPortAndNamesItWhenItIsTaken() {
        int port;
        try (RunningCentralSystem free = ReferenceCentralSystem.builder().pki(PKI).build().start()) {
            port = free.port();
        }
        ReferenceCentralSystem config = ReferenceCentralSystem.builder().pki(PKI).port(port).build();
        try (RunningCentralSystem cs = config.start()) {
            assertThat(cs.port()).isEqualTo(port);
            assertThat(cs.url().getPort()).isEqualTo(port);
            org.assertj.core.api.Assertions.assertThatThrownBy(config::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("cannot start the reference Central System on 127.0.0.1:" + port + ": ");
        }
    }
}
