package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;

/** The {@code LogParametersType} object of {@code GetLog.json}. */
public record LogParameters(String remoteLocation, Optional<OffsetDateTime> oldestTimestamp, Optional<OffsetDateTime> latestTimestamp) {

    public LogParameters {
        Objects.requireNonNull(remoteLocation, "remoteLocation");
        Objects.requireNonNull(oldestTimestamp, "oldestTimestamp");
        Objects.requireNonNull(latestTimestamp, "latestTimestamp");
    }

    /** With the required fields only. */
    public LogParameters(String remoteLocation) {
        this(remoteLocation, Optional.empty(), Optional.empty());
    }

    public ObjectNode toJson() {
        return new JsonOut()
                .text("remoteLocation", remoteLocation)
                .dateTime("oldestTimestamp", oldestTimestamp)
                .dateTime("latestTimestamp", latestTimestamp)
                .node();
    }

    /** Reads the object; see {@link Ocpp16Message} for what is checked. */
    public static LogParameters fromJson(JsonNode json) {
        return read(Fields.of(json, "LogParameters"));
    }

    static LogParameters read(Fields in) {
        return new LogParameters(in.text("remoteLocation"),
                in.optDateTime("oldestTimestamp"),
                in.optDateTime("latestTimestamp"));
    }
}
