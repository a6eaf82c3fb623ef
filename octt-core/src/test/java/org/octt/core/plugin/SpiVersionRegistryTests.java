package org.octt.core.plugin;

import org.octt.testsupport.PluginJars;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.octt.core.spi.SpiVersion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** A plugin jar states the SPI version it was built for; the registry refuses an incompatible one in one line. */
class SpiVersionRegistryTests {

    @TempDir
    Path work;

    private PluginRegistry loadJarStating(String version) throws IOException {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        Map<String, String> manifest = version == null ? Map.of() : Map.of(SpiVersion.MANIFEST_ATTRIBUTE, version);
        PluginJars.build(work, plugins.resolve("stated.jar"),
                Map.of("ext.Stated", PluginJars.testCaseSource("ext.Stated", "TC_STATED", "ext.a=PASSED")),
                List.of("ext.Stated"), manifest);
        return PluginRegistry.load(getClass().getClassLoader(), Optional.of(plugins));
    }

    @Test
    void loadsAJarBuiltForThisSpiVersion() throws IOException {
        try (PluginRegistry registry = loadJarStating(SpiVersion.current())) {
            assertThat(registry.problems()).isEmpty();
            assertThat(registry.find("TC_STATED")).isPresent();
        }
    }

    @Test
    void loadsAJarBuiltForAnOlderMinorVersionOfTheSameMajor() throws IOException {
        try (PluginRegistry registry = loadJarStating(SpiVersion.MAJOR + ".0")) {
            assertThat(registry.find("TC_STATED")).isPresent();
        }
    }

    @Test
    void refusesAJarBuiltForTheNextMajorVersionInOneLine() throws IOException {
        String next = (SpiVersion.MAJOR + 1) + ".0";
        try (PluginRegistry registry = loadJarStating(next)) {
            assertThat(registry.find("TC_STATED")).isEmpty();
            assertThat(registry.problems()).containsExactly("stated.jar: not loaded: built for octt SPI " + next
                    + ", this octt has SPI " + SpiVersion.current() + " (update octt)");
        }
    }

    @Test
    void refusesAJarBuiltForANewerMinorVersion() throws IOException {
        String newer = SpiVersion.MAJOR + "." + (SpiVersion.MINOR + 1);
        try (PluginRegistry registry = loadJarStating(newer)) {
            assertThat(registry.find("TC_STATED")).isEmpty();
            assertThat(registry.problems()).singleElement().asString().contains("built for octt SPI " + newer);
        }
    }

    @Test
    void refusesAMalformedVersionWithoutEchoingMoreThanAShortPrefix() throws IOException {
        try (PluginRegistry registry = loadJarStating("one point oh, and a very long tail of text")) {
            assertThat(registry.find("TC_STATED")).isEmpty();
            assertThat(registry.problems()).containsExactly("stated.jar: not loaded: " + SpiVersion.MANIFEST_ATTRIBUTE
                    + " 'one point oh, an...' is not MAJOR.MINOR (this octt has SPI " + SpiVersion.current() + ")");
        }
    }

    @Test
    void loadsAJarThatStatesNoVersion() throws IOException {
        try (PluginRegistry registry = loadJarStating(null)) {
            assertThat(registry.problems()).isEmpty();
            assertThat(registry.find("TC_STATED")).isPresent();
        }
    }
}
