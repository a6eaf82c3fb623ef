package org.octt.security16;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.octt.core.spi.KeyMaterial;
import org.octt.core.spi.OptionDescriptor;
import org.octt.core.spi.TestContext;
import org.octt.ocpp.csr.CsrKeyType;
import org.octt.tls.cert.PemFiles;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * What TC_074_CSMS and TC_077_CSMS need configured to make a CSR and to judge the signed chain: the
 * serial number (the CN), the operator (the O), the key type, and where the Charge Point CA comes
 * from. Read once per run with {@link #read(TestContext)}; a bad value is an
 * {@link IllegalArgumentException} naming the option. Immutable.
 */
record CertificateSigningOptions(String serialNumber, Optional<String> operator, CsrKeyType keyType,
                                 Optional<X509Certificate> chargePointCa, String caSource) {

    /** The CN of the CSR; default the ChargePointId. */
    static final String SERIAL_NUMBER = "ocpp.serial-number";
    /** The O of the CSR; default the O of the configured client certificate. */
    static final String OPERATOR = "ocpp.operator";
    /** The new key's type: rsa-2048 (default) or ec-p256. */
    static final String KEY_TYPE = "ocpp.csr-key-type";
    /** A PEM file with the Charge Point CA's certificate, to judge the signed chain's issuer. */
    static final String CHARGE_POINT_CA_FILE = "ocpp.charge-point-ca-file";

    static final List<OptionDescriptor> OPTIONS = List.of(
            OptionDescriptor.string(SERIAL_NUMBER, null,
                    "the Charge Point's serial number: the CN of the CSR and of the signed certificate (default: the ChargePointId)"),
            OptionDescriptor.string(OPERATOR, null,
                    "the operator's name: the O of the CSR (default: the O of the configured client certificate, else none)"),
            OptionDescriptor.string(KEY_TYPE, CsrKeyType.RSA_2048.id(),
                    "the key the Charge Point makes for its new certificate: " + CsrKeyType.validIds()),
            OptionDescriptor.string(CHARGE_POINT_CA_FILE, null,
                    "PEM file of the Charge Point CA certificate the signed chain must lead to (default: the configured"
                            + " Charge Point CA, else the issuer is not checked)"));

    /**
     * The options of {@code context}.
     *
     * @throws IllegalArgumentException naming the option and the problem
     */
    static CertificateSigningOptions read(TestContext context) {
        String serial = context.option(SERIAL_NUMBER).filter(s -> !s.isBlank())
                .or(context::chargePointId)
                .orElseThrow(() -> new IllegalArgumentException("option " + SERIAL_NUMBER
                        + ": not set and the URL has no ChargePointId to take instead"));
        Optional<String> operator = context.option(OPERATOR).filter(s -> !s.isBlank())
                .or(() -> context.clientKeyMaterial().flatMap(CertificateSigningOptions::organization));
        CsrKeyType type;
        try {
            type = CsrKeyType.fromId(context.option(KEY_TYPE).orElse(CsrKeyType.RSA_2048.id()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("option " + KEY_TYPE + ": " + e.getMessage(), e);
        }
        Optional<String> file = context.option(CHARGE_POINT_CA_FILE).filter(s -> !s.isBlank());
        if (file.isPresent()) {
            List<X509Certificate> certificates;
            try {
                certificates = PemFiles.readCertificates(Path.of(file.get()));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("option " + CHARGE_POINT_CA_FILE + ": " + e.getMessage(), e);
            }
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("option " + CHARGE_POINT_CA_FILE + ": no certificate in " + file.get());
            }
            return new CertificateSigningOptions(serial, operator, type, Optional.of(certificates.get(0)),
                    "the file " + file.get());
        }
        Optional<X509Certificate> ca = context.chargePointCa().map(KeyMaterial::leaf);
        return new CertificateSigningOptions(serial, operator, type, ca, "the configured Charge Point CA");
    }

    /** The O of the client certificate's subject, if it has one. */
    private static Optional<String> organization(KeyMaterial material) {
        RDN[] rdns = X500Name.getInstance(material.leaf().getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.O);
        return rdns.length == 0 ? Optional.empty() : Optional.of(IETFUtils.valueToString(rdns[0].getFirst().getValue()));
    }
}
