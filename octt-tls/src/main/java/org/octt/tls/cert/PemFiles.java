package org.octt.tls.cert;

import org.octt.tls.internal.BouncyCastle;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.DSAPrivateKeyParameters;
import org.bouncycastle.crypto.params.DSAPublicKeyParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.params.Ed448PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed448PublicKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads certificates and private keys from PEM files, as given with {@code --ca-file},
 * {@code --client-cert} and {@code --client-key}. Every failure is a {@link PemException} whose
 * message is one line naming the file and the problem (missing, unreadable, a directory, no PEM
 * block, corrupt base64 or DER, an encrypted key, a certificate where a key is expected or the other
 * way round, a key that does not belong to the certificate); a message never holds key material.
 * Stateless and thread-safe. Bouncy Castle is used through a private provider instance; nothing
 * is registered JVM-wide.
 */
public final class PemFiles {

    /** The largest file {@link #readCertificates(Path)} and {@link #readPrivateKey(Path)} read: 1 MiB. */
    public static final int MAX_BYTES = 1024 * 1024;

    /** A PEM block type that a message may name ({@code OPENSSH PRIVATE KEY}); anything else is not shown. */
    private static final Pattern PEM_TYPE = Pattern.compile("[A-Z][A-Z0-9 ]{0,39}");

    private PemFiles() {
    }

    /**
     * Every certificate in the file, in file order. Text around the PEM blocks is ignored, and so are
     * other blocks (a private key in a combined file); {@code CERTIFICATE}, {@code X509 CERTIFICATE}
     * and {@code TRUSTED CERTIFICATE} blocks are read. Certificates come from the JDK's X.509 factory,
     * or from Bouncy Castle's where the JDK refuses the certificate (e.g. a P-192 key on JDK 25).
     *
     * @param file not null
     * @return at least one certificate
     * @throws PemException when the file cannot be read or holds no valid certificate
     */
    public static List<X509Certificate> readCertificates(Path file) {
        Objects.requireNonNull(file, "file");
        return readCertificates(readFile(file, "certificate"), file.toString());
    }

    /**
     * Every certificate in {@code content}, as {@link #readCertificates(Path)} reads a file; for a
     * caller that read the file itself (with its own bounds). A single DER certificate (no PEM
     * block, as {@code openssl x509 -outform DER} writes it) is read too, as OpenSSL and curl do.
     *
     * @param content the file's bytes; not null
     * @param source  how to name the file in a message, e.g. {@code --ca-file ca.pem}; not null
     * @return at least one certificate
     * @throws PemException when the content holds no valid certificate
     */
    public static List<X509Certificate> readCertificates(byte[] content, String source) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(source, "source");
        if (content.length == 0) {
            throw new PemException(source + ": the file is empty; expected a PEM certificate");
        }
        if (!hasPemBlock(content) && looksLikeDer(content)) {
            return List.of(toCertificate(source, derCertificate(content, source), 1));
        }
        List<Object> blocks = readBlocks(content, source, "certificate");
        List<X509Certificate> certificates = new ArrayList<>();
        for (Object block : blocks) {
            X509CertificateHolder holder = null;
            if (block instanceof X509CertificateHolder h) {
                holder = h;
            } else if (block instanceof X509TrustedCertificateBlock t) {
                holder = t.getCertificateHolder();
            }
            if (holder != null) {
                certificates.add(toCertificate(source, holder, certificates.size() + 1));
            }
        }
        if (certificates.isEmpty()) {
            if (blocks.stream().anyMatch(PemFiles::isPrivateKey)) {
                throw new PemException(source + ": holds a private key, not a certificate;"
                        + " give the certificate's PEM file (-----BEGIN CERTIFICATE-----)");
            }
            throw new PemException(source + ": holds no certificate (found " + describeAll(blocks)
                    + "); expected -----BEGIN CERTIFICATE-----");
        }
        return List.copyOf(certificates);
    }

    /**
     * The private key in the file: PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or
     * SEC1 ({@code EC PRIVATE KEY}, with or without an {@code EC PARAMETERS} block). Certificates in a
     * combined file are ignored. Encrypted keys are not supported. The key object comes from the JDK's
     * key factory, or from Bouncy Castle's where the JDK refuses the key (e.g. a P-192 key on JDK 25).
     *
     * @param file not null
     * @return the key
     * @throws PemException when the file cannot be read, holds no key, more than one key, or an encrypted key
     */
    public static PrivateKey readPrivateKey(Path file) {
        Objects.requireNonNull(file, "file");
        return readPrivateKey(readFile(file, "private key"), file.toString());
    }

    /**
     * The private key in {@code content}, as {@link #readPrivateKey(Path)} reads a file; for a caller
     * that read the file itself (with its own bounds). A single DER key (no PEM block: PKCS#8,
     * PKCS#1 RSA or SEC1 EC with its curve, as {@code openssl pkey -outform DER} writes them) is
     * read too.
     *
     * @param content the file's bytes; not null
     * @param source  how to name the file in a message, e.g. {@code --client-key client.key}; not null
     * @return the key
     * @throws PemException when the content holds no key, more than one key, or an encrypted key
     */
    public static PrivateKey readPrivateKey(byte[] content, String source) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(source, "source");
        if (content.length == 0) {
            throw new PemException(source + ": the file is empty; expected a PEM private key");
        }
        if (!hasPemBlock(content) && looksLikeDer(content)) {
            return toPrivateKey(source, DerKeys.privateKeyInfo(content, source));
        }
        List<Object> blocks = readBlocks(content, source, "private key");
        List<PrivateKeyInfo> keys = new ArrayList<>();
        for (Object block : blocks) {
            if (block instanceof PEMEncryptedKeyPair || block instanceof PKCS8EncryptedPrivateKeyInfo) {
                throw new PemException(source + ": the private key is encrypted, which is not supported;"
                        + " decrypt it first, e.g. openssl pkey -in FILE -out key.pem");
            }
            if (block instanceof PEMKeyPair pair) {
                keys.add(pair.getPrivateKeyInfo());
            } else if (block instanceof PrivateKeyInfo info) {
                keys.add(info);
            }
        }
        if (keys.isEmpty()) {
            if (blocks.stream().anyMatch(b -> b instanceof X509CertificateHolder || b instanceof X509TrustedCertificateBlock)) {
                throw new PemException(source + ": holds a certificate, not a private key;"
                        + " give the key's PEM file (-----BEGIN PRIVATE KEY-----)");
            }
            throw new PemException(source + ": holds no private key (found " + describeAll(blocks)
                    + "); expected -----BEGIN PRIVATE KEY-----, RSA PRIVATE KEY or EC PRIVATE KEY");
        }
        if (keys.size() > 1) {
            throw new PemException(source + ": holds " + keys.size() + " private keys; expected exactly one");
        }
        return toPrivateKey(source, keys.get(0));
    }

    /**
     * Checks that {@code key} is the private key of {@code certificate} by deriving the public key from
     * the private one (RSA modulus and exponent, EC point, EdDSA and DSA public values) and comparing it
     * with the certificate's.
     *
     * @param certificate not null
     * @param key         not null; must be exportable ({@code getEncoded()} in PKCS#8)
     * @param keyFile     the file the key came from, named in the message; not null
     * @throws PemException when the key does not belong to the certificate or cannot be checked
     */
    public static void requireMatchingKey(X509Certificate certificate, PrivateKey key, Path keyFile) {
        Objects.requireNonNull(keyFile, "keyFile");
        requireMatchingKey(certificate, key, keyFile.toString());
    }

    /**
     * {@link #requireMatchingKey(X509Certificate, PrivateKey, Path)} naming the key's source as given,
     * e.g. {@code --client-key client.key}.
     */
    public static void requireMatchingKey(X509Certificate certificate, PrivateKey key, String keyFile) {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(keyFile, "keyFile");
        String subject = certificate.getSubjectX500Principal().getName();
        byte[] encodedKey = key.getEncoded();
        if (encodedKey == null) {
            throw new PemException(keyFile + ": the " + key.getAlgorithm()
                    + " private key cannot be exported, so it cannot be checked against the certificate " + subject);
        }
        SubjectPublicKeyInfo spki;
        AsymmetricKeyParameter publicParams;
        AsymmetricKeyParameter privateParams;
        try {
            spki = new X509CertificateHolder(certificate.getEncoded()).getSubjectPublicKeyInfo();
            publicParams = PublicKeyFactory.createKey(spki);
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new PemException("cannot read the public key of the certificate " + subject
                    + " to check " + keyFile + " against it: " + safe(e), e);
        }
        try {
            privateParams = PrivateKeyFactory.createKey(PrivateKeyInfo.getInstance(encodedKey));
        } catch (IOException | RuntimeException e) {
            throw new PemException(keyFile + ": the " + key.getAlgorithm()
                    + " private key cannot be read to check it against the certificate " + subject, e);
        }
        if (!matches(privateParams, publicParams)) {
            String certKey;
            try {
                certKey = CertificateInspector.publicKey(spki).describe();
            } catch (IOException | RuntimeException e) {
                certKey = spki.getAlgorithm().getAlgorithm().getId();
            }
            throw new PemException(keyFile + ": the private key (" + key.getAlgorithm()
                    + ") does not belong to the certificate " + subject + " (certificate key: " + certKey
                    + "); give the key the certificate was issued for");
        }
    }

    private static boolean matches(AsymmetricKeyParameter priv, AsymmetricKeyParameter pub) {
        if (priv instanceof RSAPrivateCrtKeyParameters rsa && pub instanceof RSAKeyParameters rsaPub) {
            return rsa.getModulus().equals(rsaPub.getModulus()) && rsa.getPublicExponent().equals(rsaPub.getExponent());
        }
        if (priv instanceof RSAKeyParameters rsa && pub instanceof RSAKeyParameters rsaPub) {
            return rsa.getModulus().equals(rsaPub.getModulus());
        }
        if (priv instanceof ECPrivateKeyParameters ec && pub instanceof ECPublicKeyParameters ecPub) {
            if (!ec.getParameters().getCurve().equals(ecPub.getParameters().getCurve())) {
                return false;
            }
            ECPoint q = ec.getParameters().getG().multiply(ec.getD()).normalize();
            return q.equals(ecPub.getQ().normalize());
        }
        if (priv instanceof Ed25519PrivateKeyParameters ed && pub instanceof Ed25519PublicKeyParameters edPub) {
            return java.util.Arrays.equals(ed.generatePublicKey().getEncoded(), edPub.getEncoded());
        }
        if (priv instanceof Ed448PrivateKeyParameters ed && pub instanceof Ed448PublicKeyParameters edPub) {
            return java.util.Arrays.equals(ed.generatePublicKey().getEncoded(), edPub.getEncoded());
        }
        if (priv instanceof DSAPrivateKeyParameters dsa && pub instanceof DSAPublicKeyParameters dsaPub) {
            var p = dsa.getParameters();
            return p.equals(dsaPub.getParameters()) && p.getG().modPow(dsa.getX(), p.getP()).equals(dsaPub.getY());
        }
        return false;
    }

    private static List<Object> readBlocks(byte[] content, String file, String expected) {
        List<Object> blocks = new ArrayList<>();
        try (Reader reader = new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            Object block;
            while ((block = parser.readObject()) != null) {
                blocks.add(block);
            }
        } catch (IOException | RuntimeException e) {
            String problem = safe(e);
            if (problem.startsWith("unrecognised object: ")) {
                String type = problem.substring("unrecognised object: ".length());
                throw new PemException(file + ": PEM block " + (blocks.size() + 1) + " is of an unsupported type"
                        + (PEM_TYPE.matcher(type).matches() ? " (" + type + ")" : "") + "; expected a PEM " + expected, e);
            }
            throw new PemException(file + ": PEM block " + (blocks.size() + 1) + " is corrupt: " + problem, e);
        }
        if (blocks.isEmpty()) {
            throw new PemException(file + ": no PEM block found (no -----BEGIN ...----- line); expected a PEM "
                    + expected + " (or a single DER one)");
        }
        return blocks;
    }

    private static byte[] readFile(Path file, String expected) {
        if (Files.isDirectory(file)) {
            throw new PemException(file + ": is a directory; expected a PEM " + expected + " file");
        }
        try {
            if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
                throw new PemException(file + ": is larger than 1 MiB; expected a PEM " + expected);
            }
            byte[] content;
            try (InputStream in = Files.newInputStream(file)) {
                content = in.readNBytes(MAX_BYTES + 1);
            }
            if (content.length > MAX_BYTES) {
                throw new PemException(file + ": is larger than 1 MiB; expected a PEM " + expected);
            }
            return content;
        } catch (NoSuchFileException e) {
            throw new PemException(file + ": file not found; expected a PEM " + expected, e);
        } catch (AccessDeniedException e) {
            throw new PemException(file + ": file not readable (permission denied)", e);
        } catch (IOException e) {
            throw new PemException(file + ": cannot read the file: " + safe(e), e);
        }
    }

    private static X509Certificate toCertificate(String file, X509CertificateHolder holder, int position) {
        byte[] der;
        try {
            der = holder.getEncoded();
        } catch (IOException e) {
            throw new PemException(file + ": certificate " + position + " cannot be encoded: " + safe(e), e);
        }
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException jdkRefused) {
            try {
                return new JcaX509CertificateConverter().setProvider(BouncyCastle.provider()).getCertificate(holder);
            } catch (CertificateException | RuntimeException e) {
                e.addSuppressed(jdkRefused);
                throw new PemException(file + ": certificate " + position + " is not a valid X.509 certificate: "
                        + safe(e), e);
            }
        }
    }

    private static PrivateKey toPrivateKey(String file, PrivateKeyInfo info) {
        try {
            return new JcaPEMKeyConverter().getPrivateKey(info);
        } catch (IOException | RuntimeException jdkRefused) {
            try {
                return new JcaPEMKeyConverter().setProvider(BouncyCastle.provider()).getPrivateKey(info);
            } catch (IOException | RuntimeException e) {
                e.addSuppressed(jdkRefused);
                // No cause message here: a converter's message might quote the key's structure.
                throw new PemException(file + ": the private key (algorithm "
                        + info.getPrivateKeyAlgorithm().getAlgorithm().getId() + ") cannot be read", e);
            }
        }
    }

    /** Whether the content has a PEM begin line; DER is tried only where it has none. */
    private static boolean hasPemBlock(byte[] content) {
        return new String(content, StandardCharsets.ISO_8859_1).contains("-----BEGIN ");
    }

    /** Whether the content starts like DER: an ASN.1 SEQUENCE. */
    private static boolean looksLikeDer(byte[] content) {
        return (content[0] & 0xff) == 0x30;
    }

    /** A single DER certificate, nothing after it. */
    private static X509CertificateHolder derCertificate(byte[] content, String source) {
        ASN1Primitive der = DerKeys.parse(content, source, "certificate");
        if (DerKeys.isPrivateKey(der)) {
            throw new PemException(source + ": holds a private key (DER), not a certificate;"
                    + " give the certificate's file (PEM or DER)");
        }
        try {
            return new X509CertificateHolder(org.bouncycastle.asn1.x509.Certificate.getInstance(der));
        } catch (RuntimeException e) {
            throw new PemException(source + ": holds DER that is not an X.509 certificate; expected a PEM"
                    + " certificate (or a single DER one)", e);
        }
    }

    private static boolean isPrivateKey(Object block) {
        return block instanceof PEMKeyPair || block instanceof PrivateKeyInfo
                || block instanceof PEMEncryptedKeyPair || block instanceof PKCS8EncryptedPrivateKeyInfo;
    }

    private static String describeAll(List<Object> blocks) {
        return blocks.stream().map(PemFiles::describe).distinct().reduce((a, b) -> a + ", " + b).orElse("nothing");
    }

    private static String describe(Object block) {
        if (isPrivateKey(block)) {
            return "a private key";
        }
        if (block instanceof X509CertificateHolder || block instanceof X509TrustedCertificateBlock) {
            return "a certificate";
        }
        if (block instanceof SubjectPublicKeyInfo) {
            return "a public key";
        }
        if (block instanceof org.bouncycastle.pkcs.PKCS10CertificationRequest) {
            return "a certificate request";
        }
        if (block instanceof org.bouncycastle.cert.X509CRLHolder) {
            return "a CRL";
        }
        if (block instanceof org.bouncycastle.asn1.ASN1ObjectIdentifier
                || block instanceof org.bouncycastle.asn1.x9.X9ECParameters) {
            return "EC parameters";
        }
        return "a " + block.getClass().getSimpleName();
    }

    /**
     * A problem's message on one line, shortened, with long base64 or hex runs removed so that no key
     * material can leak into a message.
     */
    static String safe(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getCause() != null && e.getCause().getMessage() != null
                    ? e.getCause().getMessage() : e.getClass().getSimpleName();
        }
        message = message.replaceAll("[A-Za-z0-9+/=]{24,}", "...").replaceAll("\\s+", " ").trim();
        return message.length() > 200 ? message.substring(0, 200) + "..." : message;
    }
}
