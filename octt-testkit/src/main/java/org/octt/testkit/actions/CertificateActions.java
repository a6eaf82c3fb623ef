package org.octt.testkit.actions;

import com.fasterxml.jackson.databind.JsonNode;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.octt.testkit.ChargePointAnswer;
import org.octt.testkit.RunningCentralSystem;
import org.octt.tls.cert.PemException;
import org.octt.tls.cert.PemFiles;
import org.octt.tls.pki.CertificateBuilder;
import org.octt.tls.pki.KeyPairs;
import org.octt.tls.pki.Pem;
import reactor.core.publisher.Mono;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the certificate actions share: their parameters, the certificate the reference Central System
 * installs, its own computation of certificateHashData (independent of the Charge Point toolkit's),
 * and sending one CALL with a bound.
 */
final class CertificateActions {

    /** The parameter naming the certificate use: {@code ManufacturerRootCertificate} or {@code CentralSystemRootCertificate}. */
    static final String CERTIFICATE_TYPE = "certificateType";
    /** The parameter naming a PEM file whose certificate is installed (the reference root when absent). */
    static final String CERTIFICATE_FILE = "certificateFile";
    /** The parameter naming the hash algorithm: {@code SHA256}, {@code SHA384} or {@code SHA512}. */
    static final String HASH_ALGORITHM = "hashAlgorithm";

    static final List<String> CERTIFICATE_TYPES = List.of("CentralSystemRootCertificate", "ManufacturerRootCertificate");
    static final List<String> HASH_ALGORITHMS = List.of("SHA256", "SHA384", "SHA512");

    /** How long the Charge Point has to answer one CALL of an action. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private CertificateActions() {
    }

    /** The parameter's value, one of {@code allowed}. */
    static String oneOf(Map<String, String> parameters, String name, List<String> allowed, String actionId) {
        String value = parameters.get(name);
        if (value == null) {
            throw new IllegalArgumentException(actionId + " needs the parameter " + name + " (one of "
                    + String.join(", ", allowed) + ")");
        }
        if (!allowed.contains(value)) {
            throw new IllegalArgumentException(actionId + ": parameter " + name + " '" + shorten(value)
                    + "' is not one of " + String.join(", ", allowed));
        }
        return value;
    }

    /** The certificate to install: the one of the {@value #CERTIFICATE_FILE} parameter, else the reference root. */
    static X509Certificate certificate(RunningCentralSystem cs, Map<String, String> parameters) {
        String file = parameters.get(CERTIFICATE_FILE);
        if (file == null) {
            return cs.rootCertificate();
        }
        try {
            return PemFiles.readCertificates(Path.of(file)).get(0);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("parameter " + CERTIFICATE_FILE + " is not a path: " + shorten(file), e);
        } catch (PemException e) {
            throw new IllegalArgumentException("parameter " + CERTIFICATE_FILE + ": " + e.getMessage(), e);
        }
    }

    /** A root certificate nobody configured, for {@code Fault.WRONG_ROOT_INSTALLED}. */
    static X509Certificate anotherRoot() {
        return CertificateBuilder.create().subject("O=octt, CN=octt reference other root")
                .keyPair(KeyPairs.ec("secp256r1")).ca().build().certificate();
    }

    /** The PEM of {@code certificate} with its base64 body cut in half: valid base64, truncated DER. */
    static String truncated(X509Certificate certificate) {
        String[] lines = Pem.certificate(certificate).strip().split("\n");
        StringBuilder sb = new StringBuilder(lines[0]).append('\n');
        for (int i = 1; i < lines.length / 2; i++) {
            sb.append(lines[i]).append('\n');
        }
        return sb.append(lines[lines.length - 1]).append('\n').toString();
    }

    /**
     * The reference Central System's certificateHashData of a root certificate in {@code algorithm}:
     * the hash of the DER issuer name, the hash of the public key BIT STRING's value (or, with
     * {@code wholeKeyInfo}, wrongly of the whole SubjectPublicKeyInfo), the serial number in lower-case
     * hex without leading zeros.
     */
    static Map<String, String> hashData(X509Certificate root, String algorithm, boolean wholeKeyInfo) {
        byte[] keyInfo = root.getPublicKey().getEncoded();
        byte[] key = wholeKeyInfo ? keyInfo : SubjectPublicKeyInfo.getInstance(keyInfo).getPublicKeyData().getBytes();
        return Map.of(HASH_ALGORITHM, algorithm,
                "issuerNameHash", hex(digest(algorithm, root.getIssuerX500Principal().getEncoded())),
                "issuerKeyHash", hex(digest(algorithm, key)),
                "serialNumber", root.getSerialNumber().toString(16));
    }

    /** Sends the CALL once the Charge Point is connected; the Charge Point's answer within {@link #ANSWER_TIMEOUT}. */
    static Mono<ChargePointAnswer> send(RunningCentralSystem cs, String chargePointId, String action, JsonNode payload) {
        return cs.connected(chargePointId)
                .then(cs.send(chargePointId, action, payload))
                .timeout(ANSWER_TIMEOUT, Mono.error(() -> new IllegalStateException("Charge Point " + chargePointId
                        + " did not answer " + action + ".req within " + ANSWER_TIMEOUT.toSeconds() + " s")));
    }

    /** The answer in a few words: {@code Accepted}, or {@code CALLERROR NotSupported}. */
    static String describe(ChargePointAnswer answer) {
        if (answer.isError()) {
            return "CALLERROR " + answer.errorCode().orElse("?") + " " + shorten(answer.errorDescription().orElse(""));
        }
        return Optional.ofNullable(answer.payload().get("status")).map(JsonNode::asText).orElse(answer.payload().toString());
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-" + algorithm.substring(3)).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is on every Java platform", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static String shorten(String s) {
        String t = s.replaceAll("\\p{Cntrl}", "?");
        return t.length() <= 60 ? t : t.substring(0, 60) + "...";
    }
}
