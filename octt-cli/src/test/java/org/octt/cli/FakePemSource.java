package org.octt.cli;

import org.octt.tls.cert.PemException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small JDK-only PEM reader with the contract of octt-tls PemFiles (PKCS#8 keys only), for the
 * CLI's tests until PemFiles is implemented.
 */
final class FakePemSource implements PemSource {

    private static final Pattern KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    @Override
    public List<X509Certificate> certificates(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            List<X509Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes)).stream()
                    .map(X509Certificate.class::cast).toList();
            if (certificates.isEmpty()) {
                throw new PemException("no certificate in " + file);
            }
            return certificates;
        } catch (IOException | GeneralSecurityException e) {
            throw new PemException("not a PEM certificate file: " + file, e);
        }
    }

    @Override
    public PrivateKey privateKey(Path file) {
        try {
            Matcher m = KEY.matcher(Files.readString(file, StandardCharsets.US_ASCII));
            if (!m.find()) {
                throw new PemException("no PEM private key in " + file);
            }
            byte[] der = Base64.getMimeDecoder().decode(m.group(1));
            for (String algorithm : List.of("EC", "RSA")) {
                try {
                    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                } catch (GeneralSecurityException e) {
                    // try the next algorithm
                }
            }
            throw new PemException("unreadable private key in " + file);
        } catch (IOException e) {
            throw new PemException("cannot read " + file, e);
        }
    }

    @Override
    public void requireMatchingKey(X509Certificate certificate, PrivateKey key, Path keyFile) {
        try {
            String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(new byte[] {1, 2, 3});
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(new byte[] {1, 2, 3});
            if (!verifier.verify(signature)) {
                throw new PemException("the private key in " + keyFile + " does not match the certificate "
                        + certificate.getSubjectX500Principal().getName());
            }
        } catch (GeneralSecurityException e) {
            throw new PemException("the private key in " + keyFile + " does not match the certificate "
                    + certificate.getSubjectX500Principal().getName(), e);
        }
    }
}
