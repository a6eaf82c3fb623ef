package org.octt.ocpp.v16.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.octt.ocpp.v16.Ocpp16Schemas;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Ocpp16MessagesTests {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Ocpp16Schemas SCHEMAS = new Ocpp16Schemas();
    private static final OffsetDateTime T1 = OffsetDateTime.of(2024, 1, 31, 13, 45, 0, 0, ZoneOffset.UTC);
    private static final OffsetDateTime T2 = OffsetDateTime.of(2024, 2, 29, 8, 0, 30, 250_000_000, ZoneOffset.ofHours(2));
    private static final CertificateHashData HASH = new CertificateHashData(HashAlgorithm.SHA256,
            "a".repeat(64), "b".repeat(64), "0123456789abcdef");

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text.replace('\'', '"'));
        } catch (IOException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** One or more samples of every message, optional fields filled in at least one of them. */
    static Stream<Ocpp16Message> samples() {
        return Stream.of(
                new BootNotificationRequest("Vendor", "Model"),
                new BootNotificationRequest("Vendor", "Model", Optional.of("CP-SN-1"), Optional.of("CB-SN-1"),
                        Optional.of("1.2.3"), Optional.of("8931000000000000000"), Optional.of("262010000000000"),
                        Optional.of("Meter"), Optional.of("M-1")),
                new BootNotificationResponse(RegistrationStatus.Accepted, T1, 300),
                new StatusNotificationRequest(1, ChargePointErrorCode.NoError, ChargePointStatus.Available),
                new StatusNotificationRequest(0, ChargePointErrorCode.OtherError, ChargePointStatus.Faulted,
                        Optional.of("info"), Optional.of(T2), Optional.of("vendor"), Optional.of("E42")),
                new StatusNotificationResponse(),
                new HeartbeatRequest(),
                new HeartbeatResponse(T2),
                new ChangeConfigurationRequest("SecurityProfile", "2"),
                new ChangeConfigurationResponse(ConfigurationStatus.RebootRequired),
                new GetConfigurationRequest(Optional.empty()),
                new GetConfigurationRequest(Optional.of(List.of("SecurityProfile", "CpoName"))),
                new GetConfigurationResponse(Optional.of(List.of(new KeyValue("SecurityProfile", false, Optional.of("2")),
                        new KeyValue("AuthorizationKey", true))), Optional.of(List.of("Nope"))),
                new TriggerMessageRequest(MessageTrigger.StatusNotification, OptionalInt.of(1)),
                new TriggerMessageResponse(TriggerMessageStatus.NotImplemented),
                new ExtendedTriggerMessageRequest(ExtendedMessageTrigger.SignChargePointCertificate),
                new ExtendedTriggerMessageResponse(TriggerMessageStatus.Accepted),
                new SecurityEventNotificationRequest("InvalidCentralSystemCertificate", T1, Optional.of("CN mismatch")),
                new SecurityEventNotificationResponse(),
                new SignCertificateRequest("-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n"),
                new SignCertificateResponse(GenericStatus.Accepted),
                new CertificateSignedRequest("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"),
                new CertificateSignedResponse(CertificateSignedStatus.Rejected),
                new InstallCertificateRequest(CertificateUse.CentralSystemRootCertificate, "-----BEGIN CERTIFICATE-----"),
                new InstallCertificateResponse(InstallCertificateStatus.Failed),
                new DeleteCertificateRequest(HASH),
                new DeleteCertificateResponse(DeleteCertificateStatus.NotFound),
                new GetInstalledCertificateIdsRequest(CertificateUse.ManufacturerRootCertificate),
                new GetInstalledCertificateIdsResponse(GetInstalledCertificateStatus.NotFound),
                new GetInstalledCertificateIdsResponse(Optional.of(List.of(HASH)), GetInstalledCertificateStatus.Accepted),
                new GetLogRequest(new LogParameters("https://logs.example.com/upload"), LogType.SecurityLog, 7),
                new GetLogRequest(new LogParameters("ftp://logs.example.com/", Optional.of(T1), Optional.of(T2)),
                        LogType.DiagnosticsLog, 8, OptionalInt.of(3), OptionalInt.of(60)),
                new GetLogResponse(LogStatus.AcceptedCanceled, Optional.of("security.log")),
                new LogStatusNotificationRequest(UploadLogStatus.Uploading, OptionalInt.of(7)),
                new LogStatusNotificationResponse(),
                new SignedUpdateFirmwareRequest(11, new Firmware("https://fw.example.com/1.bin", T1, "-----BEGIN", "c2ln")),
                new SignedUpdateFirmwareRequest(OptionalInt.of(2), OptionalInt.of(30), 12,
                        new Firmware("https://fw.example.com/2.bin", T1, Optional.of(T2), "-----BEGIN", "c2ln")),
                new SignedUpdateFirmwareResponse(UpdateFirmwareStatus.InvalidCertificate),
                new SignedFirmwareStatusNotificationRequest(FirmwareStatus.SignatureVerified, OptionalInt.of(11)),
                new SignedFirmwareStatusNotificationResponse());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void roundTripsThroughJsonAndMatchesItsSchema(Ocpp16Message message) throws Exception {
        ObjectNode json = message.toJson();
        Object read = message.getClass().getMethod("fromJson", JsonNode.class).invoke(null, json);

        assertThat(read).isEqualTo(message);
        assertThat(SCHEMAS.validate(message)).as(json.toString()).isEmpty();
    }

    @Test
    void hasASampleOfEveryMessage() throws Exception {
        List<Class<?>> messages = new ArrayList<>();
        try (Stream<Path> sources = Files.list(Path.of("src/main/java/org/octt/ocpp/v16/message"))) {
            for (Path source : sources.toList()) {
                Class<?> type = Class.forName(Ocpp16Message.class.getPackageName() + "."
                        + source.getFileName().toString().replace(".java", ""));
                if (Ocpp16Message.class.isAssignableFrom(type) && type.isRecord()) {
                    messages.add(type);
                }
            }
        }
        Set<Class<?>> sampled = samples().map(Object::getClass).collect(Collectors.toSet());

        assertThat(messages).hasSize(34).containsExactlyInAnyOrderElementsOf(sampled);
        assertThat(samples().map(m -> m.action() + "/" + m.kind()).distinct()).hasSize(34);
    }

    @Test
    void writesEmptyOptionalFieldsNotAtAllAndDateTimesWithSeconds() {
        assertThat(new BootNotificationRequest("V", "M").toJson())
                .isEqualTo(json("{'chargePointVendor':'V','chargePointModel':'M'}"));
        assertThat(new BootNotificationResponse(RegistrationStatus.Pending, T1, 0).toJson())
                .isEqualTo(json("{'status':'Pending','currentTime':'2024-01-31T13:45:00Z','interval':0}"));
        assertThat(new HeartbeatResponse(T2).toJson()).isEqualTo(json("{'currentTime':'2024-02-29T08:00:30.25+02:00'}"));
        assertThat(new GetConfigurationRequest(Optional.of(List.of())).toJson()).isEqualTo(json("{'key':[]}"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'currentTime':'2024-01-31T13:45:00Z','interval':300}"
                    + "|BootNotification.conf (root): required property \"status\" is missing",
            "{'status':'Acepted','currentTime':'2024-01-31T13:45:00Z','interval':300}"
                    + "|BootNotification.conf /status: expected one of Accepted, Pending, Rejected, got string \"Acepted\"",
            "{'status':'Accepted','currentTime':'2024-01-31T13:45:00Z','interval':'300'}"
                    + "|BootNotification.conf /interval: expected an integer (32 bits), got string \"300\"",
            "{'status':'Accepted','currentTime':'2024-01-31T13:45:00Z','interval':3000000000}"
                    + "|BootNotification.conf /interval: expected an integer (32 bits), got integer 3000000000",
            "{'status':'Accepted','currentTime':'31/01/2024 13:45','interval':300}"
                    + "|BootNotification.conf /currentTime: expected a date-time with offset (e.g. 2024-01-31T13:45:00Z), got string \"31/01/2024 13:45\"",
            "{'status':'Accepted','currentTime':null,'interval':300}"
                    + "|BootNotification.conf /currentTime: expected a string, got null",
            "[]|BootNotification.conf (root): expected an object, got an array of 0 items"})
    void refusesToReadAMalformedPayloadSayingWhatAndWhere(String payload, String message) {
        assertThatThrownBy(() -> BootNotificationResponse.fromJson(json(payload)))
                .isInstanceOf(MessageFormatException.class).hasMessage(message);
    }

    @Test
    void namesThePathOfAMalformedNestedField() {
        assertThatThrownBy(() -> GetInstalledCertificateIdsResponse.fromJson(json(
                "{'status':'Accepted','certificateHashData':[{'hashAlgorithm':'SHA256','issuerNameHash':'a',"
                        + "'issuerKeyHash':'b','serialNumber':'1'},{'hashAlgorithm':'MD5'}]}")))
                .isInstanceOf(MessageFormatException.class)
                .hasMessage("GetInstalledCertificateIds.conf /certificateHashData/1/hashAlgorithm:"
                        + " expected one of SHA256, SHA384, SHA512, got string \"MD5\"");
        assertThatThrownBy(() -> GetLogRequest.fromJson(json("{'logType':'SecurityLog','requestId':1,'log':{}}")))
                .isInstanceOf(MessageFormatException.class)
                .hasMessage("GetLog.req /log: required property \"remoteLocation\" is missing");
        assertThatThrownBy(() -> GetConfigurationResponse.fromJson(json("{'unknownKey':['a',{}]}")))
                .isInstanceOf(MessageFormatException.class)
                .hasMessage("GetConfiguration.conf /unknownKey/1: expected a string, got an object with 0 properties");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "RegistrationStatus|BootNotificationResponse.json|/properties/status",
            "ChargePointErrorCode|StatusNotification.json|/properties/errorCode",
            "ChargePointStatus|StatusNotification.json|/properties/status",
            "ConfigurationStatus|ChangeConfigurationResponse.json|/properties/status",
            "MessageTrigger|TriggerMessage.json|/properties/requestedMessage",
            "TriggerMessageStatus|TriggerMessageResponse.json|/properties/status",
            "TriggerMessageStatus|ExtendedTriggerMessageResponse.json|/definitions/TriggerMessageStatusEnumType",
            "ExtendedMessageTrigger|ExtendedTriggerMessage.json|/definitions/MessageTriggerEnumType",
            "GenericStatus|SignCertificateResponse.json|/definitions/GenericStatusEnumType",
            "CertificateSignedStatus|CertificateSignedResponse.json|/definitions/CertificateSignedStatusEnumType",
            "CertificateUse|InstallCertificate.json|/definitions/CertificateUseEnumType",
            "CertificateUse|GetInstalledCertificateIds.json|/definitions/CertificateUseEnumType",
            "InstallCertificateStatus|InstallCertificateResponse.json|/definitions/InstallCertificateStatusEnumType",
            "DeleteCertificateStatus|DeleteCertificateResponse.json|/definitions/DeleteCertificateStatusEnumType",
            "HashAlgorithm|DeleteCertificate.json|/definitions/HashAlgorithmEnumType",
            "HashAlgorithm|GetInstalledCertificateIdsResponse.json|/definitions/HashAlgorithmEnumType",
            "GetInstalledCertificateStatus|GetInstalledCertificateIdsResponse.json|/definitions/GetInstalledCertificateStatusEnumType",
            "LogType|GetLog.json|/definitions/LogEnumType",
            "LogStatus|GetLogResponse.json|/definitions/LogStatusEnumType",
            "UploadLogStatus|LogStatusNotification.json|/definitions/UploadLogStatusEnumType",
            "UpdateFirmwareStatus|SignedUpdateFirmwareResponse.json|/definitions/UpdateFirmwareStatusEnumType",
            "FirmwareStatus|SignedFirmwareStatusNotification.json|/definitions/FirmwareStatusEnumType"})
    void enumConstantsAreExactlyTheValuesOfTheSchema(String enumName, String file, String pointer) throws Exception {
        JsonNode schema;
        try (InputStream in = Ocpp16Schemas.class.getResourceAsStream("schemas/" + file)) {
            schema = MAPPER.readTree(in);
        }
        List<String> values = new ArrayList<>();
        schema.at(pointer).get("enum").forEach(v -> values.add(v.textValue()));
        Class<?> type = Class.forName(Ocpp16Message.class.getPackageName() + "." + enumName);

        assertThat(Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList())
                .containsExactlyElementsOf(values);
    }

    @Test
    void copiesListsSoMessagesStayImmutable() {
        List<String> keys = new ArrayList<>(List.of("a"));
        GetConfigurationRequest request = new GetConfigurationRequest(Optional.of(keys));
        keys.add("b");

        assertThat(request.key()).contains(List.of("a"));
        assertThatThrownBy(() -> request.key().orElseThrow().add("c")).isInstanceOf(UnsupportedOperationException.class);
    }
}
