package org.octt.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code --config FILE}: the {@code run} options as a properties file, keys being the long option
 * names without dashes ({@code url=wss://...}, {@code ca-file=a.pem,b.pem}). It is picocli's default
 * value provider, so a value from the file goes through the same conversion and checks as a flag,
 * and a flag on the command line overrides it. Relative paths in the file are relative to the
 * file's folder. An unknown key is an error naming its line (and the key, if it is a plain name:
 * the file could be a password file given by mistake). The file is read with the bounds of
 * {@link InputFiles}, as UTF-8, a byte order mark ignored. The file is located by scanning the
 * arguments before parsing (picocli asks for defaults before it has parsed {@code --config}).
 *
 * <p>Two families of keys are not options of the command: {@code suite.NAME=ID,ID,...} (a user
 * suite) and {@code option.KEY=VALUE} (a test case option, as {@code --option KEY=VALUE});
 * {@link #entries} hands them to the command, which checks them.
 */
final class ConfigFile implements CommandLine.IDefaultValueProvider {

    /** Options that make no sense in the file. */
    private static final Set<String> NOT_IN_FILE = Set.of("config", "help", "version");

    /** The prefix of a user suite's key: {@code suite.NAME=ID,ID,...}. */
    static final String SUITE_PREFIX = "suite.";
    /** The prefix of a test case option's key: {@code option.KEY=VALUE}. */
    static final String OPTION_PREFIX = "option.";

    private final Optional<String> file;
    private Properties properties;

    private ConfigFile(Optional<String> file) {
        this.file = file;
    }

    /** The provider for these command-line arguments: the value of {@code --config}, if any. */
    static ConfigFile fromArguments(String... args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                break;
            }
            if (a.equals("--config") && i + 1 < args.length) {
                return new ConfigFile(Optional.of(args[i + 1]));
            }
            if (a.startsWith("--config=")) {
                return new ConfigFile(Optional.of(a.substring("--config=".length())));
            }
        }
        return new ConfigFile(Optional.empty());
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (file.isEmpty() || !(arg instanceof OptionSpec option) || !option.command().name().equals("run")) {
            return null;
        }
        Properties p = properties(option.command());
        String value = p.getProperty(key(option));
        if (value == null) {
            return null;
        }
        value = value.trim();
        Class<?> type = option.isMultiValue() ? option.auxiliaryTypes()[0] : option.type();
        if (type == Path.class) {
            String split = option.splitRegex();
            List<String> parts = split.isEmpty() ? List.of(value) : Arrays.asList(value.split(split));
            Path folder = path(option.command()).toAbsolutePath().getParent();
            value = parts.stream().map(String::trim).map(part -> relativeTo(folder, part)).collect(Collectors.joining(","));
        }
        return value;
    }

    /** The path relative to the file's folder; an empty value stays empty (the option then says so). */
    private static String relativeTo(Path folder, String path) {
        if (path.isEmpty()) {
            return path;
        }
        Path p;
        try {
            p = Path.of(path);
        } catch (InvalidPathException e) {
            return path; // picocli's conversion reports it, naming the option
        }
        return p.isAbsolute() || folder == null ? path : folder.resolve(p).normalize().toString();
    }

    private Path path(CommandSpec command) {
        try {
            return Path.of(file.get());
        } catch (InvalidPathException e) {
            throw new CommandLine.ParameterException(command.commandLine(), "--config is not a valid path"
                    + (InputText.isToken(file.get()) ? ": " + file.get() : ""), e);
        }
    }

    /**
     * The file's entries whose key starts with {@code prefix}, the prefix removed, values stripped
     * of blanks, sorted by key; empty without a file.
     */
    java.util.SortedMap<String, String> entries(String prefix, CommandSpec command) {
        java.util.SortedMap<String, String> found = new java.util.TreeMap<>();
        if (file.isEmpty()) {
            return found;
        }
        Properties p = properties(command);
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                found.put(key.substring(prefix.length()), p.getProperty(key).strip());
            }
        }
        return found;
    }

    /** The file named by {@code --config}, as given, if any. */
    Optional<String> file() {
        return file;
    }

    private static String key(OptionSpec option) {
        return option.longestName().replaceFirst("^--", "");
    }

    private Properties properties(CommandSpec command) {
        if (properties == null) {
            properties = load(command);
        }
        return properties;
    }

    private Properties load(CommandSpec command) {
        Path path = path(command);
        CommandLine commandLine = command.commandLine();
        Properties p = new Properties();
        Map<String, Integer> lines = new HashMap<>();
        try {
            String text = InputText.utf8("--config", path, InputFiles.read("--config", path, InputFiles.Limit.TEXT));
            load(text, p, lines);
        } catch (UsageException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            // Properties: a malformed unicode escape; its message quotes nothing of the file
            throw new CommandLine.ParameterException(commandLine,
                    "--config file could not be read: " + path + " (" + e.getMessage() + ")", e);
        }
        Set<String> known = new TreeSet<>();
        for (OptionSpec o : command.options()) {
            known.add(key(o));
        }
        known.removeAll(NOT_IN_FILE);
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            if (key.startsWith(SUITE_PREFIX) || key.startsWith(OPTION_PREFIX)) {
                continue; // checked by the command, which knows the suites and the options
            }
            String where = " in --config file " + path + " line " + lines.get(key);
            if (InputText.isToken(key) && key.toLowerCase(java.util.Locale.ROOT).contains("password")
                    && !known.contains(key)) {
                throw new CommandLine.ParameterException(commandLine, InputText.quoted("unknown key", key) + where
                        + ": a password is never accepted in a file of options; use basic-auth-password-file"
                        + " or the environment variable " + CliEnvironment.PASSWORD_ENV);
            }
            if (!known.contains(key)) {
                throw new CommandLine.ParameterException(commandLine, InputText.quoted("unknown key", key) + where
                        + " (expected key=value lines; known keys: " + String.join(", ", known) + ", "
                        + SUITE_PREFIX + "NAME, " + OPTION_PREFIX + "KEY)");
            }
        }
        return p;
    }

    /**
     * Loads the text into {@code p} one logical line at a time (a line and the lines a trailing backslash continues it on),
     * noting the physical line each key starts on, so that a message can name the line instead of
     * quoting it. Each logical line goes through {@link Properties#load}, so escapes and separators
     * mean what they mean in any properties file.
     */
    private static void load(String text, Properties p, Map<String, Integer> lines) {
        List<String> physical = text.lines().toList();
        for (int i = 0; i < physical.size(); i++) {
            int start = i;
            String first = physical.get(i).stripLeading();
            if (first.isEmpty() || first.startsWith("#") || first.startsWith("!")) {
                continue;
            }
            StringBuilder logical = new StringBuilder(physical.get(i));
            while (continues(physical.get(i)) && i + 1 < physical.size()) {
                i++;
                logical.append('\n').append(physical.get(i));
            }
            Properties one = new Properties();
            try {
                one.load(new StringReader(logical.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a StringReader does not fail
            }
            for (String key : one.stringPropertyNames()) {
                p.setProperty(key, one.getProperty(key));
                lines.put(key, start + 1);
            }
        }
    }

    /** Whether the line ends in an odd number of backslashes: it continues on the next line. */
    private static boolean continues(String line) {
        int n = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }
}
