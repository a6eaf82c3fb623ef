package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/** OCPP 1.6 {@code GetInstalledCertificateIds.req}: the payload of the request, schema {@code GetInstalledCertificateIds.json}. */
public record GetInstalledCertificateIdsRequest(CertificateUse certificateType) implements Ocpp16Message {

    public GetInstalledCertificateIdsRequest {
        Objects.requireNonNull(certificateType, "certificateType");
    }

    @Override
    public String action() {
        return "GetInstalledCertificateIds";
    }

    @Override
    public Kind kind() {
        return Kind.REQUEST;
    }

    @Override
    public ObjectNode toJson() {
        return new JsonOut()
                .enumValue("certificateType", certificateType)
                .node();
    }

    /** Reads the payload; see {@link Ocpp16Message} for what is checked. */
    public static GetInstalledCertificateIdsRequest fromJson(JsonNode json) {
        return read(Fields.of(json, "GetInstalledCertificateIds.req"));
    }

    static GetInstalledCertificateIdsRequest read(Fields in) {
        return new GetInstalledCertificateIdsRequest(in.enumValue("certificateType", CertificateUse.class));
    }
}
