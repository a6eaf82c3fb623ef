package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.OffsetDateTime;
import java.util.Objects;

/** OCPP 1.6 {@code Heartbeat.conf}: the payload of the response, schema {@code HeartbeatResponse.json}. */
public record HeartbeatResponse(OffsetDateTime currentTime) implements Ocpp16Message {

    public HeartbeatResponse {
        Objects.requireNonNull(currentTime, "currentTime");
    }

    @Override
    public String action() {
        return "Heartbeat";
    }

    @Override
    public Kind kind() {
        return Kind.RESPONSE;
    }

    @Override
    public ObjectNode toJson() {
        return new JsonOut()
                .dateTime("currentTime", currentTime)
                .node();
    }

    /** Reads the payload; see {@link Ocpp16Message} for what is checked. */
    public static HeartbeatResponse fromJson(JsonNode json) {
        return read(Fields.of(json, "Heartbeat.conf"));
    }

    static HeartbeatResponse read(Fields in) {
        return new HeartbeatResponse(in.dateTime("currentTime"));
    }
}
