package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/** OCPP 1.6 {@code InstallCertificate.req}: the payload of the request, schema {@code InstallCertificate.json}. */
public record InstallCertificateRequest(CertificateUse certificateType, String certificate) implements Ocpp16Message {

    public InstallCertificateRequest {
        Objects.requireNonNull(certificateType, "certificateType");
        Objects.requireNonNull(certificate, "certificate");
    }

    @Override
    public String action() {
        return "InstallCertificate";
    }

    @Override
    public Kind kind() {
        return Kind.REQUEST;
    }

    @Override
    public ObjectNode toJson() {
        return new JsonOut()
                .enumValue("certificateType", certificateType)
                .text("certificate", certificate)
                .node();
    }

    /** Reads the payload; see {@link Ocpp16Message} for what is checked. */
    public static InstallCertificateRequest fromJson(JsonNode json) {
        return read(Fields.of(json, "InstallCertificate.req"));
    }

    static InstallCertificateRequest read(Fields in) {
        return new InstallCertificateRequest(in.enumValue("certificateType", CertificateUse.class),
                in.text("certificate"));
    }
}
