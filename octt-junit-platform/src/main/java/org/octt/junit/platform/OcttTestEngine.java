package org.octt.junit.platform;

import org.junit.platform.commons.util.ClassLoaderUtils;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.ClasspathRootSelector;
import org.junit.platform.engine.discovery.ModuleSelector;
import org.junit.platform.engine.discovery.PackageSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.octt.core.Octt;
import org.octt.core.Version;
import org.octt.core.plugin.PluginRegistry;
import org.octt.core.spi.TestCase;
import org.octt.core.spi.TestContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The octt test engine (id {@code octt}): octt test cases on the class path run under the JUnit
 * Platform (Maven Surefire, Gradle, IDEs, the console launcher) beside a team's own tests. Each
 * test case is a container and each check it reports a test, registered as the run reports it;
 * the target comes from configuration parameters ({@code octt.url}...; see {@code docs/junit.md}).
 *
 * <p>What is selected: the test cases a unique id selector names ({@code [engine:octt]/[test-case:TC_086_CSMS]});
 * otherwise, when the request scans classes, packages, modules or the class path (as Surefire and
 * Gradle do) or has no selector, those of {@code octt.suite} and {@code octt.test-cases}, or every
 * test case on the class path when only {@code octt.url} is set (tag filters then narrow it: each
 * container is tagged {@code octt} and with its suites). With none of the three set, the engine
 * discovers nothing and needs no configuration.
 *
 * <p>Execution runs the same {@link org.octt.core.engine.Engine} as the CLI, through {@link Octt}.
 */
public final class OcttTestEngine implements TestEngine {

    /** The engine id. */
    public static final String ID = "octt";

    private final Function<String, String> environment;

    /** The engine as the platform loads it; environment variables are the process's. */
    public OcttTestEngine() {
        this(System::getenv);
    }

    /** An engine reading environment variables from {@code environment} (tests). */
    OcttTestEngine(Function<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Optional<String> getGroupId() {
        return Optional.of("org.octt");
    }

    @Override
    public Optional<String> getArtifactId() {
        return Optional.of("octt-junit-platform");
    }

    @Override
    public Optional<String> getVersion() {
        return Optional.of(Version.current());
    }

    /**
     * The selected test cases, each a container.
     *
     * @throws OcttConfigurationException naming the parameter and its value when the configuration is bad
     */
    @Override
    public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
        OcttSettings settings = new OcttSettings(request.getConfigurationParameters(), environment);
        List<TestCase> selected;
        try (PluginRegistry registry = PluginRegistry.load(ClassLoaderUtils.getDefaultClassLoader(), Optional.empty())) {
            selected = select(request, uniqueId, settings, registry);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // no plugin folder: closing releases nothing
        }
        if (selected.isEmpty()) {
            return new OcttEngineDescriptor(uniqueId, Optional.empty());
        }
        TestContext context = settings.context(selected);
        OcttEngineDescriptor engine = new OcttEngineDescriptor(uniqueId, Optional.of(context));
        selected.forEach(t -> engine.addChild(new TestCaseDescriptor(uniqueId, t)));
        return engine;
    }

    private static List<TestCase> select(EngineDiscoveryRequest request, UniqueId engineId, OcttSettings settings,
                                         PluginRegistry registry) {
        Set<String> ids = new LinkedHashSet<>();
        boolean wholeEngine = false;
        for (UniqueIdSelector s : request.getSelectorsByType(UniqueIdSelector.class)) {
            UniqueId id = s.getUniqueId();
            if (!id.hasPrefix(engineId)) {
                continue;
            }
            List<UniqueId.Segment> segments = id.getSegments();
            if (segments.size() == 1) {
                wholeEngine = true;
            } else if (segments.get(1).getType().equals(TestCaseDescriptor.SEGMENT)) {
                ids.add(segments.get(1).getValue()); // a check's id selects its test case: checks are dynamic
            }
        }
        if (!ids.isEmpty() && !wholeEngine) {
            List<TestCase> named = new ArrayList<>();
            for (String id : ids) {
                registry.find(id).ifPresent(d -> named.add(d.testCase())); // a stale id (an IDE's) selects nothing
            }
            return named;
        }
        if ((wholeEngine || scans(request)) && settings.selects()) {
            return settings.selection(registry);
        }
        return List.of();
    }

    /** Whether the request looks for tests broadly (as build tools do), or names none at all. */
    private static boolean scans(EngineDiscoveryRequest request) {
        List<DiscoverySelector> all = request.getSelectorsByType(DiscoverySelector.class);
        return all.isEmpty() || all.stream().anyMatch(s -> s instanceof ClassSelector || s instanceof PackageSelector
                || s instanceof ClasspathRootSelector || s instanceof ModuleSelector);
    }

    @Override
    public void execute(ExecutionRequest request) {
        OcttEngineDescriptor engine = (OcttEngineDescriptor) request.getRootTestDescriptor();
        new RunReporter(request.getEngineExecutionListener(), engine).run();
    }
}
