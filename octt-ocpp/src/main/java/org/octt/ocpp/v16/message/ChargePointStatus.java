package org.octt.ocpp.v16.message;

/** The values of {@code status} in {@code StatusNotification.json}; constants are spelled as on the wire. */
public enum ChargePointStatus {
    Available, Preparing, Charging, SuspendedEVSE, SuspendedEV, Finishing, Reserved, Unavailable, Faulted
}
