package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/** OCPP 1.6 {@code InstallCertificate.conf}: the payload of the response, schema {@code InstallCertificateResponse.json}. */
public record InstallCertificateResponse(InstallCertificateStatus status) implements Ocpp16Message {

    public InstallCertificateResponse {
        Objects.requireNonNull(status, "status");
    }

    @Override
    public String action() {
        return "InstallCertificate";
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
    public static InstallCertificateResponse fromJson(JsonNode json) {
        return read(Fields.of(json, "InstallCertificate.conf"));
    }

    static InstallCertificateResponse read(Fields in) {
        return new InstallCertificateResponse(in.enumValue("status", InstallCertificateStatus.class));
    }
}
