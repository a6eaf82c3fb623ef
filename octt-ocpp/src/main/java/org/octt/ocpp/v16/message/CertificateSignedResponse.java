package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/** OCPP 1.6 {@code CertificateSigned.conf}: the payload of the response, schema {@code CertificateSignedResponse.json}. */
public record CertificateSignedResponse(CertificateSignedStatus status) implements Ocpp16Message {

    public CertificateSignedResponse {
        Objects.requireNonNull(status, "status");
    }

    @Override
    public String action() {
        return "CertificateSigned";
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
    public static CertificateSignedResponse fromJson(JsonNode json) {
        return read(Fields.of(json, "CertificateSigned.conf"));
    }

    static CertificateSignedResponse read(Fields in) {
        return new CertificateSignedResponse(in.enumValue("status", CertificateSignedStatus.class));
    }
}
