package org.octt.cli;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import org.octt.core.spi.Target;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code --targets FILE}: a fleet of targets, as YAML when the file name ends in {@code .yaml} or
 * {@code .yml} ({@link YamlTargetsFile}, loaded only then), else as CSV. In CSV the first line (after blank lines and
 * {@code #} comments) is a header naming the columns, in any order: {@code url} (required),
 * {@code resolve}, {@code security-profile}, {@code basic-auth-password-file},
 * {@code basic-auth-password-env}, {@code client-cert}, {@code client-key}. Then one target a line;
 * an empty field takes the value of the matching command-line option. Read with Jackson's CSV
 * parser: a value in double quotes may hold commas. Relative paths are relative to the file's folder. Secrets are only referenced (a file, an
 * environment variable name), never inline; a line's {@code basic-auth-password-env} is its only
 * password source (the command line's file does not override it). The file is read with the bounds
 * of {@link InputFiles}, as UTF-8, a byte order mark ignored. A message quotes nothing of the file
 * but a plain column name or security-profile value, and the url and resolve values.
 */
final class TargetsFile {

    /** The name of an environment variable, as POSIX shells accept it. */
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    static final List<String> COLUMNS = List.of("url", "resolve", "security-profile", "basic-auth-password-file",
            "basic-auth-password-env", "client-cert", "client-key");

    private TargetsFile() {
    }

    /**
     * The targets in the file, each with its origin ({@code FILE line N}); defaults fill empty fields.
     *
     * @throws UsageException naming the file and line of the first problem
     */
    static List<TargetSpec> read(Path file, TargetSpec defaults) {
        return read(file, InputFiles.read("--targets", file, InputFiles.Limit.TEXT), defaults);
    }

    /** As {@link #read(Path, TargetSpec)}, from the file's content already read (an in-memory input of {@code octt demo}). */
    static List<TargetSpec> read(Path file, byte[] content, TargetSpec defaults) {
        String text = InputText.utf8("--targets", file, content);
        if (isYaml(file)) {
            return YamlTargetsFile.read(file, text, defaults);
        }
        Path folder = file.toAbsolutePath().getParent();
        List<String> header = null;
        List<TargetSpec> targets = new ArrayList<>();
        for (Row row : rows(file, text)) {
            String origin = file + " line " + row.line();
            List<String> fields = row.fields();
            if (header == null) {
                header = header(origin, fields);
                continue;
            }
            if (fields.size() > header.size()) {
                throw new UsageException(origin + ": " + fields.size() + " fields but the header has " + header.size()
                        + " (quote a value that holds a comma: \"a,b\")");
            }
            Map<String, String> values = new HashMap<>();
            for (int c = 0; c < fields.size(); c++) {
                if (!fields.get(c).isEmpty()) {
                    values.put(header.get(c), fields.get(c));
                }
            }
            targets.add(spec(origin, values, defaults, folder));
        }
        if (targets.isEmpty()) {
            throw new UsageException("--targets file holds no targets (a header line, then one target a line): " + file);
        }
        return targets;
    }

    /** One CSV record: the line it starts on, its fields trimmed. */
    private record Row(long line, List<String> fields) {
    }

    /**
     * The file's records, read with Jackson's CSV parser (RFC 4180 quoting: a quoted value may hold
     * commas, quotes doubled, line breaks), blank lines and {@code #} comment lines left out. A
     * malformed record (an unclosed quote) is an error naming the file and line, never its content.
     */
    private static List<Row> rows(Path file, String text) {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY).enable(CsvParser.Feature.SKIP_EMPTY_LINES)
                .enable(CsvParser.Feature.TRIM_SPACES).enable(CsvParser.Feature.ALLOW_COMMENTS);
        List<Row> rows = new ArrayList<>();
        try (CsvParser parser = mapper.getFactory().createParser(text)) {
            parser.setSchema(CsvSchema.emptySchema().withComments());
            JsonToken token;
            int depth = 0; // 1: inside the array that wraps every record, 2: inside a record
            long line = -1;
            List<String> fields = new ArrayList<>();
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.START_ARRAY) {
                    depth++;
                    fields = new ArrayList<>();
                    line = -1;
                } else if (token == JsonToken.END_ARRAY) {
                    if (depth == 2 && fields.stream().anyMatch(f -> !f.isEmpty())) { // not a line of only separators
                        rows.add(new Row(line, List.copyOf(fields)));
                    }
                    depth--;
                } else if (token.isScalarValue()) {
                    if (line < 0) {
                        line = parser.currentTokenLocation().getLineNr(); // the record's first value
                    }
                    String value = parser.getText();
                    fields.add(value == null ? "" : value.strip());
                }
            }
        } catch (IOException e) {
            long line = e instanceof com.fasterxml.jackson.core.JsonProcessingException p && p.getLocation() != null
                    ? p.getLocation().getLineNr() : -1;
            throw new UsageException("--targets " + file + (line > 0 ? " line " + line : "")
                    + ": not valid CSV (an unclosed quote?)", e);
        }
        return rows;
    }

    /** Whether the file is read as YAML: its name ends in {@code .yaml} or {@code .yml} (any case). */
    static boolean isYaml(Path file) {
        Path name = file.getFileName();
        String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml");
    }

    private static List<String> header(String origin, List<String> fields) {
        List<String> header = new ArrayList<>();
        for (String f : fields) {
            String column = f.toLowerCase(Locale.ROOT);
            if (!COLUMNS.contains(column)) {
                throw new UsageException(origin + ": " + InputText.quoted("unknown column", f)
                        + " (the first line names the columns: "
                        + String.join(", ", COLUMNS) + ")");
            }
            if (header.contains(column)) {
                throw new UsageException(origin + ": column '" + f + "' appears twice");
            }
            header.add(column);
        }
        if (!header.contains("url")) {
            throw new UsageException(origin + ": the header has no 'url' column");
        }
        return header;
    }

    /**
     * The target of one line or mapping: {@code values} by column name (absent or never empty),
     * defaults from the command line for the rest, relative paths resolved against {@code folder}.
     */
    static TargetSpec spec(String origin, Map<String, String> v, TargetSpec defaults, Path folder) {
        int profile = defaults.securityProfile();
        if (v.containsKey("security-profile")) {
            String value = v.get("security-profile");
            try {
                profile = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new UsageException(origin + ": security-profile must be 1, 2 or 3"
                        + (InputText.isToken(value) ? ", was: " + value : ""), e);
            }
        }
        if (v.containsKey("resolve")) {
            try {
                ResolveOverride.parse("resolve", v.get("resolve"));
            } catch (UsageException e) {
                throw new UsageException(origin + ": " + e.getMessage(), e);
            }
        }
        Optional<String> passwordEnv = Optional.ofNullable(v.get("basic-auth-password-env"));
        if (passwordEnv.isPresent()) {
            if (v.containsKey("basic-auth-password-file")) {
                throw new UsageException(origin + ": basic-auth-password-file and basic-auth-password-env both given;"
                        + " give one source of the password");
            }
            if (!ENV_NAME.matcher(passwordEnv.get()).matches()) {
                throw new UsageException(origin + ": basic-auth-password-env must be the name of an environment"
                        + " variable (letters, digits and _, not a digit first)");
            }
        }
        // a line's own source wins: its variable is never overridden by --basic-auth-password-file
        Optional<Path> passwordFile = passwordEnv.isPresent() ? Optional.empty()
                : path(v, "basic-auth-password-file", folder).or(defaults::passwordFile);
        return new TargetSpec(origin, Optional.ofNullable(v.get("url")), Optional.ofNullable(v.get("resolve")), profile,
                passwordFile, passwordEnv,
                path(v, "client-cert", folder).or(defaults::clientCert),
                path(v, "client-key", folder).or(defaults::clientKey));
    }

    private static Optional<Path> path(Map<String, String> values, String key, Path folder) {
        return Optional.ofNullable(values.get(key)).map(Path::of)
                .map(p -> p.isAbsolute() || folder == null ? p : folder.resolve(p).normalize());
    }
}
