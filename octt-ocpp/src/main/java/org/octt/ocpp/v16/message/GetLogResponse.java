package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;
import java.util.Optional;

/** OCPP 1.6 {@code GetLog.conf}: the payload of the response, schema {@code GetLogResponse.json}. */
public record GetLogResponse(LogStatus status, Optional<String> filename) implements Ocpp16Message {

    public GetLogResponse {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(filename, "filename");
    }

    /** With the required fields only. */
    public GetLogResponse(LogStatus status) {
        this(status, Optional.empty());
    }

    @Override
    public String action() {
        return "GetLog";
    }

    @Override
    public Kind kind() {
        return Kind.RESPONSE;
    }

    @Override
    public ObjectNode toJson() {
        return new JsonOut()
                .enumValue("status", status)
                .text("filename", filename)
                .node();
    }

    /** Reads the payload; see {@link Ocpp16Message} for what is checked. */
    public static GetLogResponse fromJson(JsonNode json) {
        return read(Fields.of(json, "GetLog.conf"));
    }

    static GetLogResponse read(Fields in) {
        return new GetLogResponse(in.enumValue("status", LogStatus.class),
                in.optText("filename"));
    }
}
