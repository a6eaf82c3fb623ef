package org.octt.ocpp.v16;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.octt.ocpp.schema.JsonSchema;
import org.octt.ocpp.schema.SchemaViolation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Ocpp16SchemasTests {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Ocpp16Schemas schemas = new Ocpp16Schemas();

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text.replace('\'', '"'));
        } catch (IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static ObjectNode bootResponse() {
        return (ObjectNode) json("{'status':'Accepted','currentTime':'2024-01-31T13:45:00Z','interval':300}");
    }

    @Test
    void compilesAllSeventyEightVendoredSchemas() throws IOException {
        List<String> compiled = new ArrayList<>();
        for (String action : Ocpp16Schemas.ACTIONS) {
            compiled.add(schemas.requestSchema(action).name());
            compiled.add(schemas.responseSchema(action).name());
        }
        List<String> files;
        try (Stream<Path> listing = Files.list(Path.of("src/main/resources/org/octt/ocpp/v16/schemas"))) {
            files = listing.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).toList();
        }

        assertThat(compiled).hasSize(78).containsExactlyInAnyOrderElementsOf(files);
    }

    @Test
    void compilesEachSchemaOnceAndKeepsIt() {
        JsonSchema first = schemas.requestSchema("BootNotification");

        assertThat(schemas.requestSchema("BootNotification")).isSameAs(first);
        assertThat(schemas.responseSchema("BootNotification")).isNotSameAs(first);
        assertThat(new Ocpp16Schemas().requestSchema("BootNotification")).isNotSameAs(first);
    }

    @Test
    void refusesAnUnknownActionNamingItSafely() {
        assertThat(schemas.hasAction("Heartbeat")).isTrue();
        assertThat(schemas.hasAction("heartbeat")).isFalse();
        assertThatThrownBy(() -> schemas.validateRequest("NotifyEvent\n", json("{}")))
                .isInstanceOf(UnknownActionException.class)
                .hasMessage("unknown OCPP 1.6 action \"NotifyEvent\\n\" (not one of the 39 actions of OCPP 1.6"
                        + " and its Security Whitepaper)")
                .extracting(e -> ((UnknownActionException) e).action()).isEqualTo("NotifyEvent\n");
        assertThatThrownBy(() -> schemas.validateResponse("../BootNotification", json("{}")))
                .isInstanceOf(UnknownActionException.class);
    }

    @Test
    void acceptsAValidPayload() {
        assertThat(schemas.validateResponse("BootNotification", bootResponse())).isEmpty();
    }

    @Test
    void reportsAMissingRequiredProperty() {
        ObjectNode payload = bootResponse();
        payload.remove("interval");

        assertThat(schemas.validateResponse("BootNotification", payload)).containsExactly(
                new SchemaViolation("", "required", "required property \"interval\" is missing"));
    }

    @Test
    void reportsAValueOutsideTheEnumeration() {
        List<SchemaViolation> violations = schemas.validateResponse("BootNotification", bootResponse().put("status", "Acepted"));

        assertThat(violations).containsExactly(
                new SchemaViolation("/status", "enum", "\"Acepted\" is not one of Accepted, Pending, Rejected"));
        assertThat(violations.get(0)).hasToString("/status: \"Acepted\" is not one of Accepted, Pending, Rejected");
    }

    @Test
    void reportsAStringLongerThanMaxLengthShortened() {
        JsonNode payload = json("{'chargePointVendor':'" + "V".repeat(21) + "','chargePointModel':'" + "M".repeat(300) + "'}");

        assertThat(schemas.validateRequest("BootNotification", payload)).containsExactly(
                new SchemaViolation("/chargePointVendor", "maxLength",
                        "a string of 21 characters, more than maxLength 20: \"VVVVVVVVVVVVVVVVVVVVV\""),
                new SchemaViolation("/chargePointModel", "maxLength",
                        "a string of 300 characters, more than maxLength 20: \"" + "M".repeat(40) + "…\""));
    }

    @Test
    void reportsAnAdditionalProperty() {
        assertThat(schemas.validateResponse("BootNotification", bootResponse().put("heartbeatInterval", 300)))
                .containsExactly(new SchemaViolation("", "additionalProperties",
                        "property \"heartbeatInterval\" is not allowed (allowed: status, currentTime, interval)"));
        assertThat(schemas.validateResponse("StatusNotification", json("{'x\\u001b':1}")))
                .containsExactly(new SchemaViolation("", "additionalProperties",
                        "property \"x\\u001B\" is not allowed (allowed: none)"));
    }

    @Test
    void reportsABadDateTime() {
        assertThat(schemas.validateResponse("BootNotification", bootResponse().put("currentTime", "2024-01-31 13:45:00")))
                .containsExactly(new SchemaViolation("/currentTime", "format",
                        "\"2024-01-31 13:45:00\" is not a date-time (RFC 3339 with offset, e.g. 2024-01-31T13:45:00Z)"));
    }

    @Test
    void reportsAWrongType() {
        assertThat(schemas.validateResponse("BootNotification", bootResponse().put("interval", "300")))
                .containsExactly(new SchemaViolation("/interval", "type", "expected integer, got string \"300\""));
        assertThat(schemas.validateResponse("BootNotification", bootResponse().put("interval", 300.0)))
                .as("draft-04: 300.0 is not an integer")
                .containsExactly(new SchemaViolation("/interval", "type", "expected integer, got number 300.0"));
        assertThat(schemas.validateRequest("Heartbeat", json("[]")))
                .containsExactly(new SchemaViolation("", "type", "expected object, got an array of 0 items"));
    }

    @Test
    void followsReferencesIntoDefinitionsWithTheInstancePath() {
        JsonNode payload = json("{'certificateHashData':{'hashAlgorithm':'MD5','issuerNameHash':'a',"
                + "'issuerKeyHash':'b'}}");

        assertThat(schemas.validateRequest("DeleteCertificate", payload)).containsExactly(
                new SchemaViolation("/certificateHashData", "required", "required property \"serialNumber\" is missing"),
                new SchemaViolation("/certificateHashData/hashAlgorithm", "enum",
                        "\"MD5\" is not one of SHA256, SHA384, SHA512"));
    }

    @Test
    void checksItemsMinItemsAndMultipleOfInRealSchemas() {
        assertThat(schemas.validateResponse("GetInstalledCertificateIds", json("{'status':'Accepted','certificateHashData':[]}")))
                .containsExactly(new SchemaViolation("/certificateHashData", "minItems",
                        "an array of 0 items, fewer than minItems 1"));
        assertThat(schemas.validateRequest("GetConfiguration", json("{'key':['AuthorizeRemoteTxRequests',7]}")))
                .containsExactly(new SchemaViolation("/key/1", "type", "expected string, got integer 7"));
        JsonNode profile = json("{'connectorId':1,'csChargingProfiles':{'chargingProfileId':1,'stackLevel':0,"
                + "'chargingProfilePurpose':'TxDefaultProfile','chargingProfileKind':'Absolute',"
                + "'chargingSchedule':{'chargingRateUnit':'A','chargingSchedulePeriod':[{'startPeriod':0,'limit':16.05}]}}}");
        assertThat(schemas.validateRequest("SetChargingProfile", profile)).containsExactly(new SchemaViolation(
                "/csChargingProfiles/chargingSchedule/chargingSchedulePeriod/0/limit", "multipleOf",
                "16.05 is not a multiple of 0.1"));
    }

    @Test
    void acceptsADraft06IntegerWithZeroFraction() {
        assertThat(schemas.validateRequest("LogStatusNotification", json("{'status':'Uploaded','requestId':7.0}"))).isEmpty();
        assertThat(schemas.validateRequest("StatusNotification",
                json("{'connectorId':1.0,'errorCode':'NoError','status':'Available'}")))
                .containsExactly(new SchemaViolation("/connectorId", "type", "expected integer, got number 1.0"));
    }
}
