package org.octt.ocpp.cp;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.Certificate;
import org.octt.ocpp.v16.message.CertificateHashData;
import org.octt.ocpp.v16.message.HashAlgorithm;

import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code certificateHashData} of a certificate as OCPP 1.6 (security whitepaper, CertificateHashDataType)
 * takes it from the CertID of RFC 6960 §4.1.1, in SHA-256, SHA-384 or SHA-512:
 * <ul>
 *   <li>{@code issuerNameHash}: the hash of the DER encoding of the certificate's issuer field;</li>
 *   <li>{@code issuerKeyHash}: the hash of the issuer's public key, the value of the BIT STRING
 *       subjectPublicKey of the issuer certificate (without tag, length and unused-bits octet); for a
 *       self-signed root the issuer is the certificate itself;</li>
 *   <li>{@code serialNumber}: the certificate's serial number in hexadecimal.</li>
 * </ul>
 *
 * <p>Spelling (the 1.6 whitepaper only says "hashed value" and "serial number"; its schema allows 128
 * characters for a hash, so hex): octt writes lower-case hex, and the serial number without leading
 * zeros (as OCPP 2.0.1 words it: "the hexadecimal value of the serial number without the prefix 0x and
 * without leading zeroes"; serial 0 is {@code 0}). {@link #compare} compares values, not spellings: hex
 * case, and leading zeros of the serial number, do not make a mismatch ({@link #spellingDifferences}
 * names them). Stateless.
 */
public final class CertificateHashes {

    private static final HexFormat HEX = HexFormat.of();

    /** One field of certificateHashData whose value differs: its name, octt's value and the one seen. */
    public record Mismatch(String field, String expected, String seen) {
        public Mismatch {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(expected, "expected");
            Objects.requireNonNull(seen, "seen");
        }

        /** E.g. {@code issuerKeyHash: expected 0d95..., seen 59a1...}. */
        @Override
        public String toString() {
            return field + ": expected " + expected + ", seen " + seen;
        }
    }

    private CertificateHashes() {
    }

    /**
     * The hash data of {@code certificate}, issued by {@code issuer} (whose public key is hashed), in
     * {@code algorithm}.
     *
     * @throws IllegalArgumentException when a certificate cannot be encoded
     */
    public static CertificateHashData of(X509Certificate certificate, X509Certificate issuer, HashAlgorithm algorithm) {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(algorithm, "algorithm");
        Certificate subject = structure(certificate);
        Certificate issuing = structure(issuer);
        byte[] issuerName;
        try {
            issuerName = subject.getIssuer().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot encode the issuer name of " + certificate.getSubjectX500Principal()
                    + ": " + e.getMessage(), e);
        }
        byte[] issuerKey = issuing.getSubjectPublicKeyInfo().getPublicKeyData().getBytes();
        return new CertificateHashData(algorithm, hex(digest(algorithm, issuerName)), hex(digest(algorithm, issuerKey)),
                serialNumber(certificate.getSerialNumber()));
    }

    /** The hash data of a self-signed (root) certificate: its own name and key are the issuer's. */
    public static CertificateHashData ofSelfSigned(X509Certificate root, HashAlgorithm algorithm) {
        return of(root, root, algorithm);
    }

    /** The serial number as octt writes it: lower-case hex without leading zeros ({@code 0} for zero). */
    public static String serialNumber(BigInteger serial) {
        Objects.requireNonNull(serial, "serial");
        return serial.signum() < 0 ? "-" + serial.negate().toString(16) : serial.toString(16);
    }

    /** The JCA name of the algorithm, e.g. {@code SHA-384}. */
    public static String jcaName(HashAlgorithm algorithm) {
        return switch (algorithm) {
            case SHA256 -> "SHA-256";
            case SHA384 -> "SHA-384";
            case SHA512 -> "SHA-512";
        };
    }

    /**
     * Each field whose value in {@code seen} differs from {@code expected}, in the order hashAlgorithm,
     * issuerNameHash, issuerKeyHash, serialNumber; empty when they identify the same certificate. Hex is
     * compared without regard to case, the serial number also without leading zeros.
     */
    public static List<Mismatch> compare(CertificateHashData expected, CertificateHashData seen) {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(seen, "seen");
        List<Mismatch> m = new ArrayList<>();
        if (expected.hashAlgorithm() != seen.hashAlgorithm()) {
            m.add(new Mismatch("hashAlgorithm", expected.hashAlgorithm().name(), seen.hashAlgorithm().name()));
        }
        if (!hexEqual(expected.issuerNameHash(), seen.issuerNameHash())) {
            m.add(new Mismatch("issuerNameHash", expected.issuerNameHash(), seen.issuerNameHash()));
        }
        if (!hexEqual(expected.issuerKeyHash(), seen.issuerKeyHash())) {
            m.add(new Mismatch("issuerKeyHash", expected.issuerKeyHash(), seen.issuerKeyHash()));
        }
        if (!serialEqual(expected.serialNumber(), seen.serialNumber())) {
            m.add(new Mismatch("serialNumber", expected.serialNumber(), seen.serialNumber()));
        }
        return List.copyOf(m);
    }

    /**
     * The fields {@link #compare} finds equal but that are spelled otherwise than octt spells them
     * (upper-case hex, leading zeros in the serial number), each as {@code field "seen"}; empty when
     * spelled alike.
     */
    public static List<String> spellingDifferences(CertificateHashData expected, CertificateHashData seen) {
        List<String> d = new ArrayList<>();
        addSpelling(d, "issuerNameHash", expected.issuerNameHash(), seen.issuerNameHash(),
                hexEqual(expected.issuerNameHash(), seen.issuerNameHash()));
        addSpelling(d, "issuerKeyHash", expected.issuerKeyHash(), seen.issuerKeyHash(),
                hexEqual(expected.issuerKeyHash(), seen.issuerKeyHash()));
        addSpelling(d, "serialNumber", expected.serialNumber(), seen.serialNumber(),
                serialEqual(expected.serialNumber(), seen.serialNumber()));
        return List.copyOf(d);
    }

    private static void addSpelling(List<String> d, String field, String expected, String seen, boolean equal) {
        if (equal && !expected.equals(seen)) {
            d.add(field + " \"" + seen + "\"");
        }
    }

    private static boolean hexEqual(String a, String b) {
        return a.equalsIgnoreCase(b);
    }

    private static boolean serialEqual(String a, String b) {
        return stripZeros(a.toLowerCase(Locale.ROOT)).equals(stripZeros(b.toLowerCase(Locale.ROOT)));
    }

    private static String stripZeros(String hex) {
        int i = 0;
        while (i < hex.length() - 1 && hex.charAt(i) == '0') {
            i++;
        }
        return hex.substring(i);
    }

    private static Certificate structure(X509Certificate certificate) {
        try {
            return Certificate.getInstance(certificate.getEncoded());
        } catch (CertificateEncodingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot encode the certificate " + certificate.getSubjectX500Principal()
                    + ": " + e.getMessage(), e);
        }
    }

    private static byte[] digest(HashAlgorithm algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(jcaName(algorithm)).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has " + jcaName(algorithm), e);
        }
    }

    private static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
