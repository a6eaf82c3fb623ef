package org.octt.ocpp.v16.message;

/** The values of {@code InstallCertificateStatusEnumType} in {@code InstallCertificateResponse.json}; constants are spelled as on the wire. */
public enum InstallCertificateStatus {
    Accepted, Failed, Rejected
}
