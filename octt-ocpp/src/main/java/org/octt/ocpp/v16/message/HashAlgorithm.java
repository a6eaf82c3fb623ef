package org.octt.ocpp.v16.message;

/** The values of {@code HashAlgorithmEnumType} in {@code DeleteCertificate.json}; constants are spelled as on the wire. */
public enum HashAlgorithm {
    SHA256, SHA384, SHA512
}
