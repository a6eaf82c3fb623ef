package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/** OCPP 1.6 {@code CertificateSigned.req}: the payload of the request, schema {@code CertificateSigned.json}. */
public record CertificateSignedRequest(String certificateChain) implements Ocpp16Message {

    public CertificateSignedRequest {
        Objects.requireNonNull(certificateChain, "certificateChain");
    }

    @Override
    public String action() {
        return "CertificateSigned";
    }

    @Override
    public Kind kind() {
        return Kind.REQUEST;
    }

    @Override
    public ObjectNode toJson() {
        return new JsonOut()
                .text("certificateChain", certificateChain)
                .node();
    }

    /** Reads the payload; see {@link Ocpp16Message} for what is checked. */
    public static CertificateSignedRequest fromJson(JsonNode json) {
        return read(Fields.of(json, "CertificateSigned.req"));
    }

    static CertificateSignedRequest read(Fields in) {
        return new CertificateSignedRequest(in.text("certificateChain"));
    }
}
