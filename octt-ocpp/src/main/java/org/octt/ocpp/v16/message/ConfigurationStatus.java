package org.octt.ocpp.v16.message;

/** The values of {@code status} in {@code ChangeConfigurationResponse.json}; constants are spelled as on the wire. */
public enum ConfigurationStatus {
    Accepted, Rejected, RebootRequired, NotSupported
}
