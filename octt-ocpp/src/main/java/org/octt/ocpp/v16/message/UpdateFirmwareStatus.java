package org.octt.ocpp.v16.message;

/** The values of {@code UpdateFirmwareStatusEnumType} in {@code SignedUpdateFirmwareResponse.json}; constants are spelled as on the wire. */
public enum UpdateFirmwareStatus {
    Accepted, Rejected, AcceptedCanceled, InvalidCertificate, RevokedCertificate
}
