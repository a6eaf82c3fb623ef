package org.octt.ocpp.v16.message;

/** The values of {@code LogStatusEnumType} in {@code GetLogResponse.json}; constants are spelled as on the wire. */
public enum LogStatus {
    Accepted, Rejected, AcceptedCanceled
}
