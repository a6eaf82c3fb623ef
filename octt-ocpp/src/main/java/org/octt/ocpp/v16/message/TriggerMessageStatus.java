package org.octt.ocpp.v16.message;

/** The values of {@code status} in {@code TriggerMessageResponse.json}; constants are spelled as on the wire. */
public enum TriggerMessageStatus {
    Accepted, Rejected, NotImplemented
}
