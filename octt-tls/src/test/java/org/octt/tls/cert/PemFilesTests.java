package org.octt.tls.cert;

import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.octt.tls.pki.CertificateBuilder;
import org.octt.tls.pki.IssuedCertificate;
import org.octt.tls.pki.KeyPairs;
import org.octt.tls.pki.Pem;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PemFilesTests {

    private static final IssuedCertificate RSA = CertificateBuilder.create().subject("CN=rsa.example.com").build();
    private static final IssuedCertificate EC = CertificateBuilder.create().subject("CN=ec.example.com")
            .keyPair(KeyPairs.ec("secp256r1")).build();

    @TempDir
    Path dir;

    @Test
    void readsEveryCertificateOfAFileIgnoringTextAroundTheBlocks() throws IOException {
        Path file = write("chain.pem", "Bag Attributes\n    friendlyName: rsa\nsubject=CN = rsa.example.com\n"
                + RSA.certificatePem() + "some notes between blocks\n" + EC.certificatePem() + "trailing text\n");

        List<X509Certificate> certificates = PemFiles.readCertificates(file);

        assertThat(certificates).extracting(c -> c.getSubjectX500Principal().getName())
                .containsExactly("CN=rsa.example.com", "CN=ec.example.com");
        assertThat(certificates.get(0)).isEqualTo(RSA.certificate());
    }

    @Test
    void readsCertificatesFromACombinedCertificateAndKeyFile() throws IOException {
        Path file = write("combined.pem", RSA.privateKeyPem() + RSA.certificatePem());

        assertThat(PemFiles.readCertificates(file)).containsExactly(RSA.certificate());
        assertThat(PemFiles.readPrivateKey(file).getEncoded()).isEqualTo(RSA.privateKey().getEncoded());
    }

    @Test
    void readsCertificateWithP192KeyWhateverTheJdkAccepts() throws Exception {
        IssuedCertificate p192 = CertificateBuilder.create().subject("CN=p192.example.com")
                .keyPair(KeyPairs.ec("secp192r1")).build();
        Path file = write("p192.pem", p192.certificatePem());

        List<X509Certificate> certificates = PemFiles.readCertificates(file);

        assertThat(certificates).hasSize(1);
        assertThat(certificates.get(0).getEncoded()).isEqualTo(p192.certificate().getEncoded());
    }

    @Test
    void readsPkcs8RsaKey() throws IOException {
        Path file = write("rsa.key", RSA.privateKeyPem());

        PrivateKey key = PemFiles.readPrivateKey(file);

        assertThat(key).isInstanceOf(RSAPrivateCrtKey.class);
        assertThat(key.getEncoded()).isEqualTo(RSA.privateKey().getEncoded());
        PemFiles.requireMatchingKey(RSA.certificate(), key, file);
    }

    @Test
    void readsPkcs8EcKey() throws IOException {
        Path file = write("ec.key", EC.privateKeyPem());

        PrivateKey key = PemFiles.readPrivateKey(file);

        assertThat(key).isInstanceOf(ECPrivateKey.class);
        assertThat(((ECPrivateKey) key).getS()).isEqualTo(((ECPrivateKey) EC.privateKey()).getS());
        PemFiles.requireMatchingKey(EC.certificate(), key, file);
    }

    @Test
    void readsPkcs1RsaKey() throws IOException {
        String pem = traditional(RSA.privateKey());
        assertThat(pem).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        Path file = write("rsa-pkcs1.key", pem);

        PrivateKey key = PemFiles.readPrivateKey(file);

        assertThat(((RSAPrivateCrtKey) key).getModulus()).isEqualTo(((RSAPrivateCrtKey) RSA.privateKey()).getModulus());
        PemFiles.requireMatchingKey(RSA.certificate(), key, file);
    }

    @Test
    void readsSec1EcKey() throws IOException {
        String pem = traditional(EC.privateKey());
        assertThat(pem).startsWith("-----BEGIN EC PRIVATE KEY-----");
        Path file = write("ec-sec1.key", pem);

        PrivateKey key = PemFiles.readPrivateKey(file);

        assertThat(((ECPrivateKey) key).getS()).isEqualTo(((ECPrivateKey) EC.privateKey()).getS());
        PemFiles.requireMatchingKey(EC.certificate(), key, file);
    }

    @Test
    void readsSec1EcKeyPrecededByEcParametersBlock() throws IOException {
        String params = Pem.block("EC PARAMETERS", SECObjectIdentifiers.secp256r1.getEncoded());
        Path file = write("ec-params.key", params + traditional(EC.privateKey()));

        PrivateKey key = PemFiles.readPrivateKey(file);

        PemFiles.requireMatchingKey(EC.certificate(), key, file);
        assertThat(key.getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void readsSec1KeyOnP192Curve() throws IOException {
        IssuedCertificate p192 = CertificateBuilder.create().subject("CN=p192.example.com")
                .keyPair(KeyPairs.ec("secp192r1")).build();
        Path file = write("p192.key", traditional(p192.privateKey()));

        PrivateKey key = PemFiles.readPrivateKey(file);

        PemFiles.requireMatchingKey(p192.certificate(), key, file);
        assertThat(((ECPrivateKey) key).getS()).isEqualTo(((ECPrivateKey) p192.privateKey()).getS());
    }

    @Test
    @Timeout(30)
    void readsKeysOpensslWritesInEveryFormat() throws Exception {
        Path cert = dir.resolve("openssl.crt");
        Path pkcs8 = dir.resolve("openssl-pkcs8.key");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-384", "-nodes",
                "-keyout", pkcs8.toString(), "-out", cert.toString(), "-subj", "/CN=openssl.example.com", "-days", "1");
        Path sec1 = dir.resolve("openssl-sec1.key");
        openssl("ec", "-in", pkcs8.toString(), "-out", sec1.toString());
        Path rsaCert = dir.resolve("openssl-rsa.crt");
        Path rsaPkcs8 = dir.resolve("openssl-rsa-pkcs8.key");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", rsaPkcs8.toString(),
                "-out", rsaCert.toString(), "-subj", "/CN=openssl-rsa.example.com", "-days", "1");
        Path pkcs1 = dir.resolve("openssl-rsa-pkcs1.key");
        openssl("rsa", "-traditional", "-in", rsaPkcs8.toString(), "-out", pkcs1.toString());
        assertThat(Files.readString(sec1)).contains("-----BEGIN EC PRIVATE KEY-----");
        assertThat(Files.readString(pkcs1)).contains("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(Files.readString(pkcs8)).contains("-----BEGIN PRIVATE KEY-----");

        X509Certificate ecCert = PemFiles.readCertificates(cert).get(0);
        X509Certificate rsaCertificate = PemFiles.readCertificates(rsaCert).get(0);
        PemFiles.requireMatchingKey(ecCert, PemFiles.readPrivateKey(pkcs8), pkcs8);
        PemFiles.requireMatchingKey(ecCert, PemFiles.readPrivateKey(sec1), sec1);
        PemFiles.requireMatchingKey(rsaCertificate, PemFiles.readPrivateKey(rsaPkcs8), rsaPkcs8);
        PemFiles.requireMatchingKey(rsaCertificate, PemFiles.readPrivateKey(pkcs1), pkcs1);
        assertThatThrownBy(() -> PemFiles.requireMatchingKey(rsaCertificate, PemFiles.readPrivateKey(sec1), sec1))
                .isInstanceOf(PemException.class).hasMessageContaining("does not belong to the certificate");
    }

    @Test
    void failsWhenFileIsMissing() {
        Path file = dir.resolve("missing.pem");

        assertThatThrownBy(() -> PemFiles.readCertificates(file)).isInstanceOf(PemException.class)
                .hasMessage(file + ": file not found; expected a PEM certificate");
        assertThatThrownBy(() -> PemFiles.readPrivateKey(file)).isInstanceOf(PemException.class)
                .hasMessage(file + ": file not found; expected a PEM private key");
    }

    @Test
    void failsWhenPathIsADirectory() {
        assertThatThrownBy(() -> PemFiles.readCertificates(dir)).isInstanceOf(PemException.class)
                .hasMessage(dir + ": is a directory; expected a PEM certificate file");
    }

    @Test
    void failsOnEmptyFile() throws IOException {
        Path file = write("empty.pem", "");

        assertThatThrownBy(() -> PemFiles.readPrivateKey(file)).isInstanceOf(PemException.class)
                .hasMessage(file + ": the file is empty; expected a PEM private key");
    }

    @Test
    void failsOnFileWithoutPemBlock() throws IOException {
        Path file = write("garbage.pem", "this is not a certificate\nat all\n");

        assertThatThrownBy(() -> PemFiles.readCertificates(file)).isInstanceOf(PemException.class)
                .hasMessage(file + ": no PEM block found (no -----BEGIN ...----- line); expected a PEM certificate"
                        + " (or a single DER one)");
    }

    @Test
    void readsASingleDerCertificateAsOpensslAndCurlDo() throws Exception {
        Path file = dir.resolve("cert.der");
        Files.write(file, RSA.certificate().getEncoded());

        assertThat(PemFiles.readCertificates(file)).containsExactly(RSA.certificate());
    }

    @Test
    @Timeout(30)
    void readsDerKeysOpensslWritesInEveryForm() throws Exception {
        Path cert = dir.resolve("der.crt");
        Path pem = dir.resolve("der-source.key");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", pem.toString(), "-out", cert.toString(), "-subj", "/CN=der.example.com", "-days", "1");
        Path pkcs8 = dir.resolve("pkcs8.der");
        openssl("pkey", "-in", pem.toString(), "-outform", "DER", "-out", pkcs8.toString());
        Path sec1 = dir.resolve("sec1.der");
        openssl("ec", "-in", pem.toString(), "-outform", "DER", "-out", sec1.toString());
        Path rsaPem = dir.resolve("rsa.key");
        Files.writeString(rsaPem, RSA.privateKeyPem());
        Path pkcs1 = dir.resolve("pkcs1.der");
        openssl("rsa", "-traditional", "-in", rsaPem.toString(), "-outform", "DER", "-out", pkcs1.toString());
        Path certDer = dir.resolve("cert.der");
        openssl("x509", "-in", cert.toString(), "-outform", "DER", "-out", certDer.toString());

        X509Certificate ecCert = PemFiles.readCertificates(certDer).get(0);
        assertThat(ecCert).isEqualTo(PemFiles.readCertificates(cert).get(0));
        PrivateKey fromPem = PemFiles.readPrivateKey(pem);
        assertThat(((ECPrivateKey) PemFiles.readPrivateKey(pkcs8)).getS()).isEqualTo(((ECPrivateKey) fromPem).getS());
        assertThat(((ECPrivateKey) PemFiles.readPrivateKey(sec1)).getS()).isEqualTo(((ECPrivateKey) fromPem).getS());
        PemFiles.requireMatchingKey(ecCert, PemFiles.readPrivateKey(sec1), sec1);
        assertThat(((RSAPrivateCrtKey) PemFiles.readPrivateKey(pkcs1)).getModulus())
                .isEqualTo(((RSAPrivateCrtKey) RSA.privateKey()).getModulus());
        assertThatThrownBy(() -> PemFiles.readPrivateKey(certDer)).isInstanceOf(PemException.class)
                .hasMessage(certDer + ": holds a certificate (DER), not a private key; give the key's file (PEM or DER)");
        assertThatThrownBy(() -> PemFiles.readCertificates(pkcs8)).isInstanceOf(PemException.class)
                .hasMessage(pkcs8 + ": holds a private key (DER), not a certificate; give the certificate's file (PEM or DER)");
    }

    @Test
    void refusesDerWithTrailingDataOrThatIsNoCertificate() throws Exception {
        Path trailing = dir.resolve("two.der");
        byte[] der = RSA.certificate().getEncoded();
        byte[] two = java.util.Arrays.copyOf(der, der.length * 2);
        System.arraycopy(der, 0, two, der.length, der.length);
        Files.write(trailing, two);
        Path sequence = dir.resolve("seq.der");
        Files.write(sequence, new byte[] {0x30, 0x03, 0x02, 0x01, 0x05});

        assertThatThrownBy(() -> PemFiles.readCertificates(trailing)).isInstanceOf(PemException.class)
                .hasMessage(trailing + ": no PEM block found (no -----BEGIN ...----- line) and not a single DER"
                        + " structure either; expected a PEM certificate (or a single DER one)");
        assertThatThrownBy(() -> PemFiles.readCertificates(sequence)).isInstanceOf(PemException.class)
                .hasMessage(sequence + ": holds DER that is not an X.509 certificate; expected a PEM certificate"
                        + " (or a single DER one)");
        assertThatThrownBy(() -> PemFiles.readPrivateKey(sequence)).isInstanceOf(PemException.class)
                .hasMessage(sequence + ": holds DER that is not a private key (PKCS#8, PKCS#1 or SEC1);"
                        + " expected a PEM private key (or a single DER one)");
    }

    @Test
    void namesTheSourceGivenWithTheBytes() {
        assertThatThrownBy(() -> PemFiles.readCertificates(new byte[0], "--ca-file ca.pem"))
                .isInstanceOf(PemException.class)
                .hasMessage("--ca-file ca.pem: the file is empty; expected a PEM certificate");
        assertThatThrownBy(() -> PemFiles.readPrivateKey("just text\n".getBytes(StandardCharsets.US_ASCII),
                "--client-key k.pem")).isInstanceOf(PemException.class)
                .hasMessage("--client-key k.pem: no PEM block found (no -----BEGIN ...----- line); expected a PEM"
                        + " private key (or a single DER one)");
    }

    @Test
    void doesNotQuoteABlockTypeThatIsNoPlainName() throws IOException {
        Path file = write("odd.pem", "-----BEGIN hunter2!secret$$-----\nAAAA\n-----END hunter2!secret$$-----\n");

        assertThatThrownBy(() -> PemFiles.readCertificates(file)).isInstanceOf(PemException.class)
                .hasMessage(file + ": PEM block 1 is of an unsupported type; expected a PEM certificate");
    }

    @Test
    void refusesAFileLargerThanOneMebibyte() throws IOException {
        Path file = dir.resolve("big.pem");
        Files.write(file, new byte[PemFiles.MAX_BYTES + 1]);

        assertThatThrownBy(() -> PemFiles.readCertificates(file)).isInstanceOf(PemException.class)
                .hasMessage(file + ": is larger than 1 MiB; expected a PEM certificate");
    }

    @Test
    void failsOnCorruptBase64InBlock() throws IOException {
        Path file = write("corrupt.pem", "-----BEGIN CERTIFICATE-----\nMIIB!!!!####not base64@@@\n-----END CERTIFICATE-----\n");

        assertThatThrownBy(() -> PemFiles.readCertificates(file)).isInstanceOf(PemException.class)
                .hasMessage(file + ": PEM block 1 is corrupt: unable to decode base64 string:"
                        + " invalid characters encountered in base64 data");
    }

    @Test
    void failsOnValidBase64ThatIsNotACertificate() throws IOException {
        Path file = write("notder.pem", RSA.certificatePem()
                + Pem.block("CERTIFICATE", "hello, this is no DER".getBytes(StandardCharsets.US_ASCII)));

        assertThatThrownBy(() -> PemFiles.readCertificates(file)).isInstanceOf(PemException.class)
                .hasMessageStartingWith(file + ": PEM block 2 is corrupt: ");
    }

    @Test
    void failsOnUnsupportedBlockTypeNamingIt() throws IOException {
        Path file = write("openssh.key", "-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n");

        assertThatThrownBy(() -> PemFiles.readPrivateKey(file)).isInstanceOf(PemException.class)
                .hasMessage(file + ": PEM block 1 is of an unsupported type (OPENSSH PRIVATE KEY); expected a PEM private key");
    }

    @Test
    void failsOnBlockWithoutEndLine() throws IOException {
        String pem = RSA.certificatePem();
        Path file = write("truncated.pem", pem.substring(0, pem.indexOf("-----END")));

        assertThatThrownBy(() -> PemFiles.readCertificates(file)).isInstanceOf(PemException.class)
                .hasMessageStartingWith(file + ": PEM block 1 is corrupt: ")
                .hasMessageContaining("END CERTIFICATE");
    }

    @Test
    void failsOnKeyBlockThatIsNotAKey() throws IOException {
        Path file = write("broken.key", Pem.block("PRIVATE KEY", new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}));

        assertThatThrownBy(() -> PemFiles.readPrivateKey(file)).isInstanceOf(PemException.class)
                .hasMessageStartingWith(file + ": PEM block 1 is corrupt: ");
    }

    @Test
    void failsWhenCertificateFileIsGivenForKey() throws IOException {
        Path file = write("cert-as-key.pem", RSA.certificatePem());

        assertThatThrownBy(() -> PemFiles.readPrivateKey(file)).isInstanceOf(PemException.class)
                .hasMessage(file + ": holds a certificate, not a private key;"
                        + " give the key's PEM file (-----BEGIN PRIVATE KEY-----)");
    }

    @Test
    void failsWhenKeyFileIsGivenForCertificate() throws IOException {
        Path file = write("key-as-cert.pem", RSA.privateKeyPem());

        assertThatThrownBy(() -> PemFiles.readCertificates(file)).isInstanceOf(PemException.class)
                .hasMessage(file + ": holds a private key, not a certificate;"
                        + " give the certificate's PEM file (-----BEGIN CERTIFICATE-----)");
    }

    @Test
    void failsWhenFileHoldsOnlyAPublicKey() throws IOException {
        Path file = write("public.pem", Pem.block("PUBLIC KEY", RSA.certificate().getPublicKey().getEncoded()));

        assertThatThrownBy(() -> PemFiles.readPrivateKey(file)).isInstanceOf(PemException.class)
                .hasMessage(file + ": holds no private key (found a public key);"
                        + " expected -----BEGIN PRIVATE KEY-----, RSA PRIVATE KEY or EC PRIVATE KEY");
    }

    @Test
    void failsOnEncryptedPkcs8KeySayingItIsNotSupported() throws Exception {
        JcaPKCS8Generator generator = new JcaPKCS8Generator(RSA.privateKey(),
                new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                        .setProvider(new BouncyCastleProvider()).setPassword("secret-pass".toCharArray()).build());
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(generator);
        }
        assertThat(out.toString()).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        Path file = write("encrypted-pkcs8.key", out.toString());

        assertThatThrownBy(() -> PemFiles.readPrivateKey(file)).isInstanceOf(PemException.class)
                .hasMessageStartingWith(file + ": the private key is encrypted, which is not supported");
    }

    @Test
    void failsOnEncryptedTraditionalKeySayingItIsNotSupported() throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(EC.privateKey(), new JcePEMEncryptorBuilder("AES-128-CBC")
                    .setProvider(new BouncyCastleProvider()).build("secret-pass".toCharArray()));
        }
        assertThat(out.toString()).contains("Proc-Type: 4,ENCRYPTED");
        Path file = write("encrypted-sec1.key", out.toString());

        assertThatThrownBy(() -> PemFiles.readPrivateKey(file)).isInstanceOf(PemException.class)
                .hasMessageStartingWith(file + ": the private key is encrypted, which is not supported");
    }

    @Test
    void failsOnFileWithTwoKeys() throws IOException {
        Path file = write("two.key", RSA.privateKeyPem() + EC.privateKeyPem());

        assertThatThrownBy(() -> PemFiles.readPrivateKey(file)).isInstanceOf(PemException.class)
                .hasMessage(file + ": holds 2 private keys; expected exactly one");
    }

    @Test
    void rejectsKeyOfAnotherRsaCertificateWithoutShowingTheKey() throws IOException {
        IssuedCertificate other = CertificateBuilder.create().subject("CN=other.example.com").build();
        String pem = other.privateKeyPem();
        Path file = write("other.key", pem);
        PrivateKey key = PemFiles.readPrivateKey(file);

        assertThatThrownBy(() -> PemFiles.requireMatchingKey(RSA.certificate(), key, file))
                .isInstanceOf(PemException.class)
                .hasMessage(file + ": the private key (RSA) does not belong to the certificate CN=rsa.example.com"
                        + " (certificate key: RSA 2048 bits); give the key the certificate was issued for")
                .satisfies(e -> assertNoKeyMaterial(e.getMessage(), pem, key));
    }

    @Test
    void rejectsKeyOfAnotherEcCertificate() throws IOException {
        IssuedCertificate other = CertificateBuilder.create().subject("CN=other.example.com")
                .keyPair(KeyPairs.ec("secp256r1")).build();
        Path file = write("other-ec.key", other.privateKeyPem());
        PrivateKey key = PemFiles.readPrivateKey(file);

        assertThatThrownBy(() -> PemFiles.requireMatchingKey(EC.certificate(), key, file))
                .isInstanceOf(PemException.class)
                .hasMessageStartingWith(file + ": the private key (EC) does not belong to the certificate CN=ec.example.com")
                .hasMessageContaining("certificate key: EC secp256r1 (P-256")
                .satisfies(e -> assertNoKeyMaterial(e.getMessage(), other.privateKeyPem(), key));
    }

    @Test
    void rejectsEcKeyForRsaCertificate() throws IOException {
        Path file = write("ec-for-rsa.key", EC.privateKeyPem());
        PrivateKey key = PemFiles.readPrivateKey(file);

        assertThatThrownBy(() -> PemFiles.requireMatchingKey(RSA.certificate(), key, file))
                .isInstanceOf(PemException.class)
                .hasMessageContaining("the private key (EC) does not belong to the certificate CN=rsa.example.com"
                        + " (certificate key: RSA 2048 bits)");
    }

    @Test
    void acceptsMatchingEd25519Key() throws IOException {
        IssuedCertificate ed = CertificateBuilder.create().subject("CN=ed.example.com").keyPair(KeyPairs.ed25519()).build();
        Path file = write("ed.key", ed.privateKeyPem());

        PemFiles.requireMatchingKey(ed.certificate(), PemFiles.readPrivateKey(file), file);
        IssuedCertificate other = CertificateBuilder.create().subject("CN=ed2.example.com").keyPair(KeyPairs.ed25519()).build();
        assertThatThrownBy(() -> PemFiles.requireMatchingKey(other.certificate(), PemFiles.readPrivateKey(file), file))
                .isInstanceOf(PemException.class).hasMessageContaining("does not belong to the certificate CN=ed2.example.com");
    }

    private static void assertNoKeyMaterial(String message, String pem, PrivateKey key) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "");
        for (String line : body.split("\n")) {
            if (line.length() >= 16) {
                assertThat(message).doesNotContain(line.substring(0, 16));
            }
        }
        if (key instanceof RSAPrivateCrtKey rsa) {
            assertThat(message).doesNotContain(rsa.getPrivateExponent().toString(16).substring(0, 16))
                    .doesNotContain(rsa.getModulus().toString(16).substring(0, 16))
                    .doesNotContain(rsa.getModulus().toString().substring(0, 16));
        }
        if (key instanceof ECPrivateKey ec) {
            assertThat(message).doesNotContain(ec.getS().toString(16).substring(0, 16));
        }
    }

    private static String traditional(PrivateKey key) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            // A JDK EC key's inner SEC1 structure omits the curve (it lives in the PKCS#8 header);
            // re-encode through Bouncy Castle so the SEC1 block names its curve, as OpenSSL writes it.
            w.writeObject(key.getAlgorithm().equals("EC") ? bouncyCastleKey(key) : key);
        }
        return out.toString();
    }

    private static PrivateKey bouncyCastleKey(PrivateKey key) throws IOException {
        try {
            return java.security.KeyFactory.getInstance("EC", new org.bouncycastle.jce.provider.BouncyCastleProvider())
                    .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(key.getEncoded()));
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.US_ASCII);
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
