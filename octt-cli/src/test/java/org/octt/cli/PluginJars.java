package org.octt.cli;

import io.micrometer.core.instrument.MeterRegistry;
import org.octt.core.spi.TestCase;
import reactor.core.publisher.Flux;

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
 * octt-core API the test runs with, and jars them with a {@code META-INF/services} file.
 * (A copy of octt-core's test helper of the same name.)
 */
final class PluginJars {

    private PluginJars() {
    }

    /**
     * Compiles {@code sources} (class name to source) in a fresh folder under {@code work}, then
     * writes {@code jar} with the classes and a service file listing {@code services}.
     */
    static Path build(Path work, Path jar, Map<String, String> sources, List<String> services) throws IOException {
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
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
            jarOut.putNextEntry(new JarEntry("META-INF/services/" + TestCase.class.getName()));
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

    /** The jars (or class folders) of the API a plugin compiles against, from the test's class path. */
    private static String classpath() {
        return String.join(java.io.File.pathSeparator, location(TestCase.class), location(Flux.class),
                location(org.reactivestreams.Publisher.class), location(MeterRegistry.class));
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate " + type, e);
        }
    }
}
