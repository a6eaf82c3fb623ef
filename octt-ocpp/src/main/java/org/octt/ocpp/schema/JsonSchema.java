package org.octt.ocpp.schema;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A compiled JSON Schema of exactly the subset the OCPP 1.6 JSON schemas use (draft-04, and
 * draft-06 for the Security Whitepaper messages): {@code type} (one of string, object, integer,
 * array, number, boolean), {@code properties}, {@code additionalProperties} (true or false),
 * {@code required}, {@code enum} (of strings), {@code maxLength}, {@code format}
 * ({@code date-time}, {@code uri}), {@code $ref} to {@code #/definitions/...}, {@code definitions}
 * (at the root), {@code items} (a schema, or an array of schemas), {@code additionalItems} (true
 * or false), {@code minItems} and {@code multipleOf}. The annotations {@code $schema}, {@code $id},
 * {@code id}, {@code title}, {@code description} and {@code javaType} are ignored.
 * {@link #compile} refuses any other keyword, or a known one in a form outside this subset, with
 * an {@link IllegalStateException} naming the schema and the place, so nothing is silently left
 * unchecked.
 *
 * <p>Why not a library: the subset is about twenty keywords; a small validator of our own gives
 * full control of the messages (they end up in compliance reports, so they must say what was
 * expected and what was seen, and must be safe to print), adds no third-party dependency, and
 * costs nothing at start-up, which matters for a command-line tool that runs for a few seconds.
 *
 * <p>Semantics where the drafts leave room:
 * <ul>
 *   <li>integer: under draft-04 ("a JSON number without a fraction or exponent part") only a
 *       number written without fraction or exponent is an integer, so {@code 1.0} and {@code 1e2}
 *       are not; under draft-06 ("any number with a zero fractional part") they are. The dialect
 *       is read from {@code $schema}; a schema without one is draft-04.</li>
 *   <li>maxLength counts Unicode code points, not UTF-16 units.</li>
 *   <li>date-time is RFC 3339 section 5.6: {@code 2024-01-31T13:45:00Z}, an optional fraction of a
 *       second, and an offset ({@code Z} or {@code ±hh:mm}) that must be present; {@code T} and
 *       {@code Z} may be lower case (as RFC 3339 allows), the date must exist (leap years
 *       counted) and a second of 60 is accepted (leap second).</li>
 *   <li>uri is an absolute URI (with a scheme) as {@link URI} parses it.</li>
 *   <li>multipleOf is exact decimal arithmetic on the number as written.</li>
 *   <li>When a value has the wrong type, the other keywords of that schema are not checked: they
 *       would only repeat the mismatch.</li>
 *   <li>{@code additionalItems} applies only when {@code items} is an array (as the drafts say);
 *       next to a single {@code items} schema it is accepted and has no effect.</li>
 * </ul>
 *
 * <p>Validation only descends where the schema does, so its depth is bounded by the schema, not by
 * the payload. Instances are immutable and thread-safe.
 */
public final class JsonSchema {

    private static final Set<String> ANNOTATIONS = Set.of("$schema", "$id", "id", "title", "description", "javaType");
    private static final Set<String> TYPES = Set.of("string", "object", "integer", "array", "number", "boolean");
    private static final Set<String> FORMATS = Set.of("date-time", "uri");
    private static final Pattern REF = Pattern.compile("#/definitions/([A-Za-z0-9_.-]+)");
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})[Tt](\\d{2}):(\\d{2}):(\\d{2})(?:\\.\\d+)?(?:[Zz]|[+-](\\d{2}):(\\d{2}))");

    private enum Dialect { DRAFT_04, DRAFT_06 }

    private final String name;
    private final Dialect dialect;
    private final Node root;
    private final Map<String, Node> definitions;

    private JsonSchema(String name, Dialect dialect, Node root, Map<String, Node> definitions) {
        this.name = name;
        this.dialect = dialect;
        this.root = root;
        this.definitions = definitions;
    }

    /**
     * Compiles a schema document.
     *
     * @param name     how errors name the schema, e.g. the file name {@code BootNotification.json}
     * @param document the parsed schema
     * @throws IllegalStateException if the schema uses a keyword, a type, a format or a form of
     *                               {@code $ref} outside the supported subset, or is malformed
     */
    public static JsonSchema compile(String name, JsonNode document) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(document, "document");
        Compiler compiler = new Compiler(name);
        if (!document.isObject()) {
            throw compiler.fail("#", "the schema must be a JSON object");
        }
        Dialect dialect = compiler.dialect(document.get("$schema"));
        Map<String, Node> definitions = new HashMap<>();
        JsonNode defs = document.get("definitions");
        if (defs != null) {
            if (!defs.isObject()) {
                throw compiler.fail("#/definitions", "definitions must be an object");
            }
            for (Map.Entry<String, JsonNode> def : defs.properties()) {
                definitions.put(def.getKey(), compiler.compile(def.getValue(), "#/definitions/" + pointerToken(def.getKey())));
            }
        }
        Node root = compiler.compile(document, "#");
        for (Map.Entry<String, String> ref : compiler.refs.entrySet()) {
            if (!definitions.containsKey(ref.getValue())) {
                throw compiler.fail(ref.getKey(), "$ref to a missing definition \"" + ref.getValue() + "\"");
            }
        }
        return new JsonSchema(name, dialect, root, Collections.unmodifiableMap(definitions));
    }

    /** The name given to {@link #compile}. */
    public String name() {
        return name;
    }

    /** Every violation of this schema by {@code instance}, in document order; empty when it is valid. */
    public List<SchemaViolation> validate(JsonNode instance) {
        Objects.requireNonNull(instance, "instance");
        List<SchemaViolation> out = new ArrayList<>();
        validate(root, instance, "", out);
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return "JsonSchema[" + name + "]";
    }

    private void validate(Node schema, JsonNode value, String path, List<SchemaViolation> out) {
        if (schema.ref != null) {
            validate(definitions.get(schema.ref), value, path, out);
            return;
        }
        if (schema.type != null && !hasType(schema.type, value)) {
            out.add(new SchemaViolation(path, "type", "expected " + schema.type + ", got " + seen(value)));
            return;
        }
        if (schema.enumValues != null && !(value.isTextual() && schema.enumValues.contains(value.textValue()))) {
            out.add(new SchemaViolation(path, "enum",
                    SafeText.show(value) + " is not one of " + String.join(", ", schema.enumValues)));
        }
        if (value.isTextual()) {
            checkString(schema, value.textValue(), path, out);
        } else if (value.isNumber()) {
            if (schema.multipleOf != null && !isMultiple(value, schema.multipleOf)) {
                out.add(new SchemaViolation(path, "multipleOf",
                        SafeText.show(value) + " is not a multiple of " + schema.multipleOf.toPlainString()));
            }
        } else if (value.isObject()) {
            checkObject(schema, value, path, out);
        } else if (value.isArray()) {
            checkArray(schema, value, path, out);
        }
    }

    private static void checkString(Node schema, String text, String path, List<SchemaViolation> out) {
        if (schema.maxLength != null) {
            int length = text.codePointCount(0, text.length());
            if (length > schema.maxLength) {
                out.add(new SchemaViolation(path, "maxLength", "a string of " + length
                        + " characters, more than maxLength " + schema.maxLength + ": " + SafeText.excerpt(text)));
            }
        }
        if ("date-time".equals(schema.format) && !isDateTime(text)) {
            out.add(new SchemaViolation(path, "format", SafeText.quote(text)
                    + " is not a date-time (RFC 3339 with offset, e.g. 2024-01-31T13:45:00Z)"));
        } else if ("uri".equals(schema.format) && !isAbsoluteUri(text)) {
            out.add(new SchemaViolation(path, "format", SafeText.quote(text) + " is not an absolute URI"));
        }
    }

    private void checkObject(Node schema, JsonNode value, String path, List<SchemaViolation> out) {
        for (String name : schema.required) {
            if (!value.has(name)) {
                out.add(new SchemaViolation(path, "required", "required property \"" + name + "\" is missing"));
            }
        }
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            Node property = schema.properties.get(field.getKey());
            if (property != null) {
                validate(property, field.getValue(), path + "/" + pointerToken(field.getKey()), out);
            } else if (!schema.additionalProperties) {
                out.add(new SchemaViolation(path, "additionalProperties", "property " + SafeText.quote(field.getKey())
                        + " is not allowed (allowed: "
                        + (schema.properties.isEmpty() ? "none" : String.join(", ", schema.properties.keySet())) + ")"));
            }
        }
    }

    private void checkArray(Node schema, JsonNode value, String path, List<SchemaViolation> out) {
        if (schema.minItems != null && value.size() < schema.minItems) {
            out.add(new SchemaViolation(path, "minItems", "an array of " + value.size()
                    + (value.size() == 1 ? " item" : " items") + ", fewer than minItems " + schema.minItems));
        }
        if (schema.items != null) {
            for (int i = 0; i < value.size(); i++) {
                validate(schema.items, value.get(i), path + "/" + i, out);
            }
        } else if (schema.tupleItems != null) {
            int checked = Math.min(value.size(), schema.tupleItems.size());
            for (int i = 0; i < checked; i++) {
                validate(schema.tupleItems.get(i), value.get(i), path + "/" + i, out);
            }
            if (!schema.additionalItems && value.size() > schema.tupleItems.size()) {
                out.add(new SchemaViolation(path, "additionalItems", "an array of " + value.size()
                        + " items, more than the " + schema.tupleItems.size() + " the schema lists"));
            }
        }
    }

    private boolean hasType(String type, JsonNode value) {
        return switch (type) {
            case "string" -> value.isTextual();
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "boolean" -> value.isBoolean();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber()
                    || dialect == Dialect.DRAFT_06 && value.isNumber() && hasZeroFraction(value);
            default -> throw new IllegalStateException("unreachable: type " + type);
        };
    }

    private static boolean hasZeroFraction(JsonNode number) {
        if (number.isBigDecimal()) {
            BigDecimal d = number.decimalValue();
            return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
        }
        double d = number.doubleValue();
        return Double.isFinite(d) && d == Math.rint(d);
    }

    private static String seen(JsonNode value) {
        if (value.isObject() || value.isArray()) {
            return SafeText.show(value);
        }
        if (value.isNull()) {
            return "null";
        }
        return SafeText.typeOf(value) + " " + SafeText.show(value);
    }

    /**
     * Exact: with x = b·10^-t and m = a·10^-s in lowest terms (no trailing zeros), x/m is an
     * integer iff t ≤ s and a divides b·10^(s-t); 10^k with k at most the bit length of a holds
     * every factor 2 and 5 that a can use, so a huge exponent costs nothing.
     */
    static boolean isMultiple(JsonNode number, BigDecimal multipleOf) {
        BigDecimal x;
        if (number.isBigDecimal() || number.isIntegralNumber()) {
            x = number.decimalValue();
        } else {
            double d = number.doubleValue();
            if (!Double.isFinite(d)) {
                return false;
            }
            x = BigDecimal.valueOf(d);
        }
        if (x.signum() == 0) {
            return true;
        }
        x = x.stripTrailingZeros();
        BigDecimal m = multipleOf.stripTrailingZeros();
        long t = x.scale();
        long s = m.scale();
        if (t > s) {
            return false;
        }
        BigInteger a = m.unscaledValue().abs();
        long k = Math.min(s - t, a.bitLength());
        return x.unscaledValue().multiply(BigInteger.TEN.pow((int) k)).mod(a).signum() == 0;
    }

    static boolean isDateTime(String text) {
        Matcher m = DATE_TIME.matcher(text);
        if (!m.matches()) {
            return false;
        }
        int year = Integer.parseInt(m.group(1));
        int month = Integer.parseInt(m.group(2));
        int day = Integer.parseInt(m.group(3));
        if (month < 1 || month > 12 || day < 1 || day > YearMonth.of(year, month).lengthOfMonth()) {
            return false;
        }
        if (Integer.parseInt(m.group(4)) > 23 || Integer.parseInt(m.group(5)) > 59 || Integer.parseInt(m.group(6)) > 60) {
            return false;
        }
        return m.group(7) == null || Integer.parseInt(m.group(7)) <= 23 && Integer.parseInt(m.group(8)) <= 59;
    }

    private static boolean isAbsoluteUri(String text) {
        try {
            return new URI(text).isAbsolute();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String pointerToken(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    /** One compiled (sub)schema; its fields are written only while compiling. */
    private static final class Node {
        String ref;
        String type;
        List<String> enumValues;
        Integer maxLength;
        String format;
        BigDecimal multipleOf;
        Map<String, Node> properties = Map.of();
        boolean additionalProperties = true;
        List<String> required = List.of();
        Integer minItems;
        Node items;
        List<Node> tupleItems;
        boolean additionalItems = true;
    }

    private static final class Compiler {
        private final String file;
        /** place of each {@code $ref} in the schema → definition name, checked at the end. */
        private final Map<String, String> refs = new LinkedHashMap<>();

        Compiler(String file) {
            this.file = file;
        }

        IllegalStateException fail(String at, String problem) {
            return new IllegalStateException("OCPP schema " + file + " at " + at + ": " + problem);
        }

        Dialect dialect(JsonNode schema) {
            if (schema == null) {
                return Dialect.DRAFT_04;
            }
            String uri = schema.asText();
            if (uri.matches("https?://json-schema\\.org/draft-04/schema#?")) {
                return Dialect.DRAFT_04;
            }
            if (uri.matches("https?://json-schema\\.org/draft-06/schema#?")) {
                return Dialect.DRAFT_06;
            }
            throw fail("#/$schema", "unsupported dialect " + schema + " (draft-04 and draft-06 are supported)");
        }

        Node compile(JsonNode schema, String at) {
            if (!schema.isObject()) {
                throw fail(at, "a schema must be a JSON object, was " + schema.getNodeType());
            }
            Node node = new Node();
            for (Map.Entry<String, JsonNode> entry : schema.properties()) {
                String keyword = entry.getKey();
                JsonNode v = entry.getValue();
                String here = at + "/" + pointerToken(keyword);
                switch (keyword) {
                    case "$ref" -> {
                        Matcher m = v.isTextual() ? REF.matcher(v.textValue()) : null;
                        if (m == null || !m.matches()) {
                            throw fail(here, "only $ref to #/definitions/<name> is supported, was " + v);
                        }
                        node.ref = m.group(1);
                        refs.put(here, node.ref);
                    }
                    case "type" -> {
                        if (!v.isTextual() || !TYPES.contains(v.textValue())) {
                            throw fail(here, "unsupported type " + v + " (supported: one of " + String.join(", ", sorted(TYPES)) + ")");
                        }
                        node.type = v.textValue();
                    }
                    case "enum" -> node.enumValues = strings(v, here, "enum");
                    case "required" -> node.required = strings(v, here, "required");
                    case "maxLength" -> node.maxLength = count(v, here);
                    case "minItems" -> node.minItems = count(v, here);
                    case "format" -> {
                        if (!v.isTextual() || !FORMATS.contains(v.textValue())) {
                            throw fail(here, "unsupported format " + v + " (supported: date-time, uri)");
                        }
                        node.format = v.textValue();
                    }
                    case "multipleOf" -> {
                        if (!v.isNumber() || v.decimalValue().signum() <= 0) {
                            throw fail(here, "multipleOf must be a number greater than 0, was " + v);
                        }
                        node.multipleOf = v.isBigDecimal() || v.isIntegralNumber()
                                ? v.decimalValue() : BigDecimal.valueOf(v.doubleValue());
                    }
                    case "properties" -> {
                        if (!v.isObject()) {
                            throw fail(here, "properties must be an object");
                        }
                        Map<String, Node> properties = new LinkedHashMap<>();
                        for (Map.Entry<String, JsonNode> property : v.properties()) {
                            properties.put(property.getKey(),
                                    compile(property.getValue(), here + "/" + pointerToken(property.getKey())));
                        }
                        node.properties = Collections.unmodifiableMap(properties);
                    }
                    case "additionalProperties" -> node.additionalProperties = bool(v, here, "additionalProperties");
                    case "additionalItems" -> node.additionalItems = bool(v, here, "additionalItems");
                    case "items" -> {
                        if (v.isObject()) {
                            node.items = compile(v, here);
                        } else if (v.isArray()) {
                            List<Node> tuple = new ArrayList<>();
                            for (int i = 0; i < v.size(); i++) {
                                tuple.add(compile(v.get(i), here + "/" + i));
                            }
                            node.tupleItems = List.copyOf(tuple);
                        } else {
                            throw fail(here, "items must be a schema or an array of schemas");
                        }
                    }
                    case "definitions" -> {
                        if (!"#".equals(at)) {
                            throw fail(here, "definitions are supported only at the root");
                        }
                    }
                    default -> {
                        if (!ANNOTATIONS.contains(keyword)) {
                            throw fail(here, "unsupported keyword \"" + keyword + "\"; it would go unchecked");
                        }
                    }
                }
            }
            if (node.ref != null) {
                for (Iterator<String> names = schema.fieldNames(); names.hasNext(); ) {
                    String keyword = names.next();
                    if (!keyword.equals("$ref") && !ANNOTATIONS.contains(keyword)) {
                        throw fail(at, "\"" + keyword + "\" beside $ref would be ignored by draft-04/06");
                    }
                }
            }
            return node;
        }

        private List<String> strings(JsonNode v, String at, String keyword) {
            if (!v.isArray()) {
                throw fail(at, keyword + " must be an array of strings");
            }
            List<String> values = new ArrayList<>();
            for (JsonNode item : v) {
                if (!item.isTextual()) {
                    throw fail(at, keyword + " must be an array of strings, has " + item);
                }
                values.add(item.textValue());
            }
            return List.copyOf(values);
        }

        private int count(JsonNode v, String at) {
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) {
                throw fail(at, "must be a non-negative integer, was " + v);
            }
            return v.intValue();
        }

        private boolean bool(JsonNode v, String at, String keyword) {
            if (!v.isBoolean()) {
                throw fail(at, keyword + " must be true or false here (a schema is not supported), was " + v);
            }
            return v.booleanValue();
        }

        private static List<String> sorted(Set<String> set) {
            List<String> list = new ArrayList<>(set);
            Collections.sort(list);
            return list;
        }
    }
}
