package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/** OCPP 1.6 {@code SignCertificate.conf}: the payload of the response, schema {@code SignCertificateResponse.json}. */
public record SignCertificateResponse(GenericStatus status) implements Ocpp16Message {

    public SignCertificateResponse {
        Objects.requireNonNull(status, "status");
    }

    @Override
    public String action() {
        return "SignCertificate";
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
    public static SignCertificateResponse fromJson(JsonNode json) {
        return read(Fields.of(json, "SignCertificate.conf"));
    }

    static SignCertificateResponse read(Fields in) {
        return new SignCertificateResponse(in.enumValue("status", GenericStatus.class));
    }
}
