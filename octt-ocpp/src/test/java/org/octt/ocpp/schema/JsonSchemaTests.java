package org.octt.ocpp.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonSchemaTests {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static JsonSchema schema(String text) {
        return JsonSchema.compile("Test.json", json(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{'type':'object','properties':{'a':{'type':'string','pattern':'^x'}}}"
                    + "|OCPP schema Test.json at #/properties/a/pattern: unsupported keyword \"pattern\"; it would go unchecked",
            "{'minimum':1}|OCPP schema Test.json at #/minimum: unsupported keyword \"minimum\"; it would go unchecked",
            "{'type':['string','null']}"
                    + "|OCPP schema Test.json at #/type: unsupported type [\"string\",\"null\"] (supported: one of array, boolean, integer, number, object, string)",
            "{'type':'string','format':'email'}|OCPP schema Test.json at #/format: unsupported format \"email\" (supported: date-time, uri)",
            "{'$ref':'other.json#/a'}|OCPP schema Test.json at #/$ref: only $ref to #/definitions/<name> is supported, was \"other.json#/a\"",
            "{'$ref':'#/definitions/Nope'}|OCPP schema Test.json at #/$ref: $ref to a missing definition \"Nope\"",
            "{'definitions':{'A':{'type':'string'}},'properties':{'a':{'$ref':'#/definitions/A','maxLength':3}}}"
                    + "|OCPP schema Test.json at #/properties/a: \"maxLength\" beside $ref would be ignored by draft-04/06",
            "{'additionalProperties':{'type':'string'}}"
                    + "|OCPP schema Test.json at #/additionalProperties: additionalProperties must be true or false here (a schema is not supported), was {\"type\":\"string\"}",
            "{'enum':[1,2]}|OCPP schema Test.json at #/enum: enum must be an array of strings, has 1",
            "{'$schema':'http://json-schema.org/draft-07/schema#'}"
                    + "|OCPP schema Test.json at #/$schema: unsupported dialect \"http://json-schema.org/draft-07/schema#\" (draft-04 and draft-06 are supported)"})
    void refusesToCompileWhatItCannotCheck(String schema, String message) {
        assertThatThrownBy(() -> schema(schema)).isInstanceOf(IllegalStateException.class).hasMessage(message);
    }

    @Test
    void ignoresAnnotationsButNotPropertiesNamedLikeKeywords() {
        JsonSchema schema = schema("{'$schema':'http://json-schema.org/draft-04/schema#','id':'urn:x','$id':'urn:y',"
                + "'title':'T','description':'d','javaType':'J','type':'object',"
                + "'properties':{'pattern':{'type':'integer'},'id':{'type':'integer'}}}");

        assertThat(schema.validate(json("{'pattern':1,'id':2}"))).isEmpty();
        assertThat(schema.validate(json("{'pattern':'x'}")))
                .containsExactly(new SchemaViolation("/pattern", "type", "expected integer, got string \"x\""));
    }

    @Test
    void integerFollowsTheDialectOfTheSchema() {
        String body = "'type':'object','properties':{'n':{'type':'integer'}}}";
        JsonSchema draft04 = schema("{'$schema':'http://json-schema.org/draft-04/schema#'," + body);
        JsonSchema draft06 = schema("{'$schema':'http://json-schema.org/draft-06/schema#'," + body);

        assertThat(draft04.validate(json("{'n':1}"))).isEmpty();
        assertThat(draft04.validate(json("{'n':1.0}")))
                .containsExactly(new SchemaViolation("/n", "type", "expected integer, got number 1.0"));
        assertThat(draft04.validate(json("{'n':1e2}")))
                .containsExactly(new SchemaViolation("/n", "type", "expected integer, got number 100.0"));
        assertThat(draft06.validate(json("{'n':1.0}"))).isEmpty();
        assertThat(draft06.validate(json("{'n':1.5}")))
                .containsExactly(new SchemaViolation("/n", "type", "expected integer, got number 1.5"));
    }

    @Test
    void maxLengthCountsCodePointsNotUtf16Units() {
        JsonSchema schema = schema("{'type':'string','maxLength':3}");
        String threeEmoji = "\uD83D\uDD0C\uD83D\uDD0C\uD83D\uDD0C"; // 3 code points, 6 chars

        assertThat(schema.validate(MAPPER.getNodeFactory().textNode(threeEmoji))).isEmpty();
        assertThat(schema.validate(MAPPER.getNodeFactory().textNode(threeEmoji + "a"))).containsExactly(
                new SchemaViolation("", "maxLength", "a string of 4 characters, more than maxLength 3: \"" + threeEmoji + "a\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-31T13:45:00Z", "2024-02-29T00:00:00.123456+01:00", "2024-12-31t23:59:60z",
            "1999-06-30T23:59:59-23:59"})
    void acceptsRfc3339DateTimes(String text) {
        assertThat(JsonSchema.isDateTime(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-31T13:45:00", "2024-01-31 13:45:00Z", "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z",
            "2024-01-31T24:00:00Z", "2024-01-31T13:60:00Z", "2024-01-31T13:45:00+24:00", "2024-01-31T13:45Z",
            "2024-01-31T13:45:00.Z", "2024-1-31T13:45:00Z", "٢٠٢٤-01-31T13:45:00Z", "2024-01-31T13:45:00+0100"})
    void refusesWhatIsNotAnRfc3339DateTimeWithOffset(String text) {
        assertThat(JsonSchema.isDateTime(text)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"0.3,0.1,true", "0.15,0.1,false", "16,0.1,true", "-2.5,0.5,true", "7,2,false", "0,0.1,true",
            "1e999999999,0.1,true", "1e-999999999,0.1,false", "12.0,3,true", "0.3,0.2,false"})
    void multipleOfIsExactDecimalArithmetic(String number, String multipleOf, boolean expected) throws Exception {
        JsonNode asDecimal = MAPPER.reader().with(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .readTree(number);

        assertThat(JsonSchema.isMultiple(asDecimal, new BigDecimal(multipleOf))).isEqualTo(expected);
        if (!number.contains("999")) {
            assertThat(JsonSchema.isMultiple(MAPPER.readTree(number), new BigDecimal(multipleOf))).isEqualTo(expected);
        }
    }

    @Test
    void reportsMinItemsAndAdditionalItemsOfTuples() {
        JsonSchema schema = schema("{'type':'array','minItems':2,'items':[{'type':'string'},{'type':'integer'}],"
                + "'additionalItems':false}");

        assertThat(schema.validate(json("['a',1]"))).isEmpty();
        assertThat(schema.validate(json("[1]"))).containsExactly(
                new SchemaViolation("", "minItems", "an array of 1 item, fewer than minItems 2"),
                new SchemaViolation("/0", "type", "expected string, got integer 1"));
        assertThat(schema.validate(json("['a',1,true]"))).containsExactly(
                new SchemaViolation("", "additionalItems", "an array of 3 items, more than the 2 the schema lists"));
    }

    @Test
    void uriMustBeAbsolute() {
        JsonSchema schema = schema("{'type':'string','format':'uri'}");

        assertThat(schema.validate(json("'ftp://logs.example.com/upload'"))).isEmpty();
        assertThat(schema.validate(json("'/relative/path'"))).containsExactly(
                new SchemaViolation("", "format", "\"/relative/path\" is not an absolute URI"));
        assertThat(schema.validate(json("'http://exa mple'"))).containsExactly(
                new SchemaViolation("", "format", "\"http://exa mple\" is not an absolute URI"));
    }

    @Test
    void escapesPointerTokensOfPropertyNames() {
        JsonSchema schema = schema("{'type':'object','properties':{'a/b~c':{'type':'string'}}}");

        assertThat(schema.validate(json("{'a/b~c':1}")))
                .containsExactly(new SchemaViolation("/a~1b~0c", "type", "expected string, got integer 1"));
    }

    @Test
    void showsTheRootAsRootInItsTextForm() {
        assertThat(new SchemaViolation("", "required", "required property \"status\" is missing"))
                .hasToString("(root): required property \"status\" is missing");
        assertThat(new SchemaViolation("/status", "enum", "\"Acepted\" is not one of Accepted, Pending, Rejected"))
                .hasToString("/status: \"Acepted\" is not one of Accepted, Pending, Rejected");
    }
}
