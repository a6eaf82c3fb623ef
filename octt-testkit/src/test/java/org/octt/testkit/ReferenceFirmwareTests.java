package org.octt.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.octt.testkit.TestSupport.PKI;

/** {@link ReferenceFirmware}: the image served over HTTP, signed with a certificate from the reference root CA. */
@Timeout(30)
class ReferenceFirmwareTests {

    private static HttpResponse<byte[]> get(String url) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void servesTheImageOverHttpOnLoopbackUntilTheCentralSystemCloses() throws Exception {
        String location;
        try (RunningCentralSystem cs = ReferenceCentralSystem.builder().pki(PKI).build().start()) {
            location = cs.firmware().location();

            assertThat(location).matches("http://127\\.0\\.0\\.1:\\d+/firmware/octt-reference-firmware-1\\.1\\.bin");
            assertThat(cs.firmware().location()).isEqualTo(location);
            HttpResponse<byte[]> response = get(location);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(cs.firmware().image());
            assertThat(get(location.replace(".bin", ".img")).statusCode()).isEqualTo(404);
        }
        // closed: nothing listens any more
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> get(location)).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void signsTheImageWithASigningCertificateFromTheRootCa() throws Exception {
        try (RunningCentralSystem cs = ReferenceCentralSystem.builder().pki(PKI).build().start()) {
            ReferenceFirmware fw = cs.firmware();
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(fw.signingCertificate().certificate().getPublicKey());
            verifier.update(fw.image());

            assertThat(verifier.verify(Base64.getDecoder().decode(fw.signature()))).isTrue();
            assertThat(fw.signingCertificate().certificate().getSubjectX500Principal().getName())
                    .isEqualTo("CN=octt firmware signing,O=octt");
            fw.signingCertificate().certificate().verify(cs.rootCertificate().getPublicKey());
            assertThat(fw.signingCertificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
            assertThat(fw.otherSigningCertificate().certificate()).isNotEqualTo(fw.signingCertificate().certificate());
            assertThat(fw.toString()).doesNotContain("PRIVATE");
        }
    }

    @Test
    void refusesToServeOnceClosed() {
        RunningCentralSystem cs = ReferenceCentralSystem.builder().pki(PKI).build().start();
        cs.close();

        assertThatIllegalStateException().isThrownBy(() -> cs.firmware().location())
                .withMessage("the reference Central System is closed; its firmware is no longer served");
    }
}
