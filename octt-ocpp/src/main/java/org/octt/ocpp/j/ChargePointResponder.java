package org.octt.ocpp.j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The default answers of a simulated OCPP 1.6 Charge Point that only boots and reports its status:
 * it changes nothing, starts nothing and sends nothing it was not going to send anyway. Stateless,
 * non-blocking, thread-safe.
 *
 * <table>
 * <caption>Answers by action</caption>
 * <tr><th>action</th><th>answer</th></tr>
 * <tr><td>GetConfiguration</td><td>the configured keys (all read-only), or those of them requested;
 *     requested keys it does not have under {@code unknownKey}</td></tr>
 * <tr><td>ChangeConfiguration</td><td>{@code Rejected} for a key it has (read-only),
 *     {@code NotSupported} for any other</td></tr>
 * <tr><td>TriggerMessage</td><td>{@code Rejected} for BootNotification, Heartbeat and
 *     StatusNotification (it knows them but sends none on request), {@code NotImplemented} for
 *     DiagnosticsStatusNotification, FirmwareStatusNotification and MeterValues</td></tr>
 * <tr><td>Reset, RemoteStartTransaction, RemoteStopTransaction, ChangeAvailability, ClearCache,
 *     SetChargingProfile, GetCompositeSchedule, CancelReservation</td><td>{@code Rejected}</td></tr>
 * <tr><td>ReserveNow</td><td>{@code Rejected}</td></tr>
 * <tr><td>UnlockConnector</td><td>{@code NotSupported}</td></tr>
 * <tr><td>ClearChargingProfile</td><td>{@code Unknown}</td></tr>
 * <tr><td>DataTransfer</td><td>{@code UnknownVendorId}</td></tr>
 * <tr><td>GetDiagnostics, UpdateFirmware, GetLocalListVersion, SendLocalList and the security
 *     extension's CertificateSigned, DeleteCertificate, ExtendedTriggerMessage,
 *     GetInstalledCertificateIds, GetLog, InstallCertificate, SignedUpdateFirmware</td>
 *     <td>CALLERROR {@code NotSupported} (known OCPP 1.6 actions this Charge Point does not support)</td></tr>
 * <tr><td>anything else</td><td>CALLERROR {@code NotImplemented}</td></tr>
 * </table>
 *
 * <p>A payload that lacks a field the action requires is answered with CALLERROR
 * {@code ProtocolError}; a field of the wrong JSON type with {@code TypeConstraintViolation}.
 */
public final class ChargePointResponder implements CallResponder {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private static final Set<String> STATUS_REJECTED = Set.of("Reset", "RemoteStartTransaction",
            "RemoteStopTransaction", "ChangeAvailability", "ClearCache", "SetChargingProfile", "GetCompositeSchedule",
            "CancelReservation", "ReserveNow");
    private static final Set<String> NOT_SUPPORTED = Set.of("GetDiagnostics", "UpdateFirmware", "GetLocalListVersion",
            "SendLocalList", "CertificateSigned", "DeleteCertificate", "ExtendedTriggerMessage",
            "GetInstalledCertificateIds", "GetLog", "InstallCertificate", "SignedUpdateFirmware");
    private static final Set<String> TRIGGER_KNOWN = Set.of("BootNotification", "Heartbeat", "StatusNotification");
    private static final Set<String> TRIGGER_NOT_IMPLEMENTED = Set.of("DiagnosticsStatusNotification",
            "FirmwareStatusNotification", "MeterValues");

    /** Required fields and whether each is textual (true) or integral (false), by action. */
    private static final Map<String, Map<String, Boolean>> REQUIRED = Map.ofEntries(
            Map.entry("ChangeConfiguration", Map.of("key", true, "value", true)),
            Map.entry("TriggerMessage", Map.of("requestedMessage", true)),
            Map.entry("Reset", Map.of("type", true)),
            Map.entry("RemoteStartTransaction", Map.of("idTag", true)),
            Map.entry("RemoteStopTransaction", Map.of("transactionId", false)),
            Map.entry("ChangeAvailability", Map.of("connectorId", false, "type", true)),
            Map.entry("UnlockConnector", Map.of("connectorId", false)),
            Map.entry("DataTransfer", Map.of("vendorId", true)),
            Map.entry("GetCompositeSchedule", Map.of("connectorId", false, "duration", false)),
            Map.entry("CancelReservation", Map.of("reservationId", false)),
            Map.entry("ReserveNow", Map.of("connectorId", false, "expiryDate", true, "idTag", true,
                    "reservationId", false)));

    private final Map<String, String> configuration;

    private ChargePointResponder(Map<String, String> configuration) {
        this.configuration = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(configuration));
    }

    /** The default answers, with no configuration key. */
    public static ChargePointResponder defaults() {
        return new ChargePointResponder(Map.of());
    }

    /**
     * The default answers, GetConfiguration reporting these read-only keys.
     *
     * @param configuration key to value, in the order to report them; values are not secrets
     */
    public static ChargePointResponder withConfiguration(Map<String, String> configuration) {
        Objects.requireNonNull(configuration, "configuration");
        configuration.forEach((k, v) -> {
            Objects.requireNonNull(k, "configuration key");
            Objects.requireNonNull(v, "value of " + k);
        });
        return new ChargePointResponder(configuration);
    }

    /** The read-only configuration keys GetConfiguration reports. */
    public Map<String, String> configuration() {
        return configuration;
    }

    @Override
    public CallAnswer answer(IncomingCall call) {
        String action = call.action();
        JsonNode p = call.payload();
        Optional<CallAnswer> invalid = checkRequired(action, p);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        return switch (action) {
            case "GetConfiguration" -> getConfiguration(p);
            case "ChangeConfiguration" -> configuration.containsKey(p.get("key").textValue())
                    ? CallAnswer.status("Rejected") : CallAnswer.status("NotSupported");
            case "TriggerMessage" -> triggerMessage(p.get("requestedMessage").textValue());
            case "UnlockConnector" -> CallAnswer.status("NotSupported");
            case "ClearChargingProfile" -> CallAnswer.status("Unknown");
            case "DataTransfer" -> CallAnswer.status("UnknownVendorId");
            default -> {
                if (STATUS_REJECTED.contains(action)) {
                    yield CallAnswer.status("Rejected");
                }
                if (NOT_SUPPORTED.contains(action)) {
                    yield CallAnswer.error("NotSupported", action + " is not supported by this Charge Point");
                }
                yield CallAnswer.error("NotImplemented", "unknown action " + abbreviate(action));
            }
        };
    }

    private CallAnswer getConfiguration(JsonNode p) {
        JsonNode keys = p.get("key");
        if (keys != null && !keys.isArray()) {
            return CallAnswer.error("TypeConstraintViolation", "GetConfiguration.req key must be an array of strings");
        }
        Set<String> requested = new LinkedHashSet<>();
        if (keys != null) {
            for (JsonNode k : keys) {
                if (!k.isTextual()) {
                    return CallAnswer.error("TypeConstraintViolation",
                            "GetConfiguration.req key must be an array of strings");
                }
                requested.add(k.textValue());
            }
        }
        ObjectNode conf = JSON.objectNode();
        ArrayNode known = conf.putArray("configurationKey");
        configuration.forEach((k, v) -> {
            if (requested.isEmpty() || requested.contains(k)) {
                known.addObject().put("key", k).put("readonly", true).put("value", v);
            }
        });
        List<String> unknown = requested.stream().filter(k -> !configuration.containsKey(k)).toList();
        if (!unknown.isEmpty()) {
            ArrayNode u = conf.putArray("unknownKey");
            unknown.forEach(u::add);
        }
        return CallAnswer.result(conf);
    }

    private static CallAnswer triggerMessage(String requested) {
        if (TRIGGER_KNOWN.contains(requested)) {
            return CallAnswer.status("Rejected");
        }
        if (TRIGGER_NOT_IMPLEMENTED.contains(requested)) {
            return CallAnswer.status("NotImplemented");
        }
        return CallAnswer.error("PropertyConstraintViolation", "TriggerMessage.req requestedMessage "
                + abbreviate(requested) + " is not a MessageTrigger of OCPP 1.6");
    }

    private static Optional<CallAnswer> checkRequired(String action, JsonNode payload) {
        Map<String, Boolean> fields = REQUIRED.getOrDefault(action, Map.of());
        for (String field : new java.util.TreeSet<>(fields.keySet())) {
            JsonNode v = payload.get(field);
            if (v == null || v.isNull()) {
                return Optional.of(CallAnswer.error("ProtocolError", action + ".req lacks " + field));
            }
            boolean textual = fields.get(field);
            if (textual ? !v.isTextual() : !v.isIntegralNumber()) {
                return Optional.of(CallAnswer.error("TypeConstraintViolation", action + ".req " + field + " must be "
                        + (textual ? "a string" : "an integer")));
            }
        }
        return Optional.empty();
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }
}
