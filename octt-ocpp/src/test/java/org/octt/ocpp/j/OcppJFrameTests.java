package org.octt.ocpp.j;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class OcppJFrameTests {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void parsesCallResultAndError() {
        assertThat(OcppJFrame.parse(MAPPER, "[3,\"a\",{\"x\":1}]"))
                .isEqualTo(new OcppJFrame.CallResult("a", MAPPER.createObjectNode().put("x", 1)));
        assertThat(OcppJFrame.parse(MAPPER, "[2,\"b\",\"Heartbeat\",{}]"))
                .isEqualTo(new OcppJFrame.Call("b", "Heartbeat", MAPPER.createObjectNode()));
        assertThat(OcppJFrame.parse(MAPPER, "[4,\"c\",\"InternalError\",\"boom\",{}]"))
                .isEqualTo(new OcppJFrame.CallError("c", "InternalError", "boom", MAPPER.createObjectNode()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"a\":1}|not a JSON array",
            "[3,\"a\"|not valid JSON",
            "[]|the first element must be the message type 2, 3 or 4, was: nothing",
            "[\"3\",\"a\",{}]|the first element must be the message type 2, 3 or 4, was: \"3\"",
            "[3,7,{}]|the second element must be the unique id as a string, was: 7",
            "[5,\"a\",{}]|unknown message type 5",
            "[3,\"a\",[]]|the payload of a CALLRESULT must be a JSON object",
            "[3,\"a\",{},1]|a CALLRESULT has 3 elements",
            "[4,\"a\",\"X\",\"y\"]|a CALLERROR has 5 elements",
            "[4,\"a\",1,\"y\",{}]|the error code and description of a CALLERROR must be strings",
            "[2,\"a\",\"Heartbeat\",null]|the payload of a CALL must be a JSON object"})
    void reportsWhatIsWrongWithMalformedFrames(String text, String reason) {
        OcppJFrame frame = OcppJFrame.parse(MAPPER, text);

        assertThat(frame).isInstanceOf(OcppJFrame.Bad.class);
        assertThat(((OcppJFrame.Bad) frame).reason()).contains(reason);
    }

    @Test
    void keepsUniqueIdOfMalformedFrameWhenReadable() {
        assertThat(((OcppJFrame.Bad) OcppJFrame.parse(MAPPER, "[3,\"id-1\",\"x\"]")).uniqueId()).isEqualTo(Optional.of("id-1"));
        assertThat(((OcppJFrame.Bad) OcppJFrame.parse(MAPPER, "nope")).uniqueId()).isEmpty();
    }
}
