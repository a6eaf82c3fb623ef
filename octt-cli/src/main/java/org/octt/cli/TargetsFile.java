package org.octt.cli;

import org.octt.core.spi.Target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --targets FILE}: a fleet of targets, as YAML when the file name ends in {@code .yaml} or
 * {@code .yml} ({@link YamlTargetsFile}, loaded only then), else as CSV. In CSV the first line (after blank lines and
 * {@code #} comments) is a header naming the columns, in any order: {@code url} (required),
 * {@code resolve}, {@code security-profile}, {@code basic-auth-password-file},
 * {@code basic-auth-password-env}, {@code client-cert}, {@code client-key}. Then one target a line;
 * an empty field takes the value of the matching command-line option. A value cannot contain a
 * comma. Relative paths are relative to the file's folder. Secrets are only referenced (a file, an
 * environment variable name), never inline.
 */
final class TargetsFile {

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
        TargetContexts.readableFile("--targets", file);
        if (isYaml(file)) {
            return YamlTargetsFile.read(file, defaults);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw TargetContexts.unreadable("--targets", file, e);
        }
        Path folder = file.toAbsolutePath().getParent();
        List<String> header = null;
        List<TargetSpec> targets = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            String origin = file + " line " + (i + 1);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = List.of(line.split(",", -1)).stream().map(String::strip).toList();
            if (header == null) {
                header = header(origin, fields);
                continue;
            }
            if (fields.size() > header.size()) {
                throw new UsageException(origin + ": " + fields.size() + " fields but the header has " + header.size()
                        + " (a value cannot contain a comma), was: " + line);
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
                throw new UsageException(origin + ": unknown column '" + Target.redact(f)
                        + "' (the first line names the columns: " + String.join(", ", COLUMNS) + ")");
            }
            if (header.contains(column)) {
                throw new UsageException(origin + ": column '" + f + "' appears twice");
            }
            header.add(column);
        }
        if (!header.contains("url")) {
            throw new UsageException(origin + ": the header has no 'url' column, was: "
                    + Target.redact(String.join(",", fields)));
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
            try {
                profile = Integer.parseInt(v.get("security-profile"));
            } catch (NumberFormatException e) {
                throw new UsageException(origin + ": security-profile must be 2 or 3, was: " + v.get("security-profile"), e);
            }
        }
        return new TargetSpec(origin, Optional.ofNullable(v.get("url")), Optional.ofNullable(v.get("resolve")), profile,
                path(v, "basic-auth-password-file", folder).or(defaults::passwordFile),
                Optional.ofNullable(v.get("basic-auth-password-env")),
                path(v, "client-cert", folder).or(defaults::clientCert),
                path(v, "client-key", folder).or(defaults::clientKey));
    }

    private static Optional<Path> path(Map<String, String> values, String key, Path folder) {
        return Optional.ofNullable(values.get(key)).map(Path::of)
                .map(p -> p.isAbsolute() || folder == null ? p : folder.resolve(p).normalize());
    }
}
