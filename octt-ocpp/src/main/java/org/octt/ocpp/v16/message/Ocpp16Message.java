package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A typed OCPP 1.6 payload: the request (CALL) or response (CALLRESULT) of one action.
 *
 * <p>Implementations are immutable records whose components are named exactly as the fields of
 * the schema; optional fields are {@code Optional}/{@code OptionalInt}; enumerations are Java enums
 * whose constants are spelled as on the wire. Each has {@code toJson()} and a static
 * {@code fromJson(JsonNode)}. {@code fromJson} reads the fields it knows and checks their JSON
 * types, the enumerations and date-times ({@link MessageFormatException} otherwise); it does not
 * enforce lengths or reject unknown properties: check a peer's payload with
 * {@link org.octt.ocpp.v16.Ocpp16Schemas} first.
 */
public interface Ocpp16Message {

    /** Request (CALL payload) or response (CALLRESULT payload). */
    enum Kind { REQUEST, RESPONSE }

    /** The OCPP action, e.g. {@code BootNotification}. */
    String action();

    /** Whether this is the request or the response of {@link #action()}. */
    Kind kind();

    /** The payload as JSON, with optional fields that are empty left out. */
    ObjectNode toJson();
}
