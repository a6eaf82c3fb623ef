package org.octt.core.plugin;

import org.octt.core.spi.OptionDescriptor;
import org.octt.core.spi.SpiVersion;
import org.octt.core.spi.TestCase;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Test cases discovered with {@link ServiceLoader} on the class path and in a plugin folder of
 * jars.
 *
 * <p>Sources: test cases visible to the parent class loader have the source
 * {@code classpath (<jar or folder name>)} (just {@code classpath} when the location is unknown);
 * each {@code *.jar} in the plugin folder is loaded by its own {@link URLClassLoader}, a child of
 * the parent, and its test cases have the jar's file name as source. A jar only contributes the
 * test cases listed in its own {@code META-INF/services/org.octt.core.spi.TestCase}.
 *
 * <p>Validation: a plugin that cannot be loaded (a corrupt jar, a listed class that is missing or
 * fails to instantiate, a blank id, no steps, duplicate step names) is reported in
 * {@link #problems()} in one line naming the jar (or class) and the error, and the other plugins
 * still load. Two test cases with one id fail at once with {@link DuplicateTestCaseException}
 * naming both classes and sources.
 *
 * <p>Immutable once loaded and thread-safe. The plugin jars stay open for the registry's lifetime;
 * {@link #close()} releases them when the embedder is done with their test cases.
 */
public final class PluginRegistry implements AutoCloseable {

    /** What a suite's name looks like. */
    private static final java.util.regex.Pattern SUITE_NAME = java.util.regex.Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

    /** Bounds the recovery loop over a broken service file. */
    private static final int MAX_PROVIDERS_PER_SOURCE = 10_000;

    private final List<DiscoveredTestCase> testCases;
    private final Map<String, DiscoveredTestCase> byId;
    private final List<String> problems;
    private final List<URLClassLoader> loaders;

    private PluginRegistry(List<DiscoveredTestCase> testCases, List<String> problems, List<URLClassLoader> loaders) {
        List<DiscoveredTestCase> sorted = new ArrayList<>(testCases);
        sorted.sort(Comparator.comparing(d -> d.testCase().id()));
        this.testCases = List.copyOf(sorted);
        Map<String, DiscoveredTestCase> index = new LinkedHashMap<>();
        sorted.forEach(d -> index.put(d.testCase().id(), d));
        this.byId = Collections.unmodifiableMap(index);
        this.problems = List.copyOf(problems);
        this.loaders = List.copyOf(loaders);
    }

    /**
     * Loads test cases visible to {@code parent} and, when given, from every {@code *.jar} in
     * {@code pluginDir} (a missing folder is no error; a path that is not a folder is a problem).
     * A broken jar is reported in {@link #problems()} and the others still load.
     *
     * @param parent    the class loader to search and the parent of the plugin jars' loaders
     * @param pluginDir the plugin folder, if any
     * @return the registry; never null
     * @throws DuplicateTestCaseException when two test cases share one id; it names both classes
     */
    public static PluginRegistry load(ClassLoader parent, Optional<Path> pluginDir) {
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(pluginDir, "pluginDir");
        List<DiscoveredTestCase> found = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<URLClassLoader> loaders = new ArrayList<>();

        discover(ServiceLoader.load(TestCase.class, parent), null, found, problems);
        if (pluginDir.isPresent()) {
            for (Path jar : jarsIn(pluginDir.get(), problems)) {
                String name = jar.getFileName().toString();
                Optional<String> unreadable = checkReadable(jar);
                if (unreadable.isPresent()) {
                    problems.add(name + ": " + unreadable.get());
                    continue;
                }
                Optional<String> incompatible = spiIncompatibility(jar);
                if (incompatible.isPresent()) {
                    problems.add(name + ": not loaded: " + incompatible.get());
                    continue;
                }
                URLClassLoader loader;
                try {
                    loader = new PluginClassLoader(name, jar.toUri().toURL(), parent);
                } catch (MalformedURLException e) {
                    problems.add(name + ": cannot make a URL of " + jar + ": " + e.getMessage());
                    continue;
                }
                loaders.add(loader);
                discover(ServiceLoader.load(TestCase.class, loader), name, found, problems);
            }
        }
        try {
            rejectDuplicates(found);
        } catch (DuplicateTestCaseException e) {
            closeAll(loaders, e);
            throw e;
        }
        return new PluginRegistry(found, problems, loaders);
    }

    /** Every discovered test case, sorted by id. */
    public List<DiscoveredTestCase> testCases() {
        return testCases;
    }

    /** The test case with this id (exact, case-sensitive), if any. */
    public Optional<DiscoveredTestCase> find(String id) {
        return Optional.ofNullable(byId.get(Objects.requireNonNull(id, "id")));
    }

    /** One line per plugin that could not be loaded, naming the jar or class and the error. */
    public List<String> problems() {
        return problems;
    }

    /**
     * Closes the plugin jars' class loaders. Test cases from plugin jars must not run afterwards;
     * class path test cases are unaffected.
     *
     * @throws IOException when a jar cannot be closed (the others are still closed)
     */
    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (URLClassLoader loader : loaders) {
            try {
                loader.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void discover(ServiceLoader<TestCase> serviceLoader, String jarName,
                                 List<DiscoveredTestCase> found, List<String> problems) {
        Iterator<TestCase> it = serviceLoader.iterator();
        for (int i = 0; i < MAX_PROVIDERS_PER_SOURCE; i++) {
            TestCase testCase;
            try {
                if (!it.hasNext()) {
                    return;
                }
                testCase = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                // ServiceLoader moves on to the next provider after an error (best effort)
                problems.add((jarName == null ? "classpath" : jarName) + ": " + oneLine(e));
                continue;
            }
            String source = jarName == null ? classpathSource(testCase.getClass()) : jarName;
            Optional<String> invalid = validate(testCase);
            if (invalid.isPresent()) {
                problems.add(source + ": " + testCase.getClass().getName() + " " + invalid.get());
            } else {
                found.add(DiscoveredTestCase.of(testCase, source));
            }
        }
        problems.add((jarName == null ? "classpath" : jarName) + ": more than " + MAX_PROVIDERS_PER_SOURCE
                + " test cases or errors; stopped reading");
    }

    /** Why this test case cannot be used, if it cannot. */
    private static Optional<String> validate(TestCase testCase) {
        try {
            String id = testCase.id();
            if (id == null || id.isBlank()) {
                return Optional.of("has a blank id; return a non-blank id such as TC_086_CSMS from id()");
            }
            var steps = testCase.steps();
            if (steps == null || steps.isEmpty()) {
                return Optional.of("(id " + id + ") has no steps");
            }
            Set<String> names = new HashSet<>();
            for (var step : steps) {
                if (!names.add(step.name())) {
                    return Optional.of("(id " + id + ") has two steps named '" + step.name() + "'");
                }
            }
            if (testCase.title() == null || testCase.systemUnderTest() == null || testCase.ocppVersion() == null) {
                return Optional.of("(id " + id + ") returns null for title, system under test or OCPP version");
            }
            Set<String> keys = new HashSet<>();
            for (OptionDescriptor option : testCase.options()) {
                if (!keys.add(option.key())) {
                    return Optional.of("(id " + id + ") declares the option '" + option.key() + "' twice");
                }
            }
            if (testCase.prerequisites() == null) {
                return Optional.of("(id " + id + ") returns null prerequisites");
            }
            for (String suite : testCase.suites()) {
                if (!SUITE_NAME.matcher(suite).matches()) {
                    return Optional.of("(id " + id + ") names a suite that is not lower case words joined by '-': '"
                            + suite.replaceAll("\\p{Cntrl}", "?") + "'");
                }
            }
            return Optional.empty();
        } catch (RuntimeException | LinkageError e) {
            return Optional.of("cannot describe itself: " + oneLine(e));
        }
    }

    private static void rejectDuplicates(List<DiscoveredTestCase> found) {
        Map<String, DiscoveredTestCase> seen = new LinkedHashMap<>();
        for (DiscoveredTestCase d : found) {
            DiscoveredTestCase first = seen.putIfAbsent(d.testCase().id(), d);
            if (first != null) {
                throw new DuplicateTestCaseException("two test cases have the id " + d.testCase().id() + ": "
                        + first.testCase().getClass().getName() + " (from " + first.source() + ") and "
                        + d.testCase().getClass().getName() + " (from " + d.source() + ")");
            }
        }
    }

    private static List<Path> jarsIn(Path dir, List<String> problems) {
        if (!Files.exists(dir)) {
            return List.of();
        }
        if (!Files.isDirectory(dir)) {
            problems.add(dir + ": plugin path is not a folder");
            return List.of();
        }
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.jar")) {
            stream.forEach(jars::add);
        } catch (IOException e) {
            problems.add(dir + ": cannot list the plugin folder: " + oneLine(e));
        }
        jars.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return jars;
    }

    private static Optional<String> checkReadable(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest() != null || file.entries().hasMoreElements()
                    ? Optional.empty() : Optional.of("the jar is empty");
        } catch (IOException | SecurityException e) {
            return Optional.of("not a readable jar: " + oneLine(e));
        }
    }

    /**
     * Why the jar's stated SPI version ({@link SpiVersion#MANIFEST_ATTRIBUTE}) cannot be loaded; a
     * jar that states none is loaded (plugins built before the attribute existed).
     */
    private static Optional<String> spiIncompatibility(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String stated = manifest == null ? null : manifest.getMainAttributes().getValue(SpiVersion.MANIFEST_ATTRIBUTE);
            return stated == null ? Optional.empty() : SpiVersion.incompatibility(stated);
        } catch (IOException | SecurityException e) {
            return Optional.of("not a readable jar: " + oneLine(e));
        }
    }

    /**
     * The built-in suites: each suite name with its test cases in id order, those that change the
     * Charge Point's account last ({@link org.octt.core.spi.Prerequisites#suiteOrder()}). A name is declared by
     * the test cases themselves ({@link TestCase#suites()}).
     */
    public Map<String, List<DiscoveredTestCase>> suites() {
        Map<String, List<DiscoveredTestCase>> suites = new java.util.TreeMap<>();
        for (DiscoveredTestCase d : testCases) {
            for (String suite : d.testCase().suites()) {
                suites.computeIfAbsent(suite, k -> new ArrayList<>()).add(d);
            }
        }
        suites.replaceAll((k, v) -> v.stream().sorted(java.util.Comparator.comparing(DiscoveredTestCase::testCase,
                org.octt.core.spi.Prerequisites.suiteOrder())).toList());
        return Collections.unmodifiableMap(suites);
    }

    private static String classpathSource(Class<?> type) {
        try {
            var codeSource = type.getProtectionDomain().getCodeSource();
            if (codeSource == null || codeSource.getLocation() == null) {
                return "classpath";
            }
            Path location = Path.of(codeSource.getLocation().toURI());
            Path name = location.getFileName();
            return name == null ? "classpath" : "classpath (" + name + ")";
        } catch (java.net.URISyntaxException | IllegalArgumentException | SecurityException
                 | java.nio.file.FileSystemNotFoundException e) {
            return "classpath";
        }
    }

    private static String oneLine(Throwable e) {
        StringBuilder sb = new StringBuilder();
        Throwable t = e;
        Set<Throwable> seen = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (t != null && seen.add(t)) {
            if (sb.length() > 0) {
                sb.append(": ");
            }
            String message = t.getMessage();
            sb.append(message == null || message.isBlank() ? t.getClass().getName()
                    : t.getClass().getSimpleName() + " " + message);
            t = t.getCause();
        }
        return sb.toString().replaceAll("\\s*\\R\\s*", " ");
    }

    private static void closeAll(List<URLClassLoader> loaders, RuntimeException failure) {
        for (URLClassLoader loader : loaders) {
            try {
                loader.close();
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }

    /**
     * A plugin jar's loader: classes delegate to the parent as usual, but its service files are its
     * own, so each jar contributes only the test cases it lists.
     */
    private static final class PluginClassLoader extends URLClassLoader {
        static {
            ClassLoader.registerAsParallelCapable();
        }

        PluginClassLoader(String name, URL jar, ClassLoader parent) {
            super(name, new URL[] {jar}, parent);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            if (name.startsWith("META-INF/services/")) {
                return findResources(name);
            }
            return super.getResources(name);
        }
    }
}
