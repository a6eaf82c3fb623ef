package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;
import java.util.OptionalInt;

/** OCPP 1.6 {@code SignedUpdateFirmware.req}: the payload of the request, schema {@code SignedUpdateFirmware.json}. */
public record SignedUpdateFirmwareRequest(OptionalInt retries, OptionalInt retryInterval, int requestId, Firmware firmware) implements Ocpp16Message {

    public SignedUpdateFirmwareRequest {
        Objects.requireNonNull(retries, "retries");
        Objects.requireNonNull(retryInterval, "retryInterval");
        Objects.requireNonNull(firmware, "firmware");
    }

    /** With the required fields only. */
    public SignedUpdateFirmwareRequest(int requestId, Firmware firmware) {
        this(OptionalInt.empty(), OptionalInt.empty(), requestId, firmware);
    }

    @Override
    public String action() {
        return "SignedUpdateFirmware";
    }

    @Override
    public Kind kind() {
        return Kind.REQUEST;
    }

    @Override
    public ObjectNode toJson() {
        return new JsonOut()
                .integer("retries", retries)
                .integer("retryInterval", retryInterval)
                .integer("requestId", requestId)
                .object("firmware", firmware.toJson())
                .node();
    }

    /** Reads the payload; see {@link Ocpp16Message} for what is checked. */
    public static SignedUpdateFirmwareRequest fromJson(JsonNode json) {
        return read(Fields.of(json, "SignedUpdateFirmware.req"));
    }

    static SignedUpdateFirmwareRequest read(Fields in) {
        return new SignedUpdateFirmwareRequest(in.optInteger("retries"),
                in.optInteger("retryInterval"),
                in.integer("requestId"),
                in.object("firmware", Firmware::read));
    }
}
