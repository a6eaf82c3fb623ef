package org.octt.ocpp.v16.message;

/** The values of {@code GenericStatusEnumType} in {@code SignCertificateResponse.json}; constants are spelled as on the wire. */
public enum GenericStatus {
    Accepted, Rejected
}
