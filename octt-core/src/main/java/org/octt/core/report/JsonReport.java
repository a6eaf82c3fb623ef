package org.octt.core.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.octt.core.Version;
import org.octt.core.engine.NotRun;
import org.octt.core.engine.RunResult;
import org.octt.core.engine.StepResult;
import org.octt.core.engine.TestCaseResult;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.Target;

import java.io.IOException;
import java.io.Writer;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the JSON report, whose shape is stable and documented field by field in
 * {@code docs/report-format.md}. It sees only a {@link RunResult}, which holds no secret.
 *
 * <p>Stateless and thread-safe.
 */
public final class JsonReport {

    /**
     * The version of the report's shape, its first field {@code schemaVersion}. {@code "2"} added it,
     * {@code testCases[].messageLog} and took the message log out of the checks' evidence; a report
     * without the field is of the first shape.
     */
    public static final String SCHEMA_VERSION = "2";

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonReport() {
    }

    /**
     * Writes the report of {@code result} to {@code out}, pretty-printed. Flushes but does not close
     * {@code out}.
     *
     * @throws IOException when writing fails
     */
    public static void write(RunResult result, Writer out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.useDefaultPrettyPrinter();
            writeRun(result, g);
        }
        out.flush();
    }

    /**
     * Writes the report of {@code result} to {@code file} (UTF-8), replacing it.
     *
     * @throws IOException when the file cannot be written; the message names it
     */
    public static void write(RunResult result, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(result, out);
        }
    }

    private static void writeRun(RunResult r, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("schemaVersion", SCHEMA_VERSION);
        g.writeObjectFieldStart("tool");
        g.writeStringField("name", "octt");
        g.writeStringField("version", Version.current());
        g.writeEndObject();
        g.writeStringField("startedAt", r.startedAt().toString());
        g.writeNumberField("durationMs", r.duration().toMillis());
        g.writeStringField("verdict", r.verdict().name());
        g.writeBooleanField("cancelled", r.cancelled());
        g.writeArrayFieldStart("notRun"); // as before NotRun: the cancelled ones, as "<id> @ <url>"
        for (NotRun n : r.notRun()) {
            if (n.kind() == NotRun.Kind.CANCELLED) {
                g.writeString(n.label());
            }
        }
        g.writeEndArray();
        g.writeArrayFieldStart("notRunTestCases");
        for (NotRun n : r.notRun()) {
            g.writeStartObject();
            g.writeStringField("id", n.testCaseId());
            g.writeStringField("title", n.title());
            g.writeFieldName("target");
            writeTarget(n.target(), g);
            g.writeStringField("kind", n.kind().name());
            g.writeStringField("reason", n.reason());
            g.writeEndObject();
        }
        g.writeEndArray();
        Optional<Target> first = Reports.firstTarget(r);
        g.writeFieldName("target");
        if (first.isPresent()) {
            writeTarget(first.get(), g);
        } else {
            Optional<String> url = Reports.targetUrls(r).stream().findFirst();
            if (url.isPresent()) {
                g.writeStartObject();
                g.writeStringField("url", url.get());
                g.writeEndObject();
            } else {
                g.writeNull();
            }
        }
        g.writeArrayFieldStart("targets");
        for (String url : Reports.targetUrls(r)) {
            g.writeString(url);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("testCases");
        for (TestCaseResult tc : r.testCases()) {
            writeTestCase(tc, g);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeTarget(Target t, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("url", t.url().toString());
        if (t.connectAddress().isPresent()) {
            g.writeStringField("connectTo", Reports.connectTo(t.connectAddress().get()));
        }
        g.writeEndObject();
    }

    private static void writeTestCase(TestCaseResult tc, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", tc.id());
        g.writeStringField("title", tc.title());
        g.writeFieldName("target");
        writeTarget(tc.target(), g);
        g.writeStringField("verdict", tc.verdict().name());
        g.writeArrayFieldStart("reasons");
        for (String reason : tc.reasons()) {
            g.writeString(reason);
        }
        g.writeEndArray();
        g.writeStringField("startedAt", tc.startedAt().toString());
        g.writeNumberField("durationMs", tc.duration().toMillis());
        g.writeBooleanField("insecure", tc.insecure());
        g.writeArrayFieldStart("checks");
        for (StepResult step : tc.steps()) {
            for (CheckResult c : step.checks()) {
                writeCheck(step, c, g);
            }
        }
        g.writeEndArray();
        g.writeArrayFieldStart("steps");
        for (StepResult step : tc.steps()) {
            g.writeStartObject();
            g.writeStringField("name", step.name());
            g.writeStringField("description", step.description());
            g.writeStringField("verdict", step.verdict().name());
            g.writeStringField("reason", step.reason());
            g.writeNumberField("durationMs", step.duration().toMillis());
            g.writeArrayFieldStart("checks");
            for (CheckResult c : step.checks()) {
                g.writeString(c.id());
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("messageLog");
        for (ExchangeLog.Entry e : ExchangeLog.of(tc)) {
            g.writeStartObject();
            g.writeStringField("step", e.step());
            g.writeStringField("check", e.check());
            g.writeStringField("dir", e.direction());
            g.writeStringField("time", e.time());
            g.writeStringField("frame", e.frame());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeCheck(StepResult step, CheckResult c, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", c.id());
        g.writeStringField("step", step.name());
        g.writeStringField("verdict", c.verdict().name());
        g.writeStringField("message", c.message());
        g.writeArrayFieldStart("warnings");
        for (String w : c.warnings()) {
            g.writeString(w);
        }
        g.writeEndArray();
        g.writeFieldName("evidence");
        writeValue(ExchangeLog.evidenceWithoutLog(step, c), g); // the log is the test case's messageLog
        g.writeEndObject();
    }

    /** Evidence values: JSON types as such, anything else as its {@code toString()}. */
    private static void writeValue(Object v, JsonGenerator g) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
            g.writeString(d.toString());
        } else if (v instanceof Float f && (f.isNaN() || f.isInfinite())) {
            g.writeString(f.toString());
        } else if (v instanceof Double || v instanceof Float) {
            g.writeNumber(((Number) v).doubleValue());
        } else if (v instanceof java.math.BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof java.math.BigInteger i) {
            g.writeNumber(i);
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(e.getValue(), g);
            }
            g.writeEndObject();
        } else if (v instanceof Collection<?> c) {
            g.writeStartArray();
            for (Object o : c) {
                writeValue(o, g);
            }
            g.writeEndArray();
        } else if (v instanceof byte[] bytes) {
            g.writeString(HexFormat.of().formatHex(bytes));
        } else if (v.getClass().isArray()) {
            g.writeStartArray();
            for (int i = 0; i < Array.getLength(v); i++) {
                writeValue(Array.get(v, i), g);
            }
            g.writeEndArray();
        } else if (v instanceof Optional<?> o) {
            writeValue(o.orElse(null), g);
        } else if (v instanceof Enum<?> e) {
            g.writeString(e.name());
        } else {
            g.writeString(v.toString());
        }
    }
}
