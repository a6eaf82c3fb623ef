package org.octt.cli;

import org.octt.core.spi.ActionHandler;

import java.io.Console;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the CLI takes from its surroundings, so that tests can run it in-process: the services it
 * calls, the environment variables, where it is installed and whether stdout is a terminal.
 *
 * <p>PEM files are read with octt-tls {@link org.octt.tls.cert.PemFiles} and the reports are written
 * with octt-core {@link org.octt.core.report.JsonReport} and {@link org.octt.core.report.JUnitXmlReport};
 * those are not replaceable here.
 *
 * @param runService  runs a plan (the engine)
 * @param catalog     discovers test cases
 * @param env         environment variables ({@code OCTT_BASIC_AUTH_PASSWORD}, {@code NO_COLOR}, {@code COLUMNS})
 * @param home        the folder the CLI is installed in ({@code plugins/} is looked up there), if known
 * @param terminal    whether stdout is an interactive terminal (colour, live lines)
 * @param interrupts  where an interrupt (Ctrl-C) is heard
 * @param inputs      in-memory input files by name (see {@link #inMemoryInput}); empty but in {@code octt demo}
 * @param actionHandlers who performs the operator actions of the test cases against a target, by the target's URL;
 *                    empty but in {@code octt demo} (the reference Central System performs them)
 */
public record CliEnvironment(RunService runService, TestCatalog catalog,
                             Map<String, String> env, Optional<Path> home, boolean terminal,
                             Interrupts interrupts, Map<String, String> inputs,
                             Map<String, ActionHandler> actionHandlers) {

    /** Environment variable holding the Basic auth password when no file is given. */
    public static final String PASSWORD_ENV = "OCTT_BASIC_AUTH_PASSWORD";

    /** System property the launcher sets to its own folder. */
    public static final String HOME_PROPERTY = "octt.home";

    public CliEnvironment {
        Objects.requireNonNull(runService, "runService");
        Objects.requireNonNull(catalog, "catalog");
        env = Map.copyOf(env);
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(interrupts, "interrupts");
        inputs = Map.copyOf(inputs);
        actionHandlers = Map.copyOf(actionHandlers);
    }

    /** An environment without in-memory inputs. */
    public CliEnvironment(RunService runService, TestCatalog catalog, Map<String, String> env, Optional<Path> home,
                          boolean terminal, Interrupts interrupts) {
        this(runService, catalog, env, home, terminal, interrupts, Map.of(), Map.of());
    }

    /** The real environment of this process. */
    public static CliEnvironment system() {
        return new CliEnvironment(RunService.engine(),
                TestCatalog.pluginRegistry(CliEnvironment.class.getClassLoader()),
                System.getenv(), installationFolder(), stdoutIsTerminal(), Interrupts.shutdownHook());
    }

    /** Whether colour may be used: on a terminal, unless {@code NO_COLOR} is set (no-color.org). */
    public boolean colour() {
        return terminal && !env.containsKey("NO_COLOR");
    }

    /**
     * The console's width in characters: {@code COLUMNS} (the launcher sets it from the terminal when
     * stdout is one), kept within 40 to 1000; 100 when it is unset or not a number.
     */
    public int columns() {
        return ConsoleText.width(env.get("COLUMNS"));
    }

    /** The default plugin folder: {@code plugins/} in {@link #home()}, if known. */
    public Optional<Path> defaultPluginPath() {
        return home.map(h -> h.resolve("plugins"));
    }

    public CliEnvironment withRunService(RunService service) {
        return new CliEnvironment(service, catalog, env, home, terminal, interrupts, inputs, actionHandlers);
    }

    public CliEnvironment withCatalog(TestCatalog c) {
        return new CliEnvironment(runService, c, env, home, terminal, interrupts, inputs, actionHandlers);
    }

    public CliEnvironment withEnv(Map<String, String> variables) {
        return new CliEnvironment(runService, catalog, variables, home, terminal, interrupts, inputs, actionHandlers);
    }

    public CliEnvironment withHome(Optional<Path> folder) {
        return new CliEnvironment(runService, catalog, env, folder, terminal, interrupts, inputs, actionHandlers);
    }

    public CliEnvironment withTerminal(boolean isTerminal) {
        return new CliEnvironment(runService, catalog, env, home, isTerminal, interrupts, inputs, actionHandlers);
    }

    public CliEnvironment withInterrupts(Interrupts source) {
        return new CliEnvironment(runService, catalog, env, home, terminal, source, inputs, actionHandlers);
    }

    /** This environment with these in-memory input files, by name (see {@link #inMemoryInput}). */
    public CliEnvironment withInputs(Map<String, String> contentByName) {
        return new CliEnvironment(runService, catalog, env, home, terminal, interrupts, contentByName, actionHandlers);
    }

    /**
     * This environment with these handlers of operator actions, by target URL ({@code octt demo}: each reference
     * Central System performs the actions of the test cases run against it).
     */
    public CliEnvironment withActionHandlers(Map<String, ActionHandler> byTargetUrl) {
        return new CliEnvironment(runService, catalog, env, home, terminal, interrupts, inputs, byTargetUrl);
    }

    /**
     * The in-memory content standing in for the input file {@code file} ({@code --ca-file},
     * {@code --client-cert}, {@code --client-key}), if this environment holds one by that name; the
     * readers of those files ask here first. Only {@code octt demo} sets any, so that its root
     * certificate and client key never touch the disk.
     */
    public Optional<byte[]> inMemoryInput(Path file) {
        return Optional.ofNullable(inputs.get(file.toString())).map(text -> text.getBytes(StandardCharsets.UTF_8));
    }

    /** Names the variables and inputs but never their values (a password, a private key). */
    @Override
    public String toString() {
        return "CliEnvironment[runService=" + runService + ", catalog=" + catalog + ", env=" + env.keySet()
                + ", home=" + home + ", terminal=" + terminal + ", interrupts=" + interrupts
                + ", inputs=" + inputs.keySet() + ", actionHandlers=" + actionHandlers.keySet() + "]";
    }

    /**
     * The launcher's folder ({@code -Doctt.home}), else the folder of the CLI's jar, else none
     * (running from classes in an IDE or a test).
     */
    static Optional<Path> installationFolder() {
        String property = System.getProperty(HOME_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Optional.of(Path.of(property));
        }
        try {
            var source = CliEnvironment.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path location = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(location) ? Optional.ofNullable(location.getParent()) : Optional.empty();
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether stdout is a terminal. Since JDK 22 {@link System#console()} is not null on a pipe any
     * more; {@code Console.isTerminal()} (JDK 22+) tells, called reflectively as we compile for 17.
     */
    static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // JDK < 22: a console exists only when stdin and stdout are a terminal
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
