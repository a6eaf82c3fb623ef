package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/** The {@code CertificateHashDataType} object of {@code DeleteCertificate.json and GetInstalledCertificateIdsResponse.json}. */
public record CertificateHashData(HashAlgorithm hashAlgorithm, String issuerNameHash, String issuerKeyHash, String serialNumber) {

    public CertificateHashData {
        Objects.requireNonNull(hashAlgorithm, "hashAlgorithm");
        Objects.requireNonNull(issuerNameHash, "issuerNameHash");
        Objects.requireNonNull(issuerKeyHash, "issuerKeyHash");
        Objects.requireNonNull(serialNumber, "serialNumber");
    }

    public ObjectNode toJson() {
        return new JsonOut()
                .enumValue("hashAlgorithm", hashAlgorithm)
                .text("issuerNameHash", issuerNameHash)
                .text("issuerKeyHash", issuerKeyHash)
                .text("serialNumber", serialNumber)
                .node();
    }

    /** Reads the object; see {@link Ocpp16Message} for what is checked. */
    public static CertificateHashData fromJson(JsonNode json) {
        return read(Fields.of(json, "CertificateHashData"));
    }

    static CertificateHashData read(Fields in) {
        return new CertificateHashData(in.enumValue("hashAlgorithm", HashAlgorithm.class),
                in.text("issuerNameHash"),
                in.text("issuerKeyHash"),
                in.text("serialNumber"));
    }
}
