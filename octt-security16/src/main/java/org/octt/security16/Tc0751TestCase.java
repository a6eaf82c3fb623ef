package org.octt.security16;

import org.octt.ocpp.v16.message.CertificateUse;

/**
 * TC_075_1_CSMS "Install a certificate on the Charge Point - ManufacturerRootCertificate" (security
 * profile 2 or 3, operator actions): see {@link InstallCertificateCard}. The certificate to expect is
 * the PEM file of the option {@code cert.manufacturer-root-file}.
 */
public final class Tc0751TestCase extends InstallCertificateCard {

    public static final String ID = "TC_075_1_CSMS";
    public static final String TITLE = "Install a certificate on the Charge Point - ManufacturerRootCertificate";

    public Tc0751TestCase() {
        super(ID, TITLE, CertificateUse.ManufacturerRootCertificate, "octt-tc075-1");
    }
}
