package org.octt.ocpp.v16.message;

/** The values of {@code UploadLogStatusEnumType} in {@code LogStatusNotification.json}; constants are spelled as on the wire. */
public enum UploadLogStatus {
    BadMessage, Idle, NotSupportedOperation, PermissionDenied, Uploaded, UploadFailure, Uploading
}
