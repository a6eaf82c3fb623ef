package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;
import java.util.Optional;

/** OCPP 1.6 {@code BootNotification.req}: the payload of the request, schema {@code BootNotification.json}. */
public record BootNotificationRequest(String chargePointVendor, String chargePointModel, Optional<String> chargePointSerialNumber, Optional<String> chargeBoxSerialNumber, Optional<String> firmwareVersion, Optional<String> iccid, Optional<String> imsi, Optional<String> meterType, Optional<String> meterSerialNumber) implements Ocpp16Message {

    public BootNotificationRequest {
        Objects.requireNonNull(chargePointVendor, "chargePointVendor");
        Objects.requireNonNull(chargePointModel, "chargePointModel");
        Objects.requireNonNull(chargePointSerialNumber, "chargePointSerialNumber");
        Objects.requireNonNull(chargeBoxSerialNumber, "chargeBoxSerialNumber");
        Objects.requireNonNull(firmwareVersion, "firmwareVersion");
        Objects.requireNonNull(iccid, "iccid");
        Objects.requireNonNull(imsi, "imsi");
        Objects.requireNonNull(meterType, "meterType");
        Objects.requireNonNull(meterSerialNumber, "meterSerialNumber");
    }

    /** With the required fields only. */
    public BootNotificationRequest(String chargePointVendor, String chargePointModel) {
        this(chargePointVendor, chargePointModel, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Override
    public String action() {
        return "BootNotification";
    }

    @Override
    public Kind kind() {
        return Kind.REQUEST;
    }

    @Override
    public ObjectNode toJson() {
        return new JsonOut()
                .text("chargePointVendor", chargePointVendor)
                .text("chargePointModel", chargePointModel)
                .text("chargePointSerialNumber", chargePointSerialNumber)
                .text("chargeBoxSerialNumber", chargeBoxSerialNumber)
                .text("firmwareVersion", firmwareVersion)
                .text("iccid", iccid)
                .text("imsi", imsi)
                .text("meterType", meterType)
                .text("meterSerialNumber", meterSerialNumber)
                .node();
    }

    /** Reads the payload; see {@link Ocpp16Message} for what is checked. */
    public static BootNotificationRequest fromJson(JsonNode json) {
        return read(Fields.of(json, "BootNotification.req"));
    }

    static BootNotificationRequest read(Fields in) {
        return new BootNotificationRequest(in.text("chargePointVendor"),
                in.text("chargePointModel"),
                in.optText("chargePointSerialNumber"),
                in.optText("chargeBoxSerialNumber"),
                in.optText("firmwareVersion"),
                in.optText("iccid"),
                in.optText("imsi"),
                in.optText("meterType"),
                in.optText("meterSerialNumber"));
    }
}
