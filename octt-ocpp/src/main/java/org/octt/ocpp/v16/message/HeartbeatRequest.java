package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** OCPP 1.6 {@code Heartbeat.req}: the payload of the request, schema {@code Heartbeat.json}. */
public record HeartbeatRequest() implements Ocpp16Message {

    @Override
    public String action() {
        return "Heartbeat";
    }

    @Override
    public Kind kind() {
        return Kind.REQUEST;
    }

    @Override
    public ObjectNode toJson() {
        return new JsonOut().node();
    }

    /** Reads the payload; see {@link Ocpp16Message} for what is checked. */
    public static HeartbeatRequest fromJson(JsonNode json) {
        return read(Fields.of(json, "Heartbeat.req"));
    }

    static HeartbeatRequest read(Fields in) {
        return new HeartbeatRequest();
    }
}
