package org.octt.ocpp.cp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.octt.ocpp.v16.message.CertificateHashData;
import org.octt.ocpp.v16.message.HashAlgorithm;
import org.octt.tls.pki.CertificateBuilder;
import org.octt.tls.pki.IssuedCertificate;
import org.octt.tls.pki.KeyPairs;
import org.octt.tls.pki.Pem;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * certificateHashData (RFC 6960 CertID) computed by octt, against the CertID that {@code openssl ocsp}
 * puts in an OCSP request for the same certificate and issuer: an independent implementation.
 */
class CertificateHashesTests {

    @TempDir
    Path dir;

    /** A serial whose DER encoding has a leading 00 octet (high bit set) and a zero in its hex value. */
    static final BigInteger HIGH_BIT_SERIAL = new BigInteger("80f00d0001", 16);

    @ParameterizedTest
    @EnumSource(HashAlgorithm.class)
    void selfSignedEcRootMatchesOpenSsl(HashAlgorithm algorithm) throws Exception {
        X509Certificate root = CertificateBuilder.create().subject("O=octt, CN=octt manufacturer root")
                .keyPair(KeyPairs.ec("secp256r1")).serial(HIGH_BIT_SERIAL).ca().build().certificate();

        CertificateHashData octt = CertificateHashes.ofSelfSigned(root, algorithm);

        Map<String, String> openssl = openSslCertId(root, root, algorithm);
        assertThat(octt.hashAlgorithm()).isEqualTo(algorithm);
        assertThat(octt.issuerNameHash()).isEqualTo(openssl.get("Issuer Name Hash").toLowerCase(Locale.ROOT));
        assertThat(octt.issuerKeyHash()).isEqualTo(openssl.get("Issuer Key Hash").toLowerCase(Locale.ROOT));
        assertThat(octt.serialNumber()).isEqualTo("80f00d0001").isEqualTo(openssl.get("Serial Number").toLowerCase(Locale.ROOT));
        assertThat(octt.issuerNameHash()).hasSize(2 * digestLength(algorithm));
    }

    @Test
    void rsaCertificateIssuedByACaHashesTheIssuersNameAndKeyNotItsOwn() throws Exception {
        IssuedCertificate ca = CertificateBuilder.create().subject("O=octt, CN=octt ca").keyPair(KeyPairs.ec("secp384r1"))
                .ca().build();
        X509Certificate leaf = CertificateBuilder.create().subject("CN=leaf").keyPair(KeyPairs.rsa(2048))
                .serial(BigInteger.valueOf(0x0102)).issuer(ca).build().certificate();

        CertificateHashData octt = CertificateHashes.of(leaf, ca.certificate(), HashAlgorithm.SHA384);

        Map<String, String> openssl = openSslCertId(leaf, ca.certificate(), HashAlgorithm.SHA384);
        assertThat(octt.issuerNameHash()).isEqualTo(openssl.get("Issuer Name Hash").toLowerCase(Locale.ROOT));
        assertThat(octt.issuerKeyHash()).isEqualTo(openssl.get("Issuer Key Hash").toLowerCase(Locale.ROOT));
        assertThat(octt.serialNumber()).isEqualTo("102");
        assertThat(octt.issuerKeyHash()).isNotEqualTo(CertificateHashes.ofSelfSigned(leaf, HashAlgorithm.SHA384).issuerKeyHash());
    }

    @Test
    void issuerKeyHashIsTheDigestOfTheBitStringValueNotOfTheWholeSubjectPublicKeyInfo() throws Exception {
        X509Certificate root = CertificateBuilder.create().subject("CN=r").keyPair(KeyPairs.ec("secp256r1")).ca().build()
                .certificate();
        byte[] spki = root.getPublicKey().getEncoded();
        // an uncompressed P-256 point is the last 65 octets of the SubjectPublicKeyInfo
        byte[] point = java.util.Arrays.copyOfRange(spki, spki.length - 65, spki.length);

        String expected = java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-512").digest(point));
        assertThat(CertificateHashes.ofSelfSigned(root, HashAlgorithm.SHA512).issuerKeyHash()).isEqualTo(expected);
    }

    @Test
    void serialNumberIsLowerCaseHexWithoutLeadingZeros() {
        assertThat(CertificateHashes.serialNumber(BigInteger.ZERO)).isEqualTo("0");
        assertThat(CertificateHashes.serialNumber(new BigInteger("00ABCDEF", 16))).isEqualTo("abcdef");
        assertThat(CertificateHashes.serialNumber(new BigInteger("0fff", 16))).isEqualTo("fff");
    }

    @Test
    void compareNamesEachDifferingFieldWithExpectedAndSeen() {
        CertificateHashData octt = new CertificateHashData(HashAlgorithm.SHA384, "aa11", "bb22", "1f");
        CertificateHashData seen = new CertificateHashData(HashAlgorithm.SHA256, "aa11", "cc33", "20");

        assertThat(CertificateHashes.compare(octt, seen)).extracting(Object::toString).containsExactly(
                "hashAlgorithm: expected SHA384, seen SHA256",
                "issuerKeyHash: expected bb22, seen cc33",
                "serialNumber: expected 1f, seen 20");
    }

    @Test
    void compareIgnoresHexCaseAndLeadingZerosOfTheSerialButSpellingDifferencesNameThem() {
        CertificateHashData octt = new CertificateHashData(HashAlgorithm.SHA256, "aa11", "bb22", "f00d");
        CertificateHashData seen = new CertificateHashData(HashAlgorithm.SHA256, "AA11", "bb22", "00F00D");

        assertThat(CertificateHashes.compare(octt, seen)).isEmpty();
        assertThat(CertificateHashes.spellingDifferences(octt, seen))
                .containsExactly("issuerNameHash \"AA11\"", "serialNumber \"00F00D\"");
        assertThat(CertificateHashes.spellingDifferences(octt, octt)).isEmpty();
    }

    private static int digestLength(HashAlgorithm algorithm) {
        return switch (algorithm) {
            case SHA256 -> 32;
            case SHA384 -> 48;
            case SHA512 -> 64;
        };
    }

    /** The CertID fields of {@code openssl ocsp -req_text} for the certificate and its issuer. */
    private Map<String, String> openSslCertId(X509Certificate certificate, X509Certificate issuer, HashAlgorithm algorithm)
            throws IOException, InterruptedException {
        Path cert = Files.writeString(dir.resolve("cert.pem"), Pem.certificate(certificate));
        Path ca = Files.writeString(dir.resolve("issuer.pem"), Pem.certificate(issuer));
        Path out = dir.resolve("ocsp.txt");
        Process p = new ProcessBuilder("openssl", "ocsp", "-" + algorithm.name().toLowerCase(Locale.ROOT),
                "-issuer", ca.toString(), "-cert", cert.toString(), "-no_nonce", "-req_text",
                "-reqout", dir.resolve("req.der").toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("openssl ocsp finished").isTrue();
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        // openssl wraps long hex lines with a trailing backslash
        String joined = text.replaceAll("\\\\\\r?\\n\\s*", "");
        Map<String, String> fields = new HashMap<>();
        for (String line : joined.split("\\R")) {
            String t = line.trim();
            for (String key : List.of("Hash Algorithm", "Issuer Name Hash", "Issuer Key Hash", "Serial Number")) {
                if (t.startsWith(key + ": ")) {
                    fields.put(key, t.substring(key.length() + 2).trim());
                }
            }
        }
        assertThat(fields).as(text).containsEntry("Hash Algorithm", algorithm.name().toLowerCase(Locale.ROOT)).hasSize(4);
        return fields;
    }
}
