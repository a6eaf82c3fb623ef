package org.octt.ocpp.v16;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.octt.ocpp.schema.JsonSchema;
import org.octt.ocpp.schema.SchemaViolation;
import org.octt.ocpp.v16.message.Ocpp16Message;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The OCPP 1.6 JSON schemas (vendored from mobilityhouse/ocpp, see {@code schemas/NOTICE.md}
 * beside them) and validation of payloads against them.
 *
 * <p>{@code <Action>.json} is the schema of the request (the payload of a CALL),
 * {@code <Action>Response.json} that of the response (the payload of a CALLRESULT).
 *
 * <p>An action that is not in {@link #ACTIONS} is a mistake of the caller, who can check
 * {@link #hasAction} first (a peer that sends such an action gets a CALLERROR NotImplemented,
 * not a schema check): the validate methods throw {@link UnknownActionException} for it.
 *
 * <p>Each instance reads and compiles a schema the first time it is needed and keeps it; this is
 * thread-safe ({@link ConcurrentHashMap#computeIfAbsent}), and there is no static mutable state.
 * A process that validates often should keep one instance.
 */
public final class Ocpp16Schemas {

    /** The 39 actions: the 28 of OCPP 1.6 and the 11 of the Security Whitepaper, edition 2. */
    public static final Set<String> ACTIONS = Set.of(
            "Authorize", "BootNotification", "CancelReservation", "ChangeAvailability", "ChangeConfiguration",
            "ClearCache", "ClearChargingProfile", "DataTransfer", "DiagnosticsStatusNotification",
            "FirmwareStatusNotification", "GetCompositeSchedule", "GetConfiguration", "GetDiagnostics",
            "GetLocalListVersion", "Heartbeat", "MeterValues", "RemoteStartTransaction", "RemoteStopTransaction",
            "ReserveNow", "Reset", "SendLocalList", "SetChargingProfile", "StartTransaction", "StatusNotification",
            "StopTransaction", "TriggerMessage", "UnlockConnector", "UpdateFirmware",
            // Security Whitepaper, edition 2
            "CertificateSigned", "DeleteCertificate", "ExtendedTriggerMessage", "GetInstalledCertificateIds",
            "GetLog", "InstallCertificate", "LogStatusNotification", "SecurityEventNotification",
            "SignCertificate", "SignedFirmwareStatusNotification", "SignedUpdateFirmware");

    private final ObjectMapper mapper = new ObjectMapper();
    private final ConcurrentMap<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    /** Whether {@code action} is one of {@link #ACTIONS}. */
    public boolean hasAction(String action) {
        return ACTIONS.contains(action);
    }

    /** The violations of the request schema of {@code action}; empty when {@code payload} is valid. */
    public List<SchemaViolation> validateRequest(String action, JsonNode payload) {
        return requestSchema(action).validate(Objects.requireNonNull(payload, "payload"));
    }

    /** The violations of the response schema of {@code action}; empty when {@code payload} is valid. */
    public List<SchemaViolation> validateResponse(String action, JsonNode payload) {
        return responseSchema(action).validate(Objects.requireNonNull(payload, "payload"));
    }

    /** The violations of {@code message}'s own schema (its {@code toJson()} checked). */
    public List<SchemaViolation> validate(Ocpp16Message message) {
        return message.kind() == Ocpp16Message.Kind.REQUEST
                ? validateRequest(message.action(), message.toJson())
                : validateResponse(message.action(), message.toJson());
    }

    /** The compiled schema of the request of {@code action}. */
    public JsonSchema requestSchema(String action) {
        return schema(action, action + ".json");
    }

    /** The compiled schema of the response of {@code action}. */
    public JsonSchema responseSchema(String action) {
        return schema(action, action + "Response.json");
    }

    private JsonSchema schema(String action, String file) {
        if (!hasAction(Objects.requireNonNull(action, "action"))) {
            throw new UnknownActionException(action);
        }
        return compiled.computeIfAbsent(file, this::load);
    }

    private JsonSchema load(String file) {
        try (InputStream in = Ocpp16Schemas.class.getResourceAsStream("schemas/" + file)) {
            if (in == null) {
                throw new IllegalStateException("OCPP schema " + file + " is missing from the class path");
            }
            return JsonSchema.compile(file, mapper.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read OCPP schema " + file, e);
        }
    }
}
