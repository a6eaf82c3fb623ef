package org.octt.security16;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.octt.core.spi.KeyMaterial;
import org.octt.tls.pki.CertificateBuilder;
import org.octt.tls.pki.IssuedCertificate;
import org.octt.tls.pki.KeyPairs;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The client certificates octt makes at run time for X_TLS_CLIENT_CERT_INVALID_CSMS, each one the
 * Central System must refuse, and the evidence of what was sent (never the key). EC P-256 keys.
 */
final class RefusedCertificates {

    private RefusedCertificates() {
    }

    /** Self-signed, with the real certificate's subject: no CA the Central System trusts issued it. */
    static KeyMaterial untrusted(X509Certificate real, Instant now) {
        IssuedCertificate c = CertificateBuilder.create().subject(subject(real))
                .validity(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)))
                .keyPair(KeyPairs.ec("secp256r1")).build();
        return KeyMaterial.of(List.of(c.certificate()), c.privateKey());
    }

    /** Issued by the Charge Point CA with the real subject, valid for 30 days until yesterday. */
    static KeyMaterial expired(X509Certificate real, KeyMaterial ca, Instant now) {
        Instant yesterday = now.minus(Duration.ofDays(1));
        return issued(subject(real), ca, yesterday.minus(Duration.ofDays(30)), yesterday);
    }

    /** Issued by the Charge Point CA, valid now, with the real subject but CN {@code otherId}. */
    static KeyMaterial wrongCn(X509Certificate real, KeyMaterial ca, String otherId, Instant now) {
        return issued(withCommonName(real, otherId), ca, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30)));
    }

    private static KeyMaterial issued(String subject, KeyMaterial ca, Instant from, Instant to) {
        IssuedCertificate issuer = new IssuedCertificate(ca.leaf(), new KeyPair(ca.leaf().getPublicKey(), ca.key()),
                ca.chain().subList(1, ca.chain().size()));
        IssuedCertificate c = CertificateBuilder.create().subject(subject).validity(from, to)
                .keyPair(KeyPairs.ec("secp256r1")).issuer(issuer).build();
        return KeyMaterial.of(List.of(c.certificate()), c.privateKey());
    }

    /** The subject as Bouncy Castle writes it, in the order of its encoding (so that it encodes the same). */
    private static String subject(X509Certificate real) {
        return X500Name.getInstance(real.getSubjectX500Principal().getEncoded()).toString();
    }

    /** The real subject with its CN (or a CN added) set to {@code cn}. */
    static String withCommonName(X509Certificate real, String cn) {
        X500Name name = X500Name.getInstance(real.getSubjectX500Principal().getEncoded());
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
        boolean replaced = false;
        for (RDN rdn : name.getRDNs()) {
            AttributeTypeAndValue first = rdn.getFirst();
            ASN1ObjectIdentifier type = first.getType();
            if (type.equals(BCStyle.CN) && !rdn.isMultiValued()) {
                b.addRDN(BCStyle.CN, cn);
                replaced = true;
            } else if (rdn.isMultiValued()) {
                b.addMultiValuedRDN(rdn.getTypesAndValues());
            } else {
                b.addRDN(first);
            }
        }
        if (!replaced) {
            b.addRDN(BCStyle.CN, cn);
        }
        return b.build().toString();
    }

    /** What was sent: subject, issuer, validity, serial; never the key. */
    static Map<String, Object> evidence(KeyMaterial sent) {
        X509Certificate c = sent.leaf();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subject", c.getSubjectX500Principal().getName());
        m.put("issuer", c.getIssuerX500Principal().getName());
        m.put("notBefore", c.getNotBefore().toInstant().toString());
        m.put("notAfter", c.getNotAfter().toInstant().toString());
        m.put("serialNumber", c.getSerialNumber().toString(16));
        return m;
    }

    /** One line of {@link #evidence}, for messages. */
    static String describe(KeyMaterial sent) {
        X509Certificate c = sent.leaf();
        return c.getSubjectX500Principal().getName() + " issued by " + c.getIssuerX500Principal().getName()
                + ", valid " + c.getNotBefore().toInstant() + " to " + c.getNotAfter().toInstant()
                + ", serial " + c.getSerialNumber().toString(16);
    }
}
