package org.octt.ocpp.j;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ChargePointResponderTests {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static String answer(CallResponder responder, String action, String payload) throws Exception {
        IncomingCall call = new IncomingCall("id-1", action, MAPPER.readTree(payload));
        return MAPPER.writeValueAsString(responder.answer(call).frame(call.uniqueId()));
    }

    private static String answer(String action, String payload) throws Exception {
        return answer(ChargePointResponder.defaults(), action, payload);
    }

    private static ChargePointResponder configured() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("SecurityProfile", "2");
        keys.put("NumberOfConnectors", "1");
        return ChargePointResponder.withConfiguration(keys);
    }

    @Test
    void reportsEveryConfiguredKeyAsReadOnlyWhenNoneIsRequested() throws Exception {
        assertThat(answer(configured(), "GetConfiguration", "{}")).isEqualTo("[3,\"id-1\",{\"configurationKey\":["
                + "{\"key\":\"SecurityProfile\",\"readonly\":true,\"value\":\"2\"},"
                + "{\"key\":\"NumberOfConnectors\",\"readonly\":true,\"value\":\"1\"}]}]");
    }

    @Test
    void reportsRequestedKeysAndListsUnknownOnes() throws Exception {
        assertThat(answer(configured(), "GetConfiguration", "{\"key\":[\"SecurityProfile\",\"AuthorizationKey\"]}"))
                .isEqualTo("[3,\"id-1\",{\"configurationKey\":[{\"key\":\"SecurityProfile\",\"readonly\":true,"
                        + "\"value\":\"2\"}],\"unknownKey\":[\"AuthorizationKey\"]}]");
        assertThat(answer("GetConfiguration", "{\"key\":[\"HeartbeatInterval\"]}"))
                .isEqualTo("[3,\"id-1\",{\"configurationKey\":[],\"unknownKey\":[\"HeartbeatInterval\"]}]");
    }

    @Test
    void rejectsChangingAKeyItHasAndDoesNotSupportOthers() throws Exception {
        assertThat(answer(configured(), "ChangeConfiguration", "{\"key\":\"SecurityProfile\",\"value\":\"3\"}"))
                .isEqualTo("[3,\"id-1\",{\"status\":\"Rejected\"}]");
        assertThat(answer(configured(), "ChangeConfiguration", "{\"key\":\"HeartbeatInterval\",\"value\":\"60\"}"))
                .isEqualTo("[3,\"id-1\",{\"status\":\"NotSupported\"}]");
    }

    @ParameterizedTest
    @CsvSource({
            "BootNotification, Rejected", "Heartbeat, Rejected", "StatusNotification, Rejected",
            "MeterValues, NotImplemented", "DiagnosticsStatusNotification, NotImplemented",
            "FirmwareStatusNotification, NotImplemented"})
    void neverAcceptsTriggerMessageAsItSendsNothingOnRequest(String requested, String status) throws Exception {
        assertThat(answer("TriggerMessage", "{\"requestedMessage\":\"" + requested + "\"}"))
                .isEqualTo("[3,\"id-1\",{\"status\":\"" + status + "\"}]");
    }

    @ParameterizedTest
    @CsvSource({
            "Reset, '{\"type\":\"Hard\"}', Rejected",
            "RemoteStartTransaction, '{\"idTag\":\"A\"}', Rejected",
            "RemoteStopTransaction, '{\"transactionId\":1}', Rejected",
            "ChangeAvailability, '{\"connectorId\":0,\"type\":\"Inoperative\"}', Rejected",
            "ClearCache, '{}', Rejected",
            "UnlockConnector, '{\"connectorId\":1}', NotSupported",
            "ClearChargingProfile, '{}', Unknown",
            "DataTransfer, '{\"vendorId\":\"com.example\"}', UnknownVendorId"})
    void changesNothingItIsAskedToChange(String action, String payload, String status) throws Exception {
        assertThat(answer(action, payload)).isEqualTo("[3,\"id-1\",{\"status\":\"" + status + "\"}]");
    }

    @Test
    void answersKnownUnsupportedActionWithNotSupportedAndUnknownOneWithNotImplemented() throws Exception {
        assertThat(answer("UpdateFirmware", "{}"))
                .isEqualTo("[4,\"id-1\",\"NotSupported\",\"UpdateFirmware is not supported by this Charge Point\",{}]");
        assertThat(answer("InstallCertificate", "{}")).startsWith("[4,\"id-1\",\"NotSupported\",");
        assertThat(answer("Teleport", "{}")).isEqualTo("[4,\"id-1\",\"NotImplemented\",\"unknown action Teleport\",{}]");
    }

    @Test
    void answersIncompleteOrMistypedPayloadsWithProtocolErrorOrTypeConstraintViolation() throws Exception {
        assertThat(answer("ChangeConfiguration", "{\"value\":\"1\"}"))
                .isEqualTo("[4,\"id-1\",\"ProtocolError\",\"ChangeConfiguration.req lacks key\",{}]");
        assertThat(answer("UnlockConnector", "{\"connectorId\":\"1\"}"))
                .isEqualTo("[4,\"id-1\",\"TypeConstraintViolation\",\"UnlockConnector.req connectorId must be an integer\",{}]");
        assertThat(answer("GetConfiguration", "{\"key\":\"SecurityProfile\"}"))
                .isEqualTo("[4,\"id-1\",\"TypeConstraintViolation\",\"GetConfiguration.req key must be an array of strings\",{}]");
        assertThat(answer("TriggerMessage", "{\"requestedMessage\":\"Coffee\"}")).isEqualTo("[4,\"id-1\","
                + "\"PropertyConstraintViolation\",\"TriggerMessage.req requestedMessage Coffee is not a MessageTrigger of OCPP 1.6\",{}]");
    }
}
