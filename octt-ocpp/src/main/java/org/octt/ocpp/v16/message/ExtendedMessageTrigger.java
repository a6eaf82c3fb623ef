package org.octt.ocpp.v16.message;

/** The values of {@code MessageTriggerEnumType} in {@code ExtendedTriggerMessage.json}; constants are spelled as on the wire. */
public enum ExtendedMessageTrigger {
    BootNotification, LogStatusNotification, FirmwareStatusNotification, Heartbeat, MeterValues, SignChargePointCertificate, StatusNotification
}
