package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/** OCPP 1.6 {@code DeleteCertificate.conf}: the payload of the response, schema {@code DeleteCertificateResponse.json}. */
public record DeleteCertificateResponse(DeleteCertificateStatus status) implements Ocpp16Message {

    public DeleteCertificateResponse {
        Objects.requireNonNull(status, "status");
    }

    @Override
    public String action() {
        return "DeleteCertificate";
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
    public static DeleteCertificateResponse fromJson(JsonNode json) {
        return read(Fields.of(json, "DeleteCertificate.conf"));
    }

    static DeleteCertificateResponse read(Fields in) {
        return new DeleteCertificateResponse(in.enumValue("status", DeleteCertificateStatus.class));
    }
}
