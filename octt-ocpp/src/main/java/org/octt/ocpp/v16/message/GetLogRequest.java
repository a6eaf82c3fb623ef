package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;
import java.util.OptionalInt;

/** OCPP 1.6 {@code GetLog.req}: the payload of the request, schema {@code GetLog.json}. */
public record GetLogRequest(LogParameters log, LogType logType, int requestId, OptionalInt retries, OptionalInt retryInterval) implements Ocpp16Message {

    public GetLogRequest {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(logType, "logType");
        Objects.requireNonNull(retries, "retries");
        Objects.requireNonNull(retryInterval, "retryInterval");
    }

    /** With the required fields only. */
    public GetLogRequest(LogParameters log, LogType logType, int requestId) {
        this(log, logType, requestId, OptionalInt.empty(), OptionalInt.empty());
    }

    @Override
    public String action() {
        return "GetLog";
    }

    @Override
    public Kind kind() {
        return Kind.REQUEST;
    }

    @Override
    public ObjectNode toJson() {
        return new JsonOut()
                .object("log", log.toJson())
                .enumValue("logType", logType)
                .integer("requestId", requestId)
                .integer("retries", retries)
                .integer("retryInterval", retryInterval)
                .node();
    }

    /** Reads the payload; see {@link Ocpp16Message} for what is checked. */
    public static GetLogRequest fromJson(JsonNode json) {
        return read(Fields.of(json, "GetLog.req"));
    }

    static GetLogRequest read(Fields in) {
        return new GetLogRequest(in.object("log", LogParameters::read),
                in.enumValue("logType", LogType.class),
                in.integer("requestId"),
                in.optInteger("retries"),
                in.optInteger("retryInterval"));
    }
}
