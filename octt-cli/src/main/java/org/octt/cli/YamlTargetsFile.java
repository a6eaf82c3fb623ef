package org.octt.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.Mark;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code --targets} file in YAML: a list of targets, each a mapping whose keys are the CSV
 * columns ({@link TargetsFile#COLUMNS}); the list is the whole document or the value of a top-level
 * {@code targets:} key. A missing, empty or null value takes the command-line default, as an
 * empty CSV field does, and {@link TargetsFile#spec} builds the targets, so both formats give the
 * same {@link TargetSpec}s. The origin of a target is the line its mapping starts on. Every error
 * is a {@link UsageException} naming the file and a line. A key that would hold a secret inline
 * ({@code password}...) is refused, and no value is ever put in a message but the url and
 * security-profile ones.
 *
 * <p>Read with Jackson's streaming YAML parser for its line numbers. This class, and so Jackson's
 * YAML support and SnakeYAML, is loaded only for a YAML file. Not thread-safe: one instance per
 * read.
 */
final class YamlTargetsFile {

    /** Text a parser's message quotes from the file. */
    private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("(['\"])(.*?)\\1");

    /** Words in a key that would put a secret in the file. */
    private static final List<String> SECRET_WORDS = List.of("password", "passwd", "passphrase", "secret", "token");

    private final Path file;
    private final YAMLParser parser;
    private final TargetSpec defaults;
    private final Path folder;

    private YamlTargetsFile(Path file, YAMLParser parser, TargetSpec defaults) {
        this.file = file;
        this.parser = parser;
        this.defaults = defaults;
        this.folder = file.toAbsolutePath().getParent();
    }

    /** The targets in the file; see {@link TargetsFile#read}. */
    static List<TargetSpec> read(Path file, String text, TargetSpec defaults) {
        try (YAMLParser parser = new YAMLFactory().createParser(text)) {
            return new YamlTargetsFile(file, parser, defaults).targets();
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark != null ? mark.getLine() + 1 : e.getLocation().getLineNr();
            String context = e.getContext() == null ? "" : " (" + problem(e.getContext()) + ")";
            throw new UsageException(file + " line " + line + ": not valid YAML: " + problem(e.getProblem()) + context, e);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() != null ? e.getLocation().getLineNr() : 1;
            throw new UsageException(file + " line " + line + ": not valid YAML: "
                    + problem(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw TargetContexts.unreadable("--targets", file, e);
        }
    }

    private List<TargetSpec> targets() throws IOException {
        JsonToken top = next();
        if (top == null) {
            throw new UsageException("--targets file holds no targets (a YAML list of targets, each a mapping with"
                    + " at least url): " + file);
        }
        int topLine = line();
        List<TargetSpec> targets = switch (top) {
            case START_ARRAY -> list();
            case START_OBJECT -> targetsKey();
            default -> throw new UsageException(at(topLine) + "a targets file is a list of targets (- url: ...) or"
                    + " targets: holding that list, was " + kind(top));
        };
        if (next() != null) {
            throw new UsageException(at(line()) + "a second YAML document (---); put every target in one list");
        }
        if (targets.isEmpty()) {
            throw new UsageException(at(topLine) + "the file holds no targets (a list of targets, each a mapping"
                    + " with at least url)");
        }
        return targets;
    }

    /** The top-level mapping, its START_OBJECT read: {@code targets:} and nothing else. */
    private List<TargetSpec> targetsKey() throws IOException {
        List<TargetSpec> targets = List.of();
        int firstLine = 0;
        while (next() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int keyLine = line();
            if (!key.equals("targets")) {
                throw new UsageException(at(keyLine) + InputText.quoted("unknown key", key) + " at the top: a targets file is a list"
                        + " of targets (- url: ...) or targets: holding that list");
            }
            if (firstLine != 0) {
                throw new UsageException(at(keyLine) + "key 'targets' appears twice (first on line " + firstLine + ")");
            }
            firstLine = keyLine;
            JsonToken value = next();
            if (value == JsonToken.START_ARRAY) {
                targets = list();
            } else if (value != JsonToken.VALUE_NULL) {
                throw new UsageException(at(line()) + "targets must be a list of targets (- url: ...), was " + kind(value));
            }
        }
        return targets;
    }

    /** A list of targets, its START_ARRAY read. */
    private List<TargetSpec> list() throws IOException {
        List<TargetSpec> targets = new ArrayList<>();
        JsonToken t;
        while ((t = next()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                throw new UsageException(at(line()) + "a target is a mapping (url: ..., security-profile: ...), was "
                        + kind(t));
            }
            targets.add(target());
        }
        return targets;
    }

    /** One target, its START_OBJECT read. */
    private TargetSpec target() throws IOException {
        int start = line();
        Map<String, String> values = new HashMap<>();
        Map<String, Integer> keyLines = new HashMap<>();
        while (next() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            String column = key.toLowerCase(Locale.ROOT);
            int keyLine = line();
            if (!TargetsFile.COLUMNS.contains(column)) {
                if (SECRET_WORDS.stream().anyMatch(column::contains)) {
                    throw new UsageException(at(keyLine) + InputText.quoted("key", key) + " would put a secret in the file; secrets"
                            + " are only referenced: basic-auth-password-file (a file holding the password) or"
                            + " basic-auth-password-env (the name of an environment variable holding it)");
                }
                throw new UsageException(at(keyLine) + InputText.quoted("unknown key", key) + " (the keys: "
                        + String.join(", ", TargetsFile.COLUMNS) + ")");
            }
            Integer first = keyLines.putIfAbsent(column, keyLine);
            if (first != null) {
                throw new UsageException(at(keyLine) + "key '" + key + "' appears twice in one target (first on line "
                        + first + ")");
            }
            JsonToken value = next();
            if (value == JsonToken.START_ARRAY || value == JsonToken.START_OBJECT) {
                throw new UsageException(at(line()) + column + " must be a single value, was " + kind(value));
            }
            String text = value == JsonToken.VALUE_NULL ? "" : parser.getText().strip();
            if (!text.isEmpty()) {
                values.put(column, text);
            }
        }
        if (!values.containsKey("url")) {
            throw new UsageException(at(start) + "the target has no url (url: wss://host[:port]/path/<ChargePointId>)");
        }
        return TargetsFile.spec(file + " line " + start, values, defaults, folder);
    }

    /** The next token; an alias ({@code *name}) is refused (the parser would give the anchor's name). */
    private JsonToken next() throws IOException {
        JsonToken t = parser.nextToken();
        if (parser.isCurrentAlias()) {
            throw new UsageException(at(line()) + InputText.quoted("an alias", parser.getText())
                    + " is not supported; write the value");
        }
        return t;
    }

    private int line() {
        return parser.currentTokenLocation().getLineNr();
    }

    private String at(int line) {
        return file + " line " + line + ": ";
    }

    private static String kind(JsonToken t) {
        if (t == null) {
            return "the end of the file";
        }
        return switch (t) {
            case START_ARRAY -> "a list";
            case START_OBJECT -> "a mapping";
            case VALUE_NULL -> "empty";
            default -> "a single value";
        };
    }

    /**
     * A parser's problem on one line, anything it quotes from the file ({@code 'x'} or {@code "x"})
     * kept only when it is a plain token (a character the parser stumbled on is fine, a line of the
     * file is not).
     */
    static String problem(String s) {
        if (s == null) {
            return "";
        }
        String line = s.strip().replaceAll("\\s+", " ");
        java.util.regex.Matcher m = QUOTED.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String inner = m.group(2);
            boolean plain = InputText.isToken(inner) || (inner.length() == 1 && inner.charAt(0) > 0x20 && inner.charAt(0) < 0x7f);
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(plain ? m.group() : "(not shown)"));
        }
        m.appendTail(out);
        String result = out.toString().replaceAll("\\p{Cntrl}", "?");
        return result.length() > 160 ? result.substring(0, 160) + "..." : result;
    }
}
