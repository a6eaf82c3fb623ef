package org.octt.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.octt.tls.pki.CertificateBuilder;
import org.octt.tls.pki.IssuedCertificate;
import org.octt.tls.pki.KeyPairs;
import org.octt.tls.pki.Pem;

import java.io.StringReader;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How the {@link ReferenceCentralSystem} handles SignCertificate.req (TC_074_CSMS, TC_077_CSMS; see
 * {@link ReferenceCentralSystem.Builder#certificateSigning(CertificateSigning)}). By default
 * ({@link #issuing()}) it checks the CSR (PEM, PKCS#10, its signature), answers Accepted (Rejected
 * for a bad CSR) and then sends CertificateSigned.req with the chain {@code leaf, client CA}: a leaf
 * issued by its client CA ({@link RunningCentralSystem#clientCaCertificate()}) for the CSR's public
 * key and subject, valid from an hour ago for a year. Such a certificate is accepted on the next
 * security profile 3 connection when its CN is the ChargePointId.
 *
 * <p>The fail paths: {@link #rejecting()} (SignCertificate.conf Rejected),
 * {@link #withoutCertificateSigned()} (Accepted, then nothing), and a chain with a {@link Flaw}.
 * Immutable.
 */
public final class CertificateSigning {

    /** What is wrong with the chain sent in CertificateSigned.req. */
    public enum Flaw {
        /** Nothing. */
        NONE,
        /** The leaf carries another public key than the CSR's. */
        OTHER_PUBLIC_KEY,
        /** The leaf's CN is not the CSR's CN. */
        WRONG_COMMON_NAME,
        /** The chain is cut in the middle of its first PEM block. */
        MALFORMED_PEM,
        /** The leaf carries a new RSA 1024-bit key (so not the CSR's key either). */
        RSA_1024,
        /** The leaf expired yesterday. */
        EXPIRED,
        /** The leaf is issued by a CA other than the client CA (one nobody trusts). */
        UNTRUSTED_ISSUER
    }

    /** What is answered to SignCertificate.req. */
    private enum Mode { ISSUE, REJECT, ACCEPT_ONLY }

    private static final CertificateSigning ISSUING = new CertificateSigning(Mode.ISSUE, Flaw.NONE);

    private final Mode mode;
    private final Flaw flaw;

    private CertificateSigning(Mode mode, Flaw flaw) {
        this.mode = mode;
        this.flaw = flaw;
    }

    /** Accepted, then CertificateSigned.req with a correct chain: the default. */
    public static CertificateSigning issuing() {
        return ISSUING;
    }

    /** SignCertificate.conf Rejected, whatever the CSR; no CertificateSigned.req. */
    public static CertificateSigning rejecting() {
        return new CertificateSigning(Mode.REJECT, Flaw.NONE);
    }

    /** SignCertificate.conf Accepted, and then no CertificateSigned.req ever. */
    public static CertificateSigning withoutCertificateSigned() {
        return new CertificateSigning(Mode.ACCEPT_ONLY, Flaw.NONE);
    }

    /** Accepted, then CertificateSigned.req with a chain that has this flaw. */
    public static CertificateSigning issuingWith(Flaw flaw) {
        return new CertificateSigning(Mode.ISSUE, Objects.requireNonNull(flaw, "flaw"));
    }

    /** The flaw of the chain sent; {@link Flaw#NONE} when none is sent. */
    public Flaw flaw() {
        return flaw;
    }

    /** Whether SignCertificate.req is answered Accepted (for a valid CSR). */
    public boolean accepts() {
        return mode != Mode.REJECT;
    }

    /** Whether CertificateSigned.req follows an accepted SignCertificate.req. */
    public boolean sendsCertificateSigned() {
        return mode == Mode.ISSUE;
    }

    /** The handler of SignCertificate on a server whose key material {@code pki} gives (once started). */
    CallHandler handler(Supplier<ReferencePki> pki) {
        return call -> {
            if (mode == Mode.REJECT) {
                return Reply.result(status("Rejected"));
            }
            PKCS10CertificationRequest csr = csr(call.payload());
            if (csr == null) {
                return Reply.result(status("Rejected"));
            }
            if (mode == Mode.ACCEPT_ONLY) {
                return Reply.result(status("Accepted"));
            }
            ObjectNode signed = JsonNodeFactory.instance.objectNode();
            signed.put("certificateChain", chain(csr, pki.get()));
            return Reply.result(status("Accepted")).followedBy(ScheduledCall.of("CertificateSigned", signed));
        };
    }

    private static ObjectNode status(String status) {
        return JsonNodeFactory.instance.objectNode().put("status", status);
    }

    /** The CSR of the payload when it is one PEM CERTIFICATE REQUEST whose signature verifies; null otherwise. */
    private static PKCS10CertificationRequest csr(JsonNode payload) {
        JsonNode text = payload.get("csr");
        if (text == null || !text.isTextual()) {
            return null;
        }
        try (PemReader reader = new PemReader(new StringReader(text.textValue()))) {
            PemObject block = reader.readPemObject();
            if (block == null || !block.getType().equals("CERTIFICATE REQUEST")) {
                return null;
            }
            PKCS10CertificationRequest csr = new PKCS10CertificationRequest(block.getContent());
            PublicKey key = new JcaPKCS10CertificationRequest(csr).getPublicKey();
            return csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key)) ? csr : null;
        } catch (Exception e) {
            return null;
        }
    }

    private String chain(PKCS10CertificationRequest csr, ReferencePki pki) {
        try {
            PublicKey key = new JcaPKCS10CertificationRequest(csr).getPublicKey();
            X500Name subject = csr.getSubject();
            CertificateBuilder b = CertificateBuilder.create().issuer(pki.clientCa());
            switch (flaw) {
                case OTHER_PUBLIC_KEY -> key = KeyPairs.ec("secp256r1").getPublic();
                case RSA_1024 -> key = KeyPairs.rsa(1024).getPublic();
                case WRONG_COMMON_NAME -> subject = otherCommonName(subject);
                case EXPIRED -> b.validity(Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1)));
                case UNTRUSTED_ISSUER -> b.issuer(pki.untrustedCa());
                default -> {
                    // as asked
                }
            }
            IssuedCertificate leaf = b.subject(subject.toString()).keyPair(new KeyPair(key, null)).build();
            String pem = Pem.certificates(List.of(leaf.certificate(), pki.clientCa().certificate()));
            if (flaw == Flaw.UNTRUSTED_ISSUER) {
                pem = Pem.certificates(List.of(leaf.certificate(), pki.untrustedCa().certificate()));
            }
            return flaw == Flaw.MALFORMED_PEM ? pem.substring(0, pem.indexOf("-----END")) : pem;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the CSR's public key: " + e.getMessage(), e);
        }
    }

    /** The subject with its CN replaced by {@code not-<CN>}. */
    private static X500Name otherCommonName(X500Name subject) {
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
        boolean cn = false;
        for (RDN rdn : subject.getRDNs()) {
            if (rdn.getFirst().getType().equals(BCStyle.CN)) {
                b.addRDN(BCStyle.CN, "not-" + IETFUtils.valueToString(rdn.getFirst().getValue()));
                cn = true;
            } else {
                b.addRDN(rdn.getFirst());
            }
        }
        if (!cn) {
            b.addRDN(BCStyle.CN, "not-the-serial-number");
        }
        return b.build();
    }

    @Override
    public String toString() {
        return "CertificateSigning[" + switch (mode) {
            case REJECT -> "rejecting";
            case ACCEPT_ONLY -> "accepting, no CertificateSigned";
            case ISSUE -> "issuing" + (flaw == Flaw.NONE ? "" : " with " + flaw.name().toLowerCase(java.util.Locale.ROOT));
        } + "]";
    }
}
