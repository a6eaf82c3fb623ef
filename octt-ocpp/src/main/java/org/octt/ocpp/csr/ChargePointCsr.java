package org.octt.ocpp.csr;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.octt.core.spi.KeyMaterial;
import org.octt.tls.pki.Pem;

import java.io.IOException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A key pair the simulated Charge Point made for its next certificate and the PKCS#10 certificate
 * signing request (CSR) of it, as SignCertificate.req carries it (PEM): subject {@code O=<operator>,
 * CN=<serial number>} (whitepaper A00.FR.404/405), signed with the new private key.
 *
 * <p>The private key never leaves this object except inside the {@link KeyMaterial} of
 * {@link #keyMaterial(List)} (to reconnect with the certificate the Central System signed);
 * {@link #toString()} never shows it. Immutable and thread-safe.
 */
public final class ChargePointCsr {

    private final CsrKeyType keyType;
    private final String commonName;
    private final Optional<String> organization;
    private final KeyPair keyPair;
    private final byte[] der;

    private ChargePointCsr(CsrKeyType keyType, String commonName, Optional<String> organization, KeyPair keyPair,
                           byte[] der) {
        this.keyType = keyType;
        this.commonName = commonName;
        this.organization = organization;
        this.keyPair = keyPair;
        this.der = der;
    }

    /**
     * Makes a new key pair of {@code keyType} and a CSR for it.
     *
     * @param commonName   the CN: the Charge Point's serial number; not blank
     * @param organization the O: the operator's name; empty for none
     * @throws IllegalArgumentException when the CN or the O is blank
     */
    public static ChargePointCsr generate(CsrKeyType keyType, String commonName, Optional<String> organization) {
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(commonName, "commonName");
        Objects.requireNonNull(organization, "organization");
        if (commonName.isBlank()) {
            throw new IllegalArgumentException("the CSR's CN (the serial number) must not be blank");
        }
        if (organization.isPresent() && organization.get().isBlank()) {
            throw new IllegalArgumentException("the CSR's O (the operator) must not be blank when given");
        }
        X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE);
        organization.ifPresent(o -> name.addRDN(BCStyle.O, o));
        name.addRDN(BCStyle.CN, commonName);
        X500Name subject = name.build();
        KeyPair keys = keyType.generate();
        try {
            PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(subject, keys.getPublic())
                    .build(new JcaContentSignerBuilder(keyType.signatureAlgorithm()).build(keys.getPrivate()));
            return new ChargePointCsr(keyType, commonName, organization, keys, request.getEncoded());
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot sign the CSR with a " + keyType + " key: " + e.getMessage(), e);
        }
    }

    /** The key type. */
    public CsrKeyType keyType() {
        return keyType;
    }

    /** The CN asked for (the serial number). */
    public String commonName() {
        return commonName;
    }

    /** The O asked for (the operator), if any. */
    public Optional<String> organization() {
        return organization;
    }

    /** The new public key, which the signed certificate must carry. */
    public PublicKey publicKey() {
        return keyPair.getPublic();
    }

    /** The CSR, DER (a copy). */
    public byte[] der() {
        return der.clone();
    }

    /** The CSR as SignCertificate.req carries it: a PEM {@code CERTIFICATE REQUEST} block. */
    public String pem() {
        return Pem.block("CERTIFICATE REQUEST", der);
    }

    /**
     * The signed {@code chain} (leaf first) with this CSR's private key, to connect with.
     *
     * @throws IllegalArgumentException when the chain is empty or its leaf carries another public key
     */
    public KeyMaterial keyMaterial(List<X509Certificate> chain) {
        Objects.requireNonNull(chain, "chain");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the signed chain is empty");
        }
        if (!java.util.Arrays.equals(chain.get(0).getPublicKey().getEncoded(), keyPair.getPublic().getEncoded())) {
            throw new IllegalArgumentException("the chain's leaf " + chain.get(0).getSubjectX500Principal().getName()
                    + " does not carry this CSR's public key");
        }
        return KeyMaterial.of(chain, keyPair.getPrivate());
    }

    @Override
    public String toString() {
        return "ChargePointCsr[" + keyType + ", " + organization.map(o -> "O=" + o + ", ").orElse("") + "CN="
                + commonName + ", key=****]";
    }
}
