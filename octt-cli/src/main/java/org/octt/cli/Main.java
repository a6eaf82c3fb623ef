package org.octt.cli;

import org.octt.core.text.Printable;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@code octt} command line. {@link #main} is the only place that exits the JVM; the exit code
 * comes from {@link ExitCodes}, the one place that maps verdicts and errors to codes.
 *
 * <p>An error the user can fix (a bad option or value, a missing file, an unknown test case id)
 * prints one line on stderr naming the problem and the value, and exits with 2; a stack trace
 * follows only with {@code --verbose}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        if (warmsUp(System.getenv(), args)) {
            TlsWarmUp.startInBackground(); // a cold JVM's second core prepares the later steps meanwhile
        }
        int code = execute(CliEnvironment.system(), new PrintWriter(System.out, true),
                new PrintWriter(System.err, true), args);
        ExitCleanup.releaseSharedEventLoops(); // else the JVM's exit waits 300 ms for the idle loops
        System.exit(code);
    }

    /**
     * Whether a process with these arguments runs test cases (the {@code run} and {@code demo}
     * commands), where warming up the TLS code on another thread shortens the run (docs/performance.md).
     * {@code OCTT_NO_WARM_UP} in the environment turns it off.
     */
    static boolean warmsUp(Map<String, String> environment, String... args) {
        if (environment.containsKey("OCTT_NO_WARM_UP")) {
            return false;
        }
        List<String> list = Arrays.asList(args);
        return (list.contains("run") || list.contains("demo")) && !list.contains("--help") && !list.contains("-h");
    }

    /**
     * Runs {@code octt} with these arguments in this environment, printing to {@code out} and
     * {@code err}, and returns the exit code. Never exits the JVM; tests call this.
     */
    public static int execute(CliEnvironment environment, PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = commandLine(environment, args);
        commandLine.setOut(out);
        commandLine.setErr(err);
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * The configured command line: the subcommands, the config file defaults for these arguments,
     * the exit code mapping and the one-line error handlers.
     *
     * <p>When the first argument names a subcommand, only that one is built: picocli builds a
     * command's model by reflection, which a cold JVM pays for per subcommand (about 45 ms for the
     * four not run; docs/performance.md, section 7). Anything else ({@code octt}, {@code --help},
     * an unknown command, which gets suggestions) builds them all.
     */
    static CommandLine commandLine(CliEnvironment environment, String... args) {
        CommandLine commandLine = new CommandLine(new OcttCommand());
        // subcommands: add new ones here, in the order of the usage help
        Map<String, Supplier<Object>> subcommands = new LinkedHashMap<>();
        subcommands.put("list", () -> new ListCommand(environment));
        subcommands.put("describe", () -> new DescribeCommand(environment));
        subcommands.put("run", () -> new RunCommand(environment));
        subcommands.put("demo", () -> new DemoCommand(environment));
        subcommands.put("serve", () -> new ServeCommand(environment));
        String invoked = args.length > 0 && subcommands.containsKey(args[0]) ? args[0] : null;
        subcommands.forEach((name, command) -> {
            if (invoked == null || invoked.equals(name)) {
                commandLine.addSubcommand(name, command.get());
            }
        });
        for (String name : List.of("demo", "serve")) {
            CommandLine sub = commandLine.getSubcommands().get(name);
            if (sub != null) {
                sub.getCommandSpec().usageMessage().sectionMap()
                        .put("footer", help -> String.format("%nFaults (--fault NAME):%n") + DemoCommand.faultHelp());
            }
        }

        CommandLine.Help.Ansi ansi = environment.colour() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF;
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(ansi));
        CommandLine run = commandLine.getSubcommands().get("run");
        if (run != null) {
            run.setDefaultValueProvider(ConfigFile.fromArguments(args));
        }
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExitCodeExceptionMapper(ExitCodes.mapper());
        boolean verbose = Arrays.asList(args).contains("-v") || Arrays.asList(args).contains("--verbose");
        commandLine.setParameterExceptionHandler((ex, arguments) -> report(ex.getCommandLine(), ex, verbose));
        commandLine.setExecutionExceptionHandler((ex, cmd, parseResult) -> report(cmd, ex, verbose));
        return commandLine;
    }

    /**
     * Prints the error in one line (a stack trace too with --verbose) and returns its exit code.
     * {@code --verbose} counts from the arguments, or from a {@code --config} file ({@code verbose=true})
     * where the command got as far as taking its options.
     */
    private static int report(CommandLine commandLine, Exception error, boolean verboseArgument) {
        boolean verbose = verboseArgument || verboseOption(commandLine);
        PrintWriter err = commandLine.getErr();
        String name = commandLine.getCommandSpec().qualifiedName();
        int code = commandLine.getExitCodeExceptionMapper() != null
                ? commandLine.getExitCodeExceptionMapper().getExitCode(error)
                : ExitCodes.of(error);
        String message = oneLine(error);
        if (error instanceof CommandLine.UnmatchedArgumentException unmatched && unmatched.getUnmatched().stream()
                .anyMatch(a -> a.startsWith("-") && a.toLowerCase(java.util.Locale.ROOT).contains("password"))) {
            // never echo what follows: it is likely the password itself
            err.println(name + ": a password is never accepted on the command line; use"
                    + " --basic-auth-password-file FILE or the environment variable " + CliEnvironment.PASSWORD_ENV);
            err.flush();
            return code; // no stack trace: its message would hold the password
        } else if (code == ExitCodes.USAGE) {
            err.println(name + ": " + message + hint(commandLine, error));
        } else {
            err.println(name + ": internal error: " + error.getClass().getName() + ": " + message
                    + (verbose ? "" : " (run with --verbose for the stack trace)"));
        }
        if (verbose) {
            printStackTrace(error, err); // only on request: --verbose
        }
        err.flush();
        return code;
    }

    /** The error's stack trace, control characters escaped (its messages may hold a file's or a server's text). */
    static void printStackTrace(Throwable error, PrintWriter err) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        err.print(Printable.escapeKeepingLines(trace.toString()));
    }

    private static boolean verboseOption(CommandLine commandLine) {
        CommandLine.Model.OptionSpec option = commandLine.getCommandSpec().findOption("--verbose");
        try {
            return option != null && Boolean.TRUE.equals(option.getValue());
        } catch (RuntimeException e) {
            return false; // an option whose value cannot be read: go by the arguments alone
        }
    }

    private static String hint(CommandLine commandLine, Exception error) {
        if (error instanceof CommandLine.UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                return " (did you mean " + Printable.escape(String.join(" or ", suggestions)) + "?)";
            }
        }
        if (error instanceof CommandLine.ParameterException) {
            return " (see " + commandLine.getCommandSpec().qualifiedName() + " --help)";
        }
        return "";
    }

    /**
     * The message in one printable line: line breaks (and the blanks around them) become one space,
     * every other control character is escaped ({@link Printable#escape}): a message may quote user
     * input or file content.
     */
    private static String oneLine(Throwable error) {
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            message = error.getClass().getSimpleName();
        }
        return Printable.escape(message.replaceAll("\\s*\\R\\s*", " ").trim());
    }
}
