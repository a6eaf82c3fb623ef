package org.octt.ocpp.v16.message;

/** The values of {@code errorCode} in {@code StatusNotification.json}; constants are spelled as on the wire. */
public enum ChargePointErrorCode {
    ConnectorLockFailure, EVCommunicationError, GroundFailure, HighTemperature, InternalError, LocalListConflict, NoError, OtherError, OverCurrentFailure, PowerMeterFailure, PowerSwitchFailure, ReaderFailure, ResetFailure, UnderVoltage, OverVoltage, WeakSignal
}
