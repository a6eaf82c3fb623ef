package org.octt.testsupport;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Builds plugin jars at test time: compiles Java sources with the system compiler against the
 * octt-core API the test runs with (octt-core, Reactor, Micrometer, found on the test's class path
 * by class name), and jars them with a {@code META-INF/services} file for the TestCase SPI.
 */
public final class PluginJars {

    /** The service interface plugins register. */
    private static final String TEST_CASE = "org.octt.core.spi.TestCase";

    private PluginJars() {
    }

    /**
     * Compiles {@code sources} (class name to source) against octt-core and Reactor in a fresh
     * folder under {@code work}, then writes {@code jar} with the classes and a service file listing
     * {@code services}.
     */
    public static Path build(Path work, Path jar, Map<String, String> sources, List<String> services) throws IOException {
        return build(work, jar, sources, services, Map.of());
    }

    /** {@link #build(Path, Path, Map, List)} with these main attributes in the jar's manifest. */
    public static Path build(Path work, Path jar, Map<String, String> sources, List<String> services,
                      Map<String, String> manifestAttributes) throws IOException {
        Path src = Files.createTempDirectory(work, "src");
        Path classes = Files.createTempDirectory(work, "classes");
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-d", classes.toString(),
                "-classpath", classpath()));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path file = src.resolve(e.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            args.add(file.toString());
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("tests need a JDK with javax.tools (no system Java compiler found)");
        }
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = compiler.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
        if (rc != 0) {
            throw new IllegalStateException("plugin sources did not compile:\n" + diagnostics.toString(StandardCharsets.UTF_8));
        }
        Files.createDirectories(jar.toAbsolutePath().getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifestAttributes.forEach((k, v) -> manifest.getMainAttributes().put(new Attributes.Name(k), v));
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            jarOut.putNextEntry(new JarEntry("META-INF/services/" + TEST_CASE));
            jarOut.write((String.join("\n", services) + "\n").getBytes(StandardCharsets.UTF_8));
            jarOut.closeEntry();
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    jarOut.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                    jarOut.write(Files.readAllBytes(f));
                    jarOut.closeEntry();
                }
            }
        }
        return jar;
    }

    /** Source of a test case with one step reporting the given checks (each as "id=VERDICT"). */
    public static String testCaseSource(String className, String id, String... checks) {
        return testCaseSourceWith(className, id, "", checks);
    }

    /** {@link #testCaseSource} with {@code members} (Java source of more methods) in the class body. */
    public static String testCaseSourceWith(String className, String id, String members, String... checks) {
        int dot = className.lastIndexOf('.');
        StringBuilder flux = new StringBuilder();
        for (String c : checks) {
            String[] parts = c.split("=");
            if (flux.length() > 0) {
                flux.append(", ");
            }
            flux.append("CheckResult.of(\"").append(parts[0]).append("\", Verdict.").append(parts[1])
                    .append(", \"").append(parts[0]).append(" was ").append(parts[1]).append("\")");
        }
        return "package " + className.substring(0, dot) + ";\n"
                + "import org.octt.core.spi.*;\n"
                + "import reactor.core.publisher.Flux;\n"
                + "import java.util.List;\n"
                + "public class " + className.substring(dot + 1) + " implements TestCase {\n"
                + "  public String id() { return \"" + id + "\"; }\n"
                + "  public String title() { return \"external " + id + "\"; }\n"
                + "  public SystemUnderTest systemUnderTest() { return SystemUnderTest.CENTRAL_SYSTEM; }\n"
                + "  public OcppVersion ocppVersion() { return OcppVersion.OCPP_16J; }\n"
                + "  public List<Step> steps() {\n"
                + "    return List.of(Step.of(\"only\", \"reports fixed checks\", ctx -> Flux.just(" + flux + ")));\n"
                + "  }\n"
                + members
                + "}\n";
    }

    /** The jars (or class folders) of the API a plugin compiles against, from the test's class path. */
    private static String classpath() {
        return String.join(java.io.File.pathSeparator, location(TEST_CASE), location("reactor.core.publisher.Flux"),
                location("org.reactivestreams.Publisher"), location("io.micrometer.core.instrument.MeterRegistry"));
    }

    private static String location(String className) {
        try {
            Class<?> type = Class.forName(className, false, PluginJars.class.getClassLoader());
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(className + " is not on the test's class path", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate " + className, e);
        }
    }
}
