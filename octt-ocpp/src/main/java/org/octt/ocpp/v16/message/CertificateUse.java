package org.octt.ocpp.v16.message;

/** The values of {@code CertificateUseEnumType} in {@code InstallCertificate.json}; constants are spelled as on the wire. */
public enum CertificateUse {
    CentralSystemRootCertificate, ManufacturerRootCertificate
}
