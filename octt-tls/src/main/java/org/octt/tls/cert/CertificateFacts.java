package org.octt.tls.cert;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Everything octt reads from one X.509 certificate. Immutable; produced by
 * {@link CertificateInspector}. No component is null; absent extensions give empty lists or
 * {@code false}.
 *
 * @param subject            the subject in RFC 2253 form (most specific RDN first, as
 *                           {@code X500Principal.getName()} gives it), e.g. {@code CN=csms.example.com,O=octt}
 * @param commonNames        every CN value of the subject, in encoding order (may be empty)
 * @param organizations      every O value of the subject, in encoding order (may be empty)
 * @param dnsNames           subjectAltName dNSName entries, as encoded
 * @param ipAddresses        subjectAltName iPAddress entries as text, IPv6 in the RFC 5952 form
 *                           ({@code 192.0.2.1}, {@code 2001:db8::1}); an entry that is
 *                           not 4 or 16 octets is given as {@code invalid:<hex>}
 * @param issuer             the issuer in RFC 2253 form
 * @param serial             the serial number
 * @param notBefore          start of validity
 * @param notAfter           end of validity
 * @param publicKey          the subject public key's algorithm and size
 * @param signatureAlgorithm the issuer's signature algorithm
 * @param keyUsage           keyUsage bits set, by RFC 5280 name ({@code digitalSignature},
 *                           {@code keyEncipherment}, ...), in bit order; empty without the extension
 * @param extendedKeyUsage   extendedKeyUsage purposes: {@code serverAuth}, {@code clientAuth},
 *                           {@code codeSigning}, {@code emailProtection}, {@code timeStamping},
 *                           {@code OCSPSigning}, {@code anyExtendedKeyUsage}, else the OID
 * @param ca                 basicConstraints cA; {@code false} without the extension
 * @param sha256Fingerprint  SHA-256 of the DER, upper-case hex octets separated by colons
 *                           ({@code AB:01:...}, as {@code openssl x509 -fingerprint -sha256} prints)
 * @param pem                the certificate as a PEM {@code CERTIFICATE} block (64-column base64, LF)
 * @param pemRoundTrips      true when the DER is exactly what re-encoding the parsed certificate in
 *                           DER gives, and reading {@link #pem()} back gives the same octets: the
 *                           certificate can be carried in PEM without change (A00.FR.507)
 */
public record CertificateFacts(
        String subject,
        List<String> commonNames,
        List<String> organizations,
        List<String> dnsNames,
        List<String> ipAddresses,
        String issuer,
        SerialNumber serial,
        Instant notBefore,
        Instant notAfter,
        PublicKeyFacts publicKey,
        SignatureAlgorithmFacts signatureAlgorithm,
        List<String> keyUsage,
        List<String> extendedKeyUsage,
        boolean ca,
        String sha256Fingerprint,
        String pem,
        boolean pemRoundTrips) {

    public CertificateFacts {
        Objects.requireNonNull(subject, "subject");
        commonNames = List.copyOf(commonNames);
        organizations = List.copyOf(organizations);
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(signatureAlgorithm, "signatureAlgorithm");
        keyUsage = List.copyOf(keyUsage);
        extendedKeyUsage = List.copyOf(extendedKeyUsage);
        Objects.requireNonNull(sha256Fingerprint, "sha256Fingerprint");
        Objects.requireNonNull(pem, "pem");
    }

    /** The DER encoding (a new array on each call), decoded from {@link #pem()}. */
    public byte[] der() {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    /** True when the certificate carries a subjectAltName with at least one DNS name or IP address. */
    public boolean hasSubjectAltNames() {
        return !dnsNames.isEmpty() || !ipAddresses.isEmpty();
    }

    /** True when {@code at} lies within [notBefore, notAfter]. */
    public boolean isValidAt(Instant at) {
        return !at.isBefore(notBefore) && !at.isAfter(notAfter);
    }

    /** True when subject and issuer are the same name. */
    public boolean isSelfIssued() {
        return subject.equals(issuer);
    }
}
