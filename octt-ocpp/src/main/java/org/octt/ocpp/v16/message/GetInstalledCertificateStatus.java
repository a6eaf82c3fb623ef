package org.octt.ocpp.v16.message;

/** The values of {@code GetInstalledCertificateStatusEnumType} in {@code GetInstalledCertificateIdsResponse.json}; constants are spelled as on the wire. */
public enum GetInstalledCertificateStatus {
    Accepted, NotFound
}
