package org.octt.tls.pki;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds X.509 certificates for test PKIs with Bouncy Castle: CA and leaf certificates, RSA and EC
 * keys of any size, any serial (zero and negative included), any subject (wildcard CN, no CN),
 * subjectAltNames, and any validity (expired, not yet valid). Mutable builder; {@link #build()}
 * may be called more than once.
 *
 * <pre>{@code
 * IssuedCertificate root = CertificateBuilder.create().subject("CN=octt test root").ca().build();
 * IssuedCertificate rsa = CertificateBuilder.create().subject("CN=csms.example.com")
 *         .dnsNames("csms.example.com").issuer(root).build();
 * IssuedCertificate ec = CertificateBuilder.create().subject("CN=csms.example.com")
 *         .keyPair(KeyPairs.ec("secp256r1")).issuer(root).build();
 * }</pre>
 */
public final class CertificateBuilder {

    private static final SecureRandom RANDOM = new SecureRandom();

    private String subject = "CN=localhost";
    private final List<GeneralName> altNames = new ArrayList<>();
    private BigInteger serial;
    private Instant notBefore;
    private Instant notAfter;
    private KeyPair keyPair;
    private IssuedCertificate issuer;
    private boolean ca;
    private String signatureAlgorithm;

    private CertificateBuilder() {
    }

    public static CertificateBuilder create() {
        return new CertificateBuilder();
    }

    /** The subject as an RFC 4514 string, e.g. {@code CN=csms.example.com, O=octt}; may lack a CN. */
    public CertificateBuilder subject(String subject) {
        this.subject = Objects.requireNonNull(subject, "subject");
        return this;
    }

    public CertificateBuilder dnsNames(String... names) {
        for (String n : names) {
            altNames.add(new GeneralName(GeneralName.dNSName, n));
        }
        return this;
    }

    public CertificateBuilder ipAddresses(String... addresses) {
        for (String a : addresses) {
            altNames.add(new GeneralName(GeneralName.iPAddress, a));
        }
        return this;
    }

    /** The serial number; random positive 16 octets by default. Zero and negative are allowed. */
    public CertificateBuilder serial(BigInteger serial) {
        this.serial = Objects.requireNonNull(serial, "serial");
        return this;
    }

    public CertificateBuilder validity(Instant notBefore, Instant notAfter) {
        this.notBefore = Objects.requireNonNull(notBefore, "notBefore");
        this.notAfter = Objects.requireNonNull(notAfter, "notAfter");
        return this;
    }

    /** The subject's key pair; RSA-2048 by default. */
    public CertificateBuilder keyPair(KeyPair keyPair) {
        this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
        return this;
    }

    /** Signs with this issuer; self-signed when not set. */
    public CertificateBuilder issuer(IssuedCertificate issuer) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        return this;
    }

    /** Makes a CA certificate (basicConstraints CA, keyCertSign). */
    public CertificateBuilder ca() {
        this.ca = true;
        return this;
    }

    /**
     * The JCA signature algorithm; by default from the signer's key: SHA256withRSA, SHA256withRSAandMGF1
     * (RSASSA-PSS keys), SHA256withECDSA, SHA256withDSA, Ed25519 or Ed448.
     */
    public CertificateBuilder signatureAlgorithm(String algorithm) {
        this.signatureAlgorithm = Objects.requireNonNull(algorithm, "algorithm");
        return this;
    }

    /** Signs with the JDK's providers where they can (no Bouncy Castle provider start-up), else with Bouncy Castle's. */
    private static ContentSigner signer(String algorithm, KeyPair signerKeys) throws OperatorCreationException {
        if (signerKeys.getPrivate().getClass().getName().startsWith("org.bouncycastle.")) {
            // A key only Bouncy Castle made (e.g. P-192) is signed by Bouncy Castle: the JDK would
            // accept it here and refuse the curve only when signing.
            return new JcaContentSignerBuilder(algorithm).setProvider(KeyPairs.bc()).build(signerKeys.getPrivate());
        }
        try {
            return new JcaContentSignerBuilder(algorithm).build(signerKeys.getPrivate());
        } catch (OperatorCreationException | IllegalArgumentException jdkRefused) {
            return new JcaContentSignerBuilder(algorithm).setProvider(KeyPairs.bc()).build(signerKeys.getPrivate());
        }
    }

    public IssuedCertificate build() {
        try {
            KeyPair subjectKeys = keyPair != null ? keyPair : KeyPairs.rsa(2048);
            Instant now = Instant.now();
            Instant from = notBefore != null ? notBefore : now.minus(Duration.ofHours(1));
            Instant to = notAfter != null ? notAfter : now.plus(Duration.ofDays(365));
            BigInteger sn = serial != null ? serial : new BigInteger(127, RANDOM).setBit(120);
            X500Name subjectName = new X500Name(subject);
            X500Name issuerName = issuer != null
                    ? X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded())
                    : subjectName;
            KeyPair signerKeys = issuer != null ? issuer.keyPair() : subjectKeys;
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName, sn,
                    java.util.Date.from(from), java.util.Date.from(to), subjectName, subjectKeys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.subjectKeyIdentifier, false,
                    ext.createSubjectKeyIdentifier(subjectKeys.getPublic()));
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    ext.createAuthorityKeyIdentifier(signerKeys.getPublic()));
            if (ca) {
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                b.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            } else {
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                int usage = KeyUsage.digitalSignature;
                if (subjectKeys.getPublic().getAlgorithm().equals("RSA")) {
                    usage |= KeyUsage.keyEncipherment;
                }
                b.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            }
            if (!altNames.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(altNames.toArray(new GeneralName[0])));
            }
            String alg = Optional.ofNullable(signatureAlgorithm)
                    .orElseGet(() -> defaultSignatureAlgorithm(signerKeys.getPrivate().getAlgorithm()));
            X509CertificateHolder holder = b.build(signer(alg, signerKeys));
            // Read through the JDK's factory so the object behaves like one received over TLS.
            // Fall back to Bouncy Castle's object where the JDK cannot (e.g. a P-192 key on JDK 25).
            X509Certificate jdkCert;
            try {
                jdkCert = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                        .generateCertificate(new java.io.ByteArrayInputStream(holder.getEncoded()));
            } catch (java.security.cert.CertificateException e) {
                jdkCert = new JcaX509CertificateConverter().setProvider(KeyPairs.bc()).getCertificate(holder);
            }
            List<X509Certificate> issuers = issuer != null ? issuer.chain() : List.of();
            return new IssuedCertificate(jdkCert, subjectKeys, issuers);
        } catch (Exception e) {
            throw new IllegalStateException("cannot build certificate for " + subject + ": " + e.getMessage(), e);
        }
    }

    private static String defaultSignatureAlgorithm(String keyAlgorithm) {
        switch (keyAlgorithm) {
            case "EC":
            case "ECDSA":
                return "SHA256withECDSA";
            case "RSASSA-PSS":
                return "SHA256withRSAandMGF1";
            case "DSA":
                return "SHA256withDSA";
            case "Ed25519":
            case "Ed448":
                return keyAlgorithm;
            default:
                return "SHA256withRSA";
        }
    }
}
