package org.octt.ocpp.v16.message;

/** The values of {@code requestedMessage} in {@code TriggerMessage.json}; constants are spelled as on the wire. */
public enum MessageTrigger {
    BootNotification, DiagnosticsStatusNotification, FirmwareStatusNotification, Heartbeat, MeterValues, StatusNotification
}
