package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/** OCPP 1.6 {@code DeleteCertificate.req}: the payload of the request, schema {@code DeleteCertificate.json}. */
public record DeleteCertificateRequest(CertificateHashData certificateHashData) implements Ocpp16Message {

    public DeleteCertificateRequest {
        Objects.requireNonNull(certificateHashData, "certificateHashData");
    }

    @Override
    public String action() {
        return "DeleteCertificate";
    }

    @Override
    public Kind kind() {
        return Kind.REQUEST;
    }

    @Override
    public ObjectNode toJson() {
        return new JsonOut()
                .object("certificateHashData", certificateHashData.toJson())
                .node();
    }

    /** Reads the payload; see {@link Ocpp16Message} for what is checked. */
    public static DeleteCertificateRequest fromJson(JsonNode json) {
        return read(Fields.of(json, "DeleteCertificate.req"));
    }

    static DeleteCertificateRequest read(Fields in) {
        return new DeleteCertificateRequest(in.object("certificateHashData", CertificateHashData::read));
    }
}
