package org.octt.ocpp.v16.message;

/** The values of {@code LogEnumType} in {@code GetLog.json}; constants are spelled as on the wire. */
public enum LogType {
    DiagnosticsLog, SecurityLog
}
