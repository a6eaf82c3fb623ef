package org.octt.testsupport;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The JSON Schema of the JSON report, {@code docs/report.schema.json} (draft 2020-12, formats
 * asserted), for the tests that check real reports against it.
 */
public final class ReportSchema {

    private static final JsonSchema SCHEMA = load();

    private ReportSchema() {
    }

    /** The schema file: {@code docs/report.schema.json} in the repository, found from the working folder up. */
    public static Path file() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("docs").resolve("report.schema.json");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("docs/report.schema.json not found above " + Path.of("").toAbsolutePath());
    }

    /** What in {@code json} breaks the schema, one line each (location and message); empty when it is valid. */
    public static List<String> violations(String json) {
        return SCHEMA.validate(json, InputFormat.JSON).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private static JsonSchema load() {
        try {
            String text = Files.readString(file(), StandardCharsets.UTF_8);
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(text, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
