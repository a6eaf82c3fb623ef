package org.octt.ocpp.v16.message;

/** The values of {@code CertificateSignedStatusEnumType} in {@code CertificateSignedResponse.json}; constants are spelled as on the wire. */
public enum CertificateSignedStatus {
    Accepted, Rejected
}
