package org.octt.junit.example;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.octt.testkit.ReferenceCentralSystem;
import org.octt.testkit.RunningCentralSystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Starts the reference Central System for the test session and points the octt engine at it: sets
 * {@code octt.url}, {@code octt.resolve}, {@code octt.ca-file} and {@code octt.basic-auth-password-file}
 * as system properties (which the JUnit Platform reads as configuration parameters) before discovery,
 * and removes them and stops the server when the session closes. Only this example needs it: a real
 * project names its Central System in {@code junit-platform.properties}.
 *
 * <p>Registered in {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}.
 * Not started when the system property {@value #START} is {@code false} (the Failsafe run, which
 * runs no octt test case).
 */
public final class ReferenceCentralSystemSession implements LauncherSessionListener {

    static final String START = "octt.example.start-central-system";

    private RunningCentralSystem centralSystem;
    private Path files;
    private final Map<String, String> set = new LinkedHashMap<>();

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if ("false".equals(System.getProperty(START))) {
            return;
        }
        centralSystem = ReferenceCentralSystem.builder().build().start();
        try {
            files = Files.createTempDirectory("octt-junit-example");
            Path root = Files.writeString(files.resolve("root.pem"), centralSystem.rootCertificatePem());
            Path password = Files.writeString(files.resolve("password"), centralSystem.chargePointPasswordAsString());
            set.put("octt.url", centralSystem.url().toString());
            set.put("octt.resolve", centralSystem.hostName() + ":" + centralSystem.port() + ":127.0.0.1");
            set.put("octt.ca-file", root.toString());
            set.put("octt.basic-auth-password-file", password.toString());
        } catch (IOException e) {
            centralSystem.close();
            throw new UncheckedIOException(e);
        }
        set.forEach(System::setProperty);
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        set.keySet().forEach(System::clearProperty);
        set.clear();
        if (centralSystem != null) {
            centralSystem.close();
            centralSystem = null;
        }
        if (files != null) {
            try (Stream<Path> all = Files.walk(files)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary folder left behind is no failure of the tests
            }
            files = null;
        }
    }
}
