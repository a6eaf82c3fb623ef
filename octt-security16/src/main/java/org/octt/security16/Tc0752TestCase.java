package org.octt.security16;

import org.octt.ocpp.v16.message.CertificateUse;

/**
 * TC_075_2_CSMS "Install a certificate on the Charge Point - CentralSystemRootCertificate" (security
 * profile 2 or 3, operator actions): see {@link InstallCertificateCard}. The certificate to expect is
 * the PEM file of the option {@code cert.central-system-root-file}.
 */
public final class Tc0752TestCase extends InstallCertificateCard {

    public static final String ID = "TC_075_2_CSMS";
    public static final String TITLE = "Install a certificate on the Charge Point - CentralSystemRootCertificate";

    public Tc0752TestCase() {
        super(ID, TITLE, CertificateUse.CentralSystemRootCertificate, "octt-tc075-2");
    }
}
