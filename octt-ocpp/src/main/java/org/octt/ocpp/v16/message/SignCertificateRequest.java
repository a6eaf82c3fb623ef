package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/** OCPP 1.6 {@code SignCertificate.req}: the payload of the request, schema {@code SignCertificate.json}. */
public record SignCertificateRequest(String csr) implements Ocpp16Message {

    public SignCertificateRequest {
        Objects.requireNonNull(csr, "csr");
    }

    @Override
    public String action() {
        return "SignCertificate";
    }

    @Override
    public Kind kind() {
        return Kind.REQUEST;
    }

    @Override
    public ObjectNode toJson() {
        return new JsonOut()
                .text("csr", csr)
                .node();
    }

    /** Reads the payload; see {@link Ocpp16Message} for what is checked. */
    public static SignCertificateRequest fromJson(JsonNode json) {
        return read(Fields.of(json, "SignCertificate.req"));
    }

    static SignCertificateRequest read(Fields in) {
        return new SignCertificateRequest(in.text("csr"));
    }
}
