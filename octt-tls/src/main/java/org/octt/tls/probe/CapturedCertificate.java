package org.octt.tls.probe;

import org.octt.tls.internal.BouncyCastle;

import org.bouncycastle.asn1.x509.Certificate;

import java.io.ByteArrayInputStream;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One certificate exactly as the server sent it: the DER bytes and, when they parse, an
 * {@link X509Certificate}. Parsing tries the JDK's factory first and then a private Bouncy Castle
 * provider instance (never registered JVM-wide), so keys the JDK refuses (e.g. P-192 on recent
 * JDKs) still give a certificate object. Immutable and thread-safe.
 */
public final class CapturedCertificate {

    private final byte[] encoded;
    private final X509Certificate certificate;
    private final String parseError;

    private CapturedCertificate(byte[] encoded, X509Certificate certificate, String parseError) {
        this.encoded = encoded;
        this.certificate = certificate;
        this.parseError = parseError;
    }

    /** Captures {@code der} (copied); never throws for malformed input. */
    public static CapturedCertificate of(byte[] der) {
        byte[] copy = Objects.requireNonNull(der, "der").clone();
        CertificateException jdkError;
        try {
            return new CapturedCertificate(copy, parse(CertificateFactory.getInstance("X.509"), copy), null);
        } catch (CertificateException | RuntimeException e) {
            jdkError = e instanceof CertificateException ce ? ce : new CertificateException(e);
        }
        try {
            return new CapturedCertificate(copy, parse(CertificateFactory.getInstance("X.509", BouncyCastle.provider()), copy), null);
        } catch (CertificateException | RuntimeException e) {
            return new CapturedCertificate(copy, null, "not a parseable X.509 certificate: "
                    + Objects.toString(jdkError.getMessage(), jdkError.getClass().getSimpleName()));
        }
    }


    private static X509Certificate parse(CertificateFactory factory, byte[] der) throws CertificateException {
        return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
    }

    /** The DER encoding as sent (a copy); never null. */
    public byte[] encoded() {
        return encoded.clone();
    }

    /** The parsed certificate, or empty when neither the JDK nor Bouncy Castle could parse it. */
    public Optional<X509Certificate> certificate() {
        return Optional.ofNullable(certificate);
    }

    /** Why parsing failed, or empty when {@link #certificate()} is present. */
    public Optional<String> parseError() {
        return Optional.ofNullable(parseError);
    }

    /** The subject DN in RFC 2253 form, read with Bouncy Castle's ASN.1 parser when needed. */
    public String subject() {
        if (certificate != null) {
            return certificate.getSubjectX500Principal().getName();
        }
        try {
            return Certificate.getInstance(encoded).getSubject().toString();
        } catch (RuntimeException e) {
            return "<unparseable certificate, " + encoded.length + " bytes>";
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CapturedCertificate c && Arrays.equals(encoded, c.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "CapturedCertificate[" + subject() + "]";
    }
}
