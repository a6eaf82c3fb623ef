package org.octt.ocpp.cp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.octt.tls.pki.CertificateBuilder;
import org.octt.tls.pki.IssuedCertificate;
import org.octt.tls.pki.KeyPairs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FirmwareSignature}: signatures made by OpenSSL ({@code openssl dgst -sha256 -sign}) with keys
 * and certificates OpenSSL made, and by Bouncy Castle / the JDK, verified or refused with the reason.
 */
@Timeout(60)
class FirmwareSignatureTests {

    private static final byte[] FIRMWARE = "firmware image 1.2.3\n".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void verifiesAnEcdsaSignatureMadeByOpenSsl() throws Exception {
        String[] made = openSslSigned("ec", "-pkeyopt", "ec_paramgen_curve:P-256");

        FirmwareSignature.Verification v = FirmwareSignature.verify(FIRMWARE, made[1], made[0]);

        assertThat(v.status()).isEqualTo(FirmwareSignature.Status.VALID);
        assertThat(v.algorithm()).isEqualTo("SHA256withECDSA");
        assertThat(v.message()).isEqualTo("the signature over the 21-byte firmware verifies with the key of the"
                + " signing certificate (CN=firmware.openssl.test), SHA256withECDSA");
    }

    @Test
    void verifiesAnRsaPkcs1SignatureMadeByOpenSsl() throws Exception {
        String[] made = openSslSigned("rsa:2048");

        FirmwareSignature.Verification v = FirmwareSignature.verify(FIRMWARE, made[1], made[0]);

        assertThat(v.valid()).isTrue();
        assertThat(v.algorithm()).isEqualTo("SHA256withRSA");
    }

    @Test
    void verifiesAnRsaPssSignatureMadeByOpenSsl() throws Exception {
        String[] made = openSslSigned("rsa:2048", "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32");

        FirmwareSignature.Verification v = FirmwareSignature.verify(FIRMWARE, made[1], made[0]);

        assertThat(v.valid()).isTrue();
        assertThat(v.algorithm()).isEqualTo("RSASSA-PSS");
    }

    @Test
    void refusesAnOpenSslSignatureOverOtherBytes() throws Exception {
        String[] made = openSslSigned("ec", "-pkeyopt", "ec_paramgen_curve:P-256");
        byte[] other = "firmware image 1.2.4\n".getBytes(StandardCharsets.US_ASCII);

        FirmwareSignature.Verification v = FirmwareSignature.verify(other, made[1], made[0]);

        assertThat(v.status()).isEqualTo(FirmwareSignature.Status.INVALID);
        assertThat(v.message()).isEqualTo("the signature over the 21-byte firmware does not verify with the key of the"
                + " signing certificate (CN=firmware.openssl.test), tried SHA256withECDSA and SHA256withECDSAinP1363Format");
    }

    @Test
    void verifiesARawP1363EcdsaSignatureAndRefusesOneMadeWithAnotherKey() throws Exception {
        IssuedCertificate signer = CertificateBuilder.create().subject("CN=signer").keyPair(KeyPairs.ec("secp256r1")).build();
        IssuedCertificate other = CertificateBuilder.create().subject("CN=other").keyPair(KeyPairs.ec("secp256r1")).build();

        FirmwareSignature.Verification raw = FirmwareSignature.verify(FIRMWARE,
                sign("SHA256withECDSAinP1363Format", signer, FIRMWARE), signer.certificatePem());
        FirmwareSignature.Verification wrongKey = FirmwareSignature.verify(FIRMWARE,
                sign("SHA256withECDSA", other, FIRMWARE), signer.certificatePem());

        assertThat(raw.valid()).isTrue();
        assertThat(raw.algorithm()).isEqualTo("SHA256withECDSAinP1363Format");
        assertThat(wrongKey.status()).isEqualTo(FirmwareSignature.Status.INVALID);
    }

    @Test
    void refusesAnRsaSignatureMadeWithSha1() throws Exception {
        IssuedCertificate signer = CertificateBuilder.create().subject("CN=rsa signer").keyPair(KeyPairs.rsa(2048)).build();

        FirmwareSignature.Verification v = FirmwareSignature.verify(FIRMWARE, sign("SHA1withRSA", signer, FIRMWARE),
                signer.certificatePem());

        assertThat(v.status()).isEqualTo(FirmwareSignature.Status.INVALID);
        assertThat(v.message()).endsWith("(CN=rsa signer), tried SHA256withRSA and RSASSA-PSS");
    }

    @Test
    void callsASignatureThatIsNotBase64Unreadable() {
        IssuedCertificate signer = CertificateBuilder.create().subject("CN=signer").keyPair(KeyPairs.ec("secp256r1")).build();

        FirmwareSignature.Verification v = FirmwareSignature.verify(FIRMWARE, "not*base64!", signer.certificatePem());

        assertThat(v.status()).isEqualTo(FirmwareSignature.Status.UNREADABLE);
        assertThat(v.message()).startsWith("the signature is not Base64: ");
    }

    @Test
    void callsASigningCertificateThatIsNotPemUnreadable() {
        FirmwareSignature.Verification v = FirmwareSignature.verify(FIRMWARE, "AAAA", "not a certificate");

        assertThat(v.status()).isEqualTo(FirmwareSignature.Status.UNREADABLE);
        assertThat(v.message()).startsWith("the signingCertificate: ");
    }

    @Test
    void callsAnEd25519SigningCertificateUnreadableNamingTheKeyType() throws Exception {
        IssuedCertificate root = CertificateBuilder.create().subject("CN=root").keyPair(KeyPairs.ec("secp256r1")).ca().build();
        IssuedCertificate ed = CertificateBuilder.create().subject("CN=ed signer").keyPair(KeyPairs.ed25519()).issuer(root).build();

        FirmwareSignature.Verification v = FirmwareSignature.verify(FIRMWARE, "AAAA", ed.certificatePem());

        assertThat(v.status()).isEqualTo(FirmwareSignature.Status.UNREADABLE);
        assertThat(v.message()).isEqualTo("the signing certificate (CN=ed signer) has a " + ed.certificate().getPublicKey()
                .getAlgorithm() + " key; expected RSA (SHA256withRSA) or EC (SHA256withECDSA)");
    }

    private static String sign(String algorithm, IssuedCertificate signer, byte[] bytes) throws Exception {
        Signature s = Signature.getInstance(algorithm);
        s.initSign(signer.privateKey());
        s.update(bytes);
        return Base64.getEncoder().encodeToString(s.sign());
    }

    /** A certificate and key made by OpenSSL, and its signature of FIRMWARE: {PEM, Base64 signature}. */
    private String[] openSslSigned(String newkey, String... options) throws Exception {
        Path key = dir.resolve("key.pem");
        Path cert = dir.resolve("cert.pem");
        Path firmware = Files.write(dir.resolve("firmware.bin"), FIRMWARE);
        Path sig = dir.resolve("firmware.sig");
        java.util.List<String> req = new java.util.ArrayList<>(java.util.List.of("req", "-x509", "-newkey", newkey));
        int i = 0;
        while (i < options.length && options[i].equals("-pkeyopt")) {
            req.add(options[i]);
            req.add(options[i + 1]);
            i += 2;
        }
        req.addAll(java.util.List.of("-nodes", "-keyout", key.toString(), "-out", cert.toString(),
                "-subj", "/CN=firmware.openssl.test", "-days", "1"));
        openssl(req.toArray(String[]::new));
        java.util.List<String> dgst = new java.util.ArrayList<>(java.util.List.of("dgst", "-sha256", "-sign", key.toString()));
        for (; i < options.length; i++) {
            dgst.add(options[i]);
        }
        dgst.addAll(java.util.List.of("-out", sig.toString(), firmware.toString()));
        openssl(dgst.toArray(String[]::new));
        return new String[] {Files.readString(cert), Base64.getEncoder().encodeToString(Files.readAllBytes(sig))};
    }

    private void openssl(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "openssl";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("openssl finishes").isTrue();
        assertThat(p.exitValue()).as("openssl %s exit code; log: %s", String.join(" ", args),
                Files.readString(dir.resolve("openssl.log"))).isZero();
    }
}
