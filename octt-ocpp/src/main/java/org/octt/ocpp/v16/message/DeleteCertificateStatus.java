package org.octt.ocpp.v16.message;

/** The values of {@code DeleteCertificateStatusEnumType} in {@code DeleteCertificateResponse.json}; constants are spelled as on the wire. */
public enum DeleteCertificateStatus {
    Accepted, Failed, NotFound
}
