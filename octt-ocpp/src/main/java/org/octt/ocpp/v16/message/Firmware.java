package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

/** The {@code FirmwareType} object of {@code SignedUpdateFirmware.json}. */
public record Firmware(String location, OffsetDateTime retrieveDateTime, Optional<OffsetDateTime> installDateTime, String signingCertificate, String signature) {

    public Firmware {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(retrieveDateTime, "retrieveDateTime");
        Objects.requireNonNull(installDateTime, "installDateTime");
        Objects.requireNonNull(signingCertificate, "signingCertificate");
        Objects.requireNonNull(signature, "signature");
    }

    /** With the required fields only. */
    public Firmware(String location, OffsetDateTime retrieveDateTime, String signingCertificate, String signature) {
        this(location, retrieveDateTime, Optional.empty(), signingCertificate, signature);
    }

    public ObjectNode toJson() {
        return new JsonOut()
                .text("location", location)
                .dateTime("retrieveDateTime", retrieveDateTime)
                .dateTime("installDateTime", installDateTime)
                .text("signingCertificate", signingCertificate)
                .text("signature", signature)
                .node();
    }

    /** Reads the object; see {@link Ocpp16Message} for what is checked. */
    public static Firmware fromJson(JsonNode json) {
        return read(Fields.of(json, "Firmware"));
    }

    static Firmware read(Fields in) {
        return new Firmware(in.text("location"),
                in.dateTime("retrieveDateTime"),
                in.optDateTime("installDateTime"),
                in.text("signingCertificate"),
                in.text("signature"));
    }
}
