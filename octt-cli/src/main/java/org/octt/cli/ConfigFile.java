package org.octt.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
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
 * file's folder. An unknown key is an error naming it. The file is located by scanning the
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

    private final Optional<Path> file;
    private Properties properties;

    private ConfigFile(Optional<Path> file) {
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
                return new ConfigFile(Optional.of(Path.of(args[i + 1])));
            }
            if (a.startsWith("--config=")) {
                return new ConfigFile(Optional.of(Path.of(a.substring("--config=".length()))));
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
            value = parts.stream().map(String::trim).map(this::relativeToFile).collect(Collectors.joining(","));
        }
        return value;
    }

    private String relativeToFile(String path) {
        Path p = Path.of(path);
        Path folder = file.get().toAbsolutePath().getParent();
        return p.isAbsolute() || folder == null ? path : folder.resolve(p).normalize().toString();
    }

    /**
     * The file's entries whose key starts with {@code prefix}, the prefix removed, values trimmed,
     * sorted by key; empty without a file.
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

    /** The file named by {@code --config}, if any. */
    Optional<Path> file() {
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
        Path path = file.get();
        CommandLine commandLine = command.commandLine();
        try {
            TargetContexts.readableFile("--config", path);
        } catch (UsageException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage(), e);
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
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
            if (key.toLowerCase(java.util.Locale.ROOT).contains("password") && !known.contains(key)) {
                throw new CommandLine.ParameterException(commandLine, "unknown key '" + key + "' in --config file "
                        + path + ": a password is never accepted in a file of options; use basic-auth-password-file"
                        + " or the environment variable " + CliEnvironment.PASSWORD_ENV);
            }
            if (!known.contains(key)) {
                throw new CommandLine.ParameterException(commandLine, "unknown key '" + key + "' in --config file "
                        + path + " (known keys: " + String.join(", ", known) + ", " + SUITE_PREFIX + "NAME, " + OPTION_PREFIX
                        + "KEY)");
            }
        }
        return p;
    }
}
