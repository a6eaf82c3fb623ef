package org.octt.tls.cert;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTNamedCurves;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x500.style.RFC4519Style;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.DSAParameter;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.X509ObjectIdentifiers;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.util.encoders.Hex;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.octt.tls.internal.Addresses;

import javax.security.auth.x500.X500Principal;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads the facts of X.509 certificates with Bouncy Castle's ASN.1 classes. Works on certificates
 * the JDK refuses (P-192 keys, zero or negative serials, unusual algorithms): nothing here asks a
 * JCA provider to accept the key. Stateless and thread-safe.
 */
public final class CertificateInspector {

    private static final String[] KEY_USAGE_NAMES = {
        "digitalSignature", "nonRepudiation", "keyEncipherment", "dataEncipherment", "keyAgreement",
        "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};

    private static final Map<KeyPurposeId, String> PURPOSES = Map.of(
            KeyPurposeId.id_kp_serverAuth, "serverAuth",
            KeyPurposeId.id_kp_clientAuth, "clientAuth",
            KeyPurposeId.id_kp_codeSigning, "codeSigning",
            KeyPurposeId.id_kp_emailProtection, "emailProtection",
            KeyPurposeId.id_kp_timeStamping, "timeStamping",
            KeyPurposeId.id_kp_OCSPSigning, "OCSPSigning",
            KeyPurposeId.anyExtendedKeyUsage, "anyExtendedKeyUsage");

    /** Names Bouncy Castle's name finder does not give. */
    private static final Map<String, String> EXTRA_SIGNATURE_NAMES = Map.of(
            EdECObjectIdentifiers.id_Ed25519.getId(), "ED25519",
            EdECObjectIdentifiers.id_Ed448.getId(), "ED448");

    private static final ASN1ObjectIdentifier DSA_OID = X9ObjectIdentifiers.id_dsa;

    private CertificateInspector() {
    }

    /**
     * Inspects a DER-encoded certificate.
     *
     * @param der the DER octets; not null (an empty array is malformed)
     * @return {@link Inspection.Parsed} with the facts, or {@link Inspection.Malformed} with the reason;
     *         never throws for bad input
     */
    public static Inspection inspect(byte[] der) {
        Objects.requireNonNull(der, "der");
        if (der.length == 0) {
            return new Inspection.Malformed("not an X.509 certificate: no octets", 0);
        }
        X509CertificateHolder holder;
        try {
            holder = new X509CertificateHolder(der);
        } catch (IOException | RuntimeException e) {
            return new Inspection.Malformed("not a DER-encoded X.509 certificate: " + describe(e), der.length);
        }
        try {
            return new Inspection.Parsed(facts(holder, der));
        } catch (IOException | RuntimeException e) {
            return new Inspection.Malformed("X.509 certificate with a malformed field: " + describe(e), der.length);
        }
    }

    /**
     * Inspects a certificate object (its {@code getEncoded()} octets).
     *
     * @param certificate not null
     * @return as {@link #inspect(byte[])}; malformed when the object cannot give its encoding
     */
    public static Inspection inspect(X509Certificate certificate) {
        Objects.requireNonNull(certificate, "certificate");
        try {
            return inspect(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            return new Inspection.Malformed("certificate cannot be encoded: " + describe(e), 0);
        }
    }

    private static CertificateFacts facts(X509CertificateHolder holder, byte[] der) throws IOException {
        X500Name subject = holder.getSubject();
        Extensions extensions = holder.getExtensions();
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        GeneralNames san = extensions == null ? null : GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
        if (san != null) {
            for (GeneralName name : san.getNames()) {
                if (name.getTagNo() == GeneralName.dNSName) {
                    dns.add(text(name.getName()));
                } else if (name.getTagNo() == GeneralName.iPAddress) {
                    ips.add(ipText(DEROctetString.getInstance(name.getName()).getOctets()));
                }
            }
        }
        ASN1Integer serial = holder.toASN1Structure().getSerialNumber();
        BigInteger serialValue = serial.getValue();
        String pem = pem(der);
        return new CertificateFacts(
                rfc2253(subject),
                values(subject, BCStyle.CN),
                values(subject, BCStyle.O),
                dns,
                ips,
                rfc2253(holder.getIssuer()),
                new SerialNumber(serialValue, serialValue.toByteArray().length),
                holder.getNotBefore().toInstant(),
                holder.getNotAfter().toInstant(),
                publicKey(holder.getSubjectPublicKeyInfo()),
                signature(holder.getSignatureAlgorithm()),
                keyUsage(extensions),
                extendedKeyUsage(extensions),
                isCa(extensions),
                fingerprint(der),
                pem,
                roundTrips(holder, der, pem));
    }

    private static String rfc2253(X500Name name) throws IOException {
        try {
            return new X500Principal(name.getEncoded(ASN1Encoding.DER)).getName(X500Principal.RFC2253);
        } catch (IllegalArgumentException e) {
            // The JDK refuses some names Bouncy Castle reads; RFC4519Style also prints most specific first.
            return RFC4519Style.INSTANCE.toString(name);
        }
    }

    private static List<String> values(X500Name name, ASN1ObjectIdentifier type) {
        List<String> values = new ArrayList<>();
        for (RDN rdn : name.getRDNs()) {
            for (AttributeTypeAndValue tv : rdn.getTypesAndValues()) {
                if (tv.getType().equals(type)) {
                    values.add(text(tv.getValue()));
                }
            }
        }
        return values;
    }

    private static String text(ASN1Encodable value) {
        if (value instanceof ASN1String s) {
            return s.getString();
        }
        return IETFUtils.valueToString(value);
    }

    private static String ipText(byte[] octets) {
        if (octets.length == 4 || octets.length == 16) {
            try {
                return Addresses.literal(InetAddress.getByAddress(octets));
            } catch (UnknownHostException e) {
                throw new IllegalStateException("4 or 16 octets are always an address", e);
            }
        }
        return "invalid:" + Hex.toHexString(octets);
    }

    static PublicKeyFacts publicKey(SubjectPublicKeyInfo spki) throws IOException {
        AlgorithmIdentifier alg = spki.getAlgorithm();
        ASN1ObjectIdentifier oid = alg.getAlgorithm();
        String oidText = oid.getId();
        if (oid.equals(PKCSObjectIdentifiers.rsaEncryption) || oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)
                || oid.equals(X509ObjectIdentifiers.id_ea_rsa)) {
            RSAPublicKey rsa = RSAPublicKey.getInstance(spki.parsePublicKey());
            KeyAlgorithm a = oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS) ? KeyAlgorithm.RSASSA_PSS : KeyAlgorithm.RSA;
            return new PublicKeyFacts(a, oidText, rsa.getModulus().bitLength(), List.of());
        }
        if (oid.equals(DSA_OID)) {
            ASN1Encodable params = alg.getParameters();
            int bits = params == null || params.toASN1Primitive() instanceof ASN1Null
                    ? 0 : DSAParameter.getInstance(params).getP().bitLength();
            return new PublicKeyFacts(KeyAlgorithm.DSA, oidText, bits, List.of());
        }
        if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            return ecKey(oidText, X962Parameters.getInstance(alg.getParameters()));
        }
        if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
            return new PublicKeyFacts(KeyAlgorithm.ED25519, oidText, 255, List.of());
        }
        if (oid.equals(EdECObjectIdentifiers.id_Ed448)) {
            return new PublicKeyFacts(KeyAlgorithm.ED448, oidText, 448, List.of());
        }
        return new PublicKeyFacts(KeyAlgorithm.OTHER, oidText, 0, List.of());
    }

    private static PublicKeyFacts ecKey(String oidText, X962Parameters params) {
        if (params.isNamedCurve()) {
            ASN1ObjectIdentifier curve = ASN1ObjectIdentifier.getInstance(params.getParameters());
            List<String> names = new ArrayList<>();
            addName(names, SECNamedCurves.getName(curve));
            addName(names, NISTNamedCurves.getName(curve));
            addName(names, ECNamedCurveTable.getName(curve));
            X9ECParameters x9 = ECNamedCurveTable.getByOID(curve);
            if (names.isEmpty()) {
                names.add(curve.getId());
            }
            return new PublicKeyFacts(KeyAlgorithm.EC, oidText, x9 == null ? 0 : x9.getCurve().getFieldSize(), names);
        }
        if (params.isImplicitlyCA()) {
            return new PublicKeyFacts(KeyAlgorithm.EC, oidText, 0, List.of("implicitlyCA"));
        }
        X9ECParameters x9 = X9ECParameters.getInstance(params.getParameters());
        return new PublicKeyFacts(KeyAlgorithm.EC, oidText, x9.getCurve().getFieldSize(), List.of("explicit"));
    }

    private static void addName(List<String> names, String name) {
        if (name != null && !names.contains(name)) {
            names.add(name);
        }
    }

    private static SignatureAlgorithmFacts signature(AlgorithmIdentifier alg) {
        String oid = alg.getAlgorithm().getId();
        DefaultAlgorithmNameFinder names = new DefaultAlgorithmNameFinder();
        String name = names.getAlgorithmName(alg);
        if (name.equals(oid)) {
            name = EXTRA_SIGNATURE_NAMES.getOrDefault(oid, oid);
        }
        String digest = "unknown";
        try {
            AlgorithmIdentifier digestAlg;
            if (alg.getAlgorithm().equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
                digestAlg = RSASSAPSSparams.getInstance(alg.getParameters()).getHashAlgorithm();
            } else {
                digestAlg = new DefaultDigestAlgorithmIdentifierFinder().find(alg);
            }
            if (digestAlg != null) {
                digest = digestName(names.getAlgorithmName(digestAlg.getAlgorithm()));
            }
        } catch (RuntimeException e) {
            // Unknown algorithm or unreadable parameters: the digest stays "unknown"; the name and OID still tell.
            digest = "unknown";
        }
        return new SignatureAlgorithmFacts(name, oid, digest);
    }

    private static String digestName(String bcName) {
        // Bouncy Castle names digests SHA256, SHA384...; the JCA and the requirements say SHA-256.
        if (bcName.matches("SHA(1|224|256|384|512)")) {
            return "SHA-" + bcName.substring(3);
        }
        return bcName;
    }

    private static List<String> keyUsage(Extensions extensions) {
        List<String> usage = new ArrayList<>();
        KeyUsage ku = extensions == null ? null : KeyUsage.fromExtensions(extensions);
        if (ku != null) {
            byte[] bits = ku.getBytes();
            for (int i = 0; i < KEY_USAGE_NAMES.length; i++) {
                int octet = i / 8;
                if (octet < bits.length && (bits[octet] & (0x80 >>> (i % 8))) != 0) {
                    usage.add(KEY_USAGE_NAMES[i]);
                }
            }
        }
        return usage;
    }

    private static List<String> extendedKeyUsage(Extensions extensions) {
        List<String> purposes = new ArrayList<>();
        ExtendedKeyUsage eku = extensions == null ? null : ExtendedKeyUsage.fromExtensions(extensions);
        if (eku != null) {
            for (KeyPurposeId id : eku.getUsages()) {
                purposes.add(PURPOSES.getOrDefault(id, id.getId()));
            }
        }
        return purposes;
    }

    private static boolean isCa(Extensions extensions) {
        BasicConstraints bc = extensions == null ? null : BasicConstraints.fromExtensions(extensions);
        return bc != null && bc.isCA();
    }

    private static String fingerprint(byte[] der) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(der);
            StringBuilder sb = new StringBuilder(hash.length * 3);
            for (byte b : hash) {
                if (sb.length() > 0) {
                    sb.append(':');
                }
                sb.append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }

    static String pem(byte[] der) {
        String b64 = java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n";
    }

    private static boolean roundTrips(X509CertificateHolder holder, byte[] der, String pem) throws IOException {
        byte[] reencoded = holder.toASN1Structure().getEncoded(ASN1Encoding.DER);
        if (!Arrays.equals(reencoded, der)) {
            return false;
        }
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            PemObject block = reader.readPemObject();
            return block != null && "CERTIFICATE".equals(block.getType()) && Arrays.equals(block.getContent(), der);
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        if ((message == null || message.isBlank()) && cause != null) {
            message = cause.getMessage();
        }
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
