package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/** OCPP 1.6 {@code SignedUpdateFirmware.conf}: the payload of the response, schema {@code SignedUpdateFirmwareResponse.json}. */
public record SignedUpdateFirmwareResponse(UpdateFirmwareStatus status) implements Ocpp16Message {

    public SignedUpdateFirmwareResponse {
        Objects.requireNonNull(status, "status");
    }

    @Override
    public String action() {
        return "SignedUpdateFirmware";
    }

    @Override
    public Kind kind() {
        return Kind.RESPONSE;
    }

    @Override
    public ObjectNode toJson() {
        return new JsonOut()
                .enumValue("status", status)
                .node();
    }

    /** Reads the payload; see {@link Ocpp16Message} for what is checked. */
    public static SignedUpdateFirmwareResponse fromJson(JsonNode json) {
        return read(Fields.of(json, "SignedUpdateFirmware.conf"));
    }

    static SignedUpdateFirmwareResponse read(Fields in) {
        return new SignedUpdateFirmwareResponse(in.enumValue("status", UpdateFirmwareStatus.class));
    }
}
