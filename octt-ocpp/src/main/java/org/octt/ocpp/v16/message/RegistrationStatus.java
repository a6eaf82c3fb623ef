package org.octt.ocpp.v16.message;

/** The values of {@code status} in {@code BootNotificationResponse.json}; constants are spelled as on the wire. */
public enum RegistrationStatus {
    Accepted, Pending, Rejected
}
