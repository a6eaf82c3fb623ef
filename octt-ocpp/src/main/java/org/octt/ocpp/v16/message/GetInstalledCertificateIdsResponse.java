package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** OCPP 1.6 {@code GetInstalledCertificateIds.conf}: the payload of the response, schema {@code GetInstalledCertificateIdsResponse.json}. */
public record GetInstalledCertificateIdsResponse(Optional<List<CertificateHashData>> certificateHashData, GetInstalledCertificateStatus status) implements Ocpp16Message {

    public GetInstalledCertificateIdsResponse {
        Objects.requireNonNull(certificateHashData, "certificateHashData");
        certificateHashData = certificateHashData.map(List::copyOf);
        Objects.requireNonNull(status, "status");
    }

    /** With the required fields only. */
    public GetInstalledCertificateIdsResponse(GetInstalledCertificateStatus status) {
        this(Optional.empty(), status);
    }

    @Override
    public String action() {
        return "GetInstalledCertificateIds";
    }

    @Override
    public Kind kind() {
        return Kind.RESPONSE;
    }

    @Override
    public ObjectNode toJson() {
        return new JsonOut()
                .objects("certificateHashData", certificateHashData, CertificateHashData::toJson)
                .enumValue("status", status)
                .node();
    }

    /** Reads the payload; see {@link Ocpp16Message} for what is checked. */
    public static GetInstalledCertificateIdsResponse fromJson(JsonNode json) {
        return read(Fields.of(json, "GetInstalledCertificateIds.conf"));
    }

    static GetInstalledCertificateIdsResponse read(Fields in) {
        return new GetInstalledCertificateIdsResponse(in.optObjects("certificateHashData", CertificateHashData::read),
                in.enumValue("status", GetInstalledCertificateStatus.class));
    }
}
