package org.octt.tls.cert;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.octt.tls.pki.CertificateBuilder;
import org.octt.tls.pki.IssuedCertificate;
import org.octt.tls.pki.KeyPairs;
import org.octt.tls.pki.Pem;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class CertificateInspectorTests {

    private static final KeyPair EC_KEY = KeyPairs.ec("secp256r1");
    private static final IssuedCertificate ROOT = CertificateBuilder.create().subject("CN=octt root, O=octt").ca().build();

    @TempDir
    Path dir;

    @Test
    void inspectsRsa2048LeafIssuedByRoot() throws Exception {
        Instant from = Instant.parse("2025-01-01T00:00:00Z");
        Instant to = Instant.parse("2030-01-01T00:00:00Z");
        IssuedCertificate leaf = CertificateBuilder.create().subject("CN=csms.example.com, O=Example Operator")
                .validity(from, to).issuer(ROOT).build();

        CertificateFacts f = facts(leaf.certificate().getEncoded());

        assertThat(f.subject()).isEqualTo("O=Example Operator,CN=csms.example.com");
        assertThat(f.commonNames()).containsExactly("csms.example.com");
        assertThat(f.organizations()).containsExactly("Example Operator");
        assertThat(f.issuer()).isEqualTo("O=octt,CN=octt root");
        assertThat(f.notBefore()).isEqualTo(from);
        assertThat(f.notAfter()).isEqualTo(to);
        assertThat(f.publicKey()).isEqualTo(new PublicKeyFacts(KeyAlgorithm.RSA, "1.2.840.113549.1.1.1", 2048, java.util.List.of()));
        assertThat(f.publicKey().describe()).isEqualTo("RSA 2048 bits");
        assertThat(f.signatureAlgorithm()).isEqualTo(new SignatureAlgorithmFacts("SHA256WITHRSA", "1.2.840.113549.1.1.11", "SHA-256"));
        assertThat(f.keyUsage()).containsExactly("digitalSignature", "keyEncipherment");
        assertThat(f.extendedKeyUsage()).containsExactly("serverAuth", "clientAuth");
        assertThat(f.ca()).isFalse();
        assertThat(f.serial().value()).isEqualTo(leaf.certificate().getSerialNumber());
        assertThat(f.serial().conformsToRfc5280()).isTrue();
        assertThat(f.dnsNames()).isEmpty();
        assertThat(f.hasSubjectAltNames()).isFalse();
    }

    @Test
    void inspectsCaCertificate() throws Exception {
        CertificateFacts f = facts(ROOT.certificate().getEncoded());

        assertThat(f.ca()).isTrue();
        assertThat(f.keyUsage()).containsExactly("digitalSignature", "keyCertSign", "cRLSign");
        assertThat(f.extendedKeyUsage()).isEmpty();
        assertThat(f.isSelfIssued()).isTrue();
    }

    @Test
    void reportsRsa1024KeySize() throws Exception {
        IssuedCertificate c = CertificateBuilder.create().keyPair(KeyPairs.rsa(1024)).build();

        assertThat(facts(c.certificate().getEncoded()).publicKey().sizeBits()).isEqualTo(1024);
    }

    @Test
    void inspectsRsassaPssKeyAndSignature() throws Exception {
        IssuedCertificate c = CertificateBuilder.create().subject("CN=pss.example.com").keyPair(KeyPairs.rsaPss(2048)).build();

        CertificateFacts f = facts(c.certificate().getEncoded());

        assertThat(f.publicKey().algorithm()).isEqualTo(KeyAlgorithm.RSASSA_PSS);
        assertThat(f.publicKey().algorithm().isRsa()).isTrue();
        assertThat(f.publicKey().sizeBits()).isEqualTo(2048);
        assertThat(f.publicKey().describe()).isEqualTo("RSASSA-PSS 2048 bits");
        assertThat(f.signatureAlgorithm().isRsaPss()).isTrue();
        assertThat(f.signatureAlgorithm().oid()).isEqualTo("1.2.840.113549.1.1.10");
        assertThat(f.signatureAlgorithm().digest()).isEqualTo("SHA-256");
        assertThat(f.keyUsage()).containsExactly("digitalSignature");
    }

    @Test
    @Timeout(30)
    void inspectsRsassaPssCertificateMadeByOpenssl() throws Exception {
        Path cert = dir.resolve("pss.crt");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa-pss", "-pkeyopt", "rsa_keygen_bits:2048",
                "-nodes", "-keyout", dir.resolve("pss.key").toString(), "-out", cert.toString(),
                "-subj", "/CN=pss.example.com", "-days", "1", "-sha384")
                .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        assertThat(p.waitFor(25, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("log"))).isZero();

        CertificateFacts f = facts(PemFiles.readCertificates(cert).get(0).getEncoded());

        assertThat(f.publicKey().algorithm()).isEqualTo(KeyAlgorithm.RSASSA_PSS);
        assertThat(f.publicKey().sizeBits()).isEqualTo(2048);
        assertThat(f.signatureAlgorithm().isRsaPss()).isTrue();
        assertThat(f.signatureAlgorithm().digest()).isEqualTo("SHA-384");
    }

    @ParameterizedTest
    @CsvSource({
        "secp256r1, 256, P-256",
        "secp384r1, 384, P-384",
        "secp521r1, 521, P-521",
        "secp192r1, 192, P-192",
        "secp224r1, 224, P-224",
    })
    void reportsEcCurveNameAndFieldSize(String curve, int bits, String nistName) throws Exception {
        IssuedCertificate c = CertificateBuilder.create().subject("CN=ec.example.com").keyPair(KeyPairs.ec(curve)).build();

        CertificateFacts f = facts(c.certificate().getEncoded());

        assertThat(f.publicKey().algorithm()).isEqualTo(KeyAlgorithm.EC);
        assertThat(f.publicKey().sizeBits()).isEqualTo(bits);
        assertThat(f.publicKey().curveName()).contains(curve);
        assertThat(f.publicKey().curveNames()).startsWith(curve, nistName);
        assertThat(f.publicKey().describe()).startsWith("EC " + curve + " (" + nistName).endsWith(bits + " bits");
        assertThat(f.signatureAlgorithm().isEcdsa()).isTrue();
        assertThat(f.signatureAlgorithm().name()).isEqualTo("SHA256WITHECDSA");
        assertThat(f.keyUsage()).containsExactly("digitalSignature");
    }

    @Test
    void inspectsP192CertificateFromBouncyCastleObjectToo() {
        IssuedCertificate c = CertificateBuilder.create().keyPair(KeyPairs.ec("secp192r1")).build();

        Inspection inspection = CertificateInspector.inspect(c.certificate());

        assertThat(inspection.facts()).get().extracting(f -> f.publicKey().sizeBits()).isEqualTo(192);
    }

    @Test
    void inspectsEd25519AndEd448Keys() throws Exception {
        CertificateFacts ed25519 = facts(CertificateBuilder.create().keyPair(KeyPairs.ed25519()).build().certificate().getEncoded());
        CertificateFacts ed448 = facts(CertificateBuilder.create().keyPair(KeyPairs.ed448()).build().certificate().getEncoded());

        assertThat(ed25519.publicKey()).isEqualTo(new PublicKeyFacts(KeyAlgorithm.ED25519, "1.3.101.112", 255, java.util.List.of()));
        assertThat(ed25519.signatureAlgorithm().name()).isEqualTo("ED25519");
        assertThat(ed448.publicKey()).isEqualTo(new PublicKeyFacts(KeyAlgorithm.ED448, "1.3.101.113", 448, java.util.List.of()));
        assertThat(ed448.signatureAlgorithm().name()).isEqualTo("ED448");
    }

    @Test
    void reportsDsaKeySizeFromP() throws Exception {
        IssuedCertificate c = CertificateBuilder.create().keyPair(KeyPairs.dsa(2048)).build();

        CertificateFacts f = facts(c.certificate().getEncoded());

        assertThat(f.publicKey().algorithm()).isEqualTo(KeyAlgorithm.DSA);
        assertThat(f.publicKey().sizeBits()).isEqualTo(2048);
        assertThat(f.signatureAlgorithm().name()).isEqualTo("SHA256WITHDSA");
    }

    @Test
    void reportsZeroSerial() throws Exception {
        CertificateFacts f = facts(CertificateBuilder.create().serial(BigInteger.ZERO).keyPair(EC_KEY).build().certificate().getEncoded());

        assertThat(f.serial()).isEqualTo(new SerialNumber(BigInteger.ZERO, 1));
        assertThat(f.serial().signum()).isZero();
        assertThat(f.serial().conformsToRfc5280()).isFalse();
    }

    @Test
    void reportsNegativeSerial() throws Exception {
        CertificateFacts f = facts(CertificateBuilder.create().serial(BigInteger.valueOf(-1234)).keyPair(EC_KEY).build().certificate().getEncoded());

        assertThat(f.serial().value()).isEqualTo(BigInteger.valueOf(-1234));
        assertThat(f.serial().signum()).isEqualTo(-1);
        assertThat(f.serial().octets()).isEqualTo(2);
        assertThat(f.serial().hex()).isEqualTo("-4D2");
        assertThat(f.serial().conformsToRfc5280()).isFalse();
    }

    @Test
    void counts21OctetSerialIncludingSignOctet() throws Exception {
        CertificateFacts twentyOne = facts(CertificateBuilder.create().serial(BigInteger.ONE.shiftLeft(159)).keyPair(EC_KEY)
                .build().certificate().getEncoded());
        CertificateFacts twenty = facts(CertificateBuilder.create().serial(BigInteger.ONE.shiftLeft(158)).keyPair(EC_KEY)
                .build().certificate().getEncoded());

        assertThat(twentyOne.serial().octets()).isEqualTo(21);
        assertThat(twentyOne.serial().conformsToRfc5280()).isFalse();
        assertThat(twenty.serial().octets()).isEqualTo(20);
        assertThat(twenty.serial().conformsToRfc5280()).isTrue();
    }

    @Test
    void reportsEveryCommonNameAndOrganization() throws Exception {
        IssuedCertificate c = CertificateBuilder.create()
                .subject("CN=a.example.com, CN=b.example.com, O=Org One, O=Org Two").keyPair(EC_KEY).build();

        CertificateFacts f = facts(c.certificate().getEncoded());

        assertThat(f.commonNames()).containsExactly("a.example.com", "b.example.com");
        assertThat(f.organizations()).containsExactly("Org One", "Org Two");
        assertThat(f.subject()).isEqualTo("O=Org Two,O=Org One,CN=b.example.com,CN=a.example.com");
    }

    @Test
    void reportsNoCommonName() throws Exception {
        CertificateFacts f = facts(CertificateBuilder.create().subject("O=octt, C=DE").keyPair(EC_KEY).build().certificate().getEncoded());

        assertThat(f.commonNames()).isEmpty();
        assertThat(f.organizations()).containsExactly("octt");
        assertThat(f.subject()).isEqualTo("C=DE,O=octt");
    }

    @Test
    void reportsSubjectAltNameDnsNamesAndIpAddresses() throws Exception {
        IssuedCertificate c = CertificateBuilder.create().subject("CN=csms.example.com")
                .keyPair(EC_KEY).dnsNames("csms.example.com", "*.example.com").ipAddresses("192.0.2.10", "2001:db8::1").build();

        CertificateFacts f = facts(c.certificate().getEncoded());

        assertThat(f.dnsNames()).containsExactly("csms.example.com", "*.example.com");
        assertThat(f.ipAddresses()).containsExactly("192.0.2.10", "2001:db8::1");
        assertThat(f.hasSubjectAltNames()).isTrue();
    }

    @Test
    void givesColonSeparatedUpperCaseSha256Fingerprint() throws Exception {
        byte[] der = ROOT.certificate().getEncoded();

        CertificateFacts f = facts(der);

        String expected = HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        assertThat(f.sha256Fingerprint()).isEqualTo(expected).hasSize(95).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    }

    @Test
    void roundTripsThroughPem() throws Exception {
        X509Certificate cert = ROOT.certificate();

        CertificateFacts f = facts(cert.getEncoded());

        assertThat(f.pem()).isEqualTo(Pem.certificate(cert));
        assertThat(f.der()).isEqualTo(cert.getEncoded());
        assertThat(f.pemRoundTrips()).isTrue();
    }

    @Test
    void doesNotRoundTripNonDerLengthEncoding() throws Exception {
        byte[] der = ROOT.certificate().getEncoded();
        assertThat(der[1]).isEqualTo((byte) 0x82);
        // Same certificate, outer SEQUENCE length in a needlessly long form (BER, not DER).
        byte[] ber = new byte[der.length + 1];
        ber[0] = 0x30;
        ber[1] = (byte) 0x83;
        ber[2] = 0;
        System.arraycopy(der, 2, ber, 3, der.length - 2);

        Inspection inspection = CertificateInspector.inspect(ber);

        assertThat(inspection.facts()).get().satisfies(f -> {
            assertThat(f.pemRoundTrips()).isFalse();
            assertThat(f.commonNames()).containsExactly("octt root");
        });
    }

    @Test
    void reportsRandomBytesAsMalformed() {
        Inspection inspection = CertificateInspector.inspect(new byte[] {1, 2, 3, 4, 5});

        assertThat(inspection).isInstanceOf(Inspection.Malformed.class);
        assertThat(inspection.parsed()).isFalse();
        assertThat(((Inspection.Malformed) inspection).reason()).startsWith("not a DER-encoded X.509 certificate: ");
        assertThat(((Inspection.Malformed) inspection).octets()).isEqualTo(5);
    }

    @Test
    void reportsEmptyInputAsMalformed() {
        assertThat(CertificateInspector.inspect(new byte[0]))
                .isEqualTo(new Inspection.Malformed("not an X.509 certificate: no octets", 0));
    }

    @Test
    void reportsTruncatedCertificateAsMalformed() throws Exception {
        byte[] der = ROOT.certificate().getEncoded();

        Inspection inspection = CertificateInspector.inspect(Arrays.copyOf(der, der.length - 10));

        assertThat(inspection).isInstanceOfSatisfying(Inspection.Malformed.class,
                m -> assertThat(m.reason()).startsWith("not a DER-encoded X.509 certificate: "));
    }

    @Test
    void reportsTrailingBytesAsMalformed() throws Exception {
        byte[] der = ROOT.certificate().getEncoded();

        Inspection inspection = CertificateInspector.inspect(Arrays.copyOf(der, der.length + 3));

        assertThat(inspection).isInstanceOf(Inspection.Malformed.class);
    }

    @Test
    void reportsWellFormedDerThatIsNotACertificateAsMalformed() throws Exception {
        // A valid DER SEQUENCE (a public key), but no certificate.
        Inspection inspection = CertificateInspector.inspect(ROOT.certificate().getPublicKey().getEncoded());

        assertThat(inspection).isInstanceOfSatisfying(Inspection.Malformed.class,
                m -> assertThat(m.reason()).startsWith("not a DER-encoded X.509 certificate: "));
    }

    private static CertificateFacts facts(byte[] der) {
        Inspection inspection = CertificateInspector.inspect(der);
        assertThat(inspection).isInstanceOf(Inspection.Parsed.class);
        return ((Inspection.Parsed) inspection).certificate();
    }
}
