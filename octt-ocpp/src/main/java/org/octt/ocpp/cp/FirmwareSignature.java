package org.octt.ocpp.cp;

import org.octt.tls.cert.PemException;
import org.octt.tls.cert.PemFiles;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Verifies a firmware signature the way a Charge Point does on SignedUpdateFirmware.req (OCPP 1.6
 * security whitepaper, secure firmware update): {@code signature} is the Base64 encoding of the
 * signature over the firmware image, made with the private key of {@code signingCertificate} (PEM),
 * hashed with SHA-256. The algorithm follows the certificate's key:
 * <ul>
 *   <li>RSA: {@code SHA256withRSA} (PKCS#1 v1.5, what {@code openssl dgst -sha256 -sign} makes), or
 *       RSASSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt (the whitepaper names RSA-PSS for
 *       its signatures, A00.FR.505);</li>
 *   <li>EC: {@code SHA256withECDSA}, the signature DER-encoded (as OpenSSL makes it) or as the raw
 *       r||s pair (IEEE P1363).</li>
 * </ul>
 * The signing certificate's own chain (to a ManufacturerRootCertificate) is not validated here.
 * Stateless.
 */
public final class FirmwareSignature {

    /** How a verification ended. */
    public enum Status {
        /** The signature verifies with the signing certificate's key. */
        VALID,
        /** A well-formed signature that does not verify. */
        INVALID,
        /** The signature or the certificate cannot be read, or the key type is not one a signature can be made with here. */
        UNREADABLE
    }

    /**
     * The outcome: its status, the algorithm that verified it (or that was tried) and a sentence.
     *
     * @param algorithm e.g. {@code SHA256withECDSA}; empty when nothing was tried
     */
    public record Verification(Status status, String algorithm, String message) {
        public Verification {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(message, "message");
        }

        /** Whether the signature verifies. */
        public boolean valid() {
            return status == Status.VALID;
        }
    }

    private FirmwareSignature() {
    }

    /**
     * Verifies {@code signatureBase64} over {@code firmware} with the key of {@code signingCertificatePem}
     * (the first certificate in it). Never throws for bad input: that is {@link Status#UNREADABLE}.
     */
    public static Verification verify(byte[] firmware, String signatureBase64, String signingCertificatePem) {
        Objects.requireNonNull(firmware, "firmware");
        Objects.requireNonNull(signatureBase64, "signatureBase64");
        Objects.requireNonNull(signingCertificatePem, "signingCertificatePem");
        X509Certificate certificate;
        try {
            certificate = PemFiles.readCertificates(signingCertificatePem.getBytes(StandardCharsets.UTF_8),
                    "the signingCertificate").get(0);
        } catch (PemException e) {
            return new Verification(Status.UNREADABLE, "", e.getMessage());
        }
        byte[] signature;
        try {
            signature = Base64.getMimeDecoder().decode(signatureBase64.strip());
        } catch (IllegalArgumentException e) {
            return new Verification(Status.UNREADABLE, "", "the signature is not Base64: " + e.getMessage());
        }
        if (signature.length == 0) {
            return new Verification(Status.UNREADABLE, "", "the signature is empty");
        }
        return verify(firmware, signature, certificate);
    }

    /** Verifies a decoded signature with the key of {@code certificate}. */
    public static Verification verify(byte[] firmware, byte[] signature, X509Certificate certificate) {
        PublicKey key = certificate.getPublicKey();
        String subject = certificate.getSubjectX500Principal().getName();
        List<String> algorithms = switch (key.getAlgorithm()) {
            case "RSA" -> List.of("SHA256withRSA", "RSASSA-PSS");
            case "EC", "ECDSA" -> List.of("SHA256withECDSA", "SHA256withECDSAinP1363Format");
            default -> List.of();
        };
        if (algorithms.isEmpty()) {
            return new Verification(Status.UNREADABLE, "", "the signing certificate (" + subject + ") has a "
                    + key.getAlgorithm() + " key; expected RSA (SHA256withRSA) or EC (SHA256withECDSA)");
        }
        for (String algorithm : algorithms) {
            if (verifies(algorithm, key, firmware, signature)) {
                return new Verification(Status.VALID, algorithm, "the signature over the " + firmware.length
                        + "-byte firmware verifies with the key of the signing certificate (" + subject + "), "
                        + algorithm);
            }
        }
        return new Verification(Status.INVALID, algorithms.get(0), "the signature over the " + firmware.length
                + "-byte firmware does not verify with the key of the signing certificate (" + subject + "), tried "
                + String.join(" and ", algorithms));
    }

    private static boolean verifies(String algorithm, PublicKey key, byte[] firmware, byte[] signature) {
        try {
            Signature s = Signature.getInstance(algorithm);
            if (algorithm.equals("RSASSA-PSS")) {
                s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
            }
            s.initVerify(key);
            s.update(firmware);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false; // a malformed signature (bad DER, wrong length) does not verify
        }
    }
}
