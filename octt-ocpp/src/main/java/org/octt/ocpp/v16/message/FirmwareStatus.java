package org.octt.ocpp.v16.message;

/** The values of {@code FirmwareStatusEnumType} in {@code SignedFirmwareStatusNotification.json}; constants are spelled as on the wire. */
public enum FirmwareStatus {
    Downloaded, DownloadFailed, Downloading, DownloadScheduled, DownloadPaused, Idle, InstallationFailed, Installing, Installed, InstallRebooting, InstallScheduled, InstallVerificationFailed, InvalidSignature, SignatureVerified
}
