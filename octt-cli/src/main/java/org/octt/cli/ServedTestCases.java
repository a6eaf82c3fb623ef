package org.octt.cli;

import org.octt.core.plugin.DiscoveredTestCase;
import org.octt.core.spi.SecurityProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which test cases {@code octt demo} and {@code octt serve} run against the reference Central
 * System: every discovered test case (class path and the default plugin folder) whose
 * prerequisites admit the chosen security profile, in id order but those that change the Charge Point's account
 * last (the cards that need an operator action too: the
 * demo's reference Central System performs them, and serve's printed command has an action hook); or the ones named with
 * {@code --test-case}, each of which must be discovered and apply to that profile.
 */
final class ServedTestCases {

    private ServedTestCases() {
    }

    /**
     * A suite as {@code octt demo --suite} serves it.
     *
     * @param ids      the suite's test case ids, in its order
     * @param unserved those that apply to none of the demo's profiles, each with the profiles it needs
     */
    record Suite(List<String> ids, List<String> unserved) {
    }

    /**
     * The built-in suite {@code name} and which of its test cases apply to none of {@code profiles}.
     *
     * @throws UsageException naming {@code --suite} and the known suites when there is no such suite
     */
    static Suite suite(CliEnvironment environment, String name, List<Integer> profiles) {
        try (TestCatalog.Catalog catalog = environment.catalog().load(environment.defaultPluginPath())) {
            java.util.SortedMap<String, List<String>> suites = TestSelection.builtInSuites(catalog.testCases());
            List<String> ids = suites.get(name);
            if (ids == null) {
                throw new UsageException("--suite: unknown suite '" + org.octt.core.text.Printable.escape(name)
                        + "' (known: " + String.join(", ", suites.keySet()) + ")");
            }
            List<String> unserved = new ArrayList<>();
            for (String id : ids) {
                java.util.Set<SecurityProfile> needs = catalog.find(id).orElseThrow().testCase().prerequisites()
                        .securityProfiles();
                if (profiles.stream().map(SecurityProfile::of).noneMatch(needs::contains)) {
                    unserved.add(id + " (security profile " + needs.stream().map(p -> Integer.toString(p.number()))
                            .sorted().collect(java.util.stream.Collectors.joining(", ")) + ")");
                }
            }
            return new Suite(ids, List.copyOf(unserved));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The ids to run.
     *
     * @throws UsageException naming {@code --test-case} and the id that is unknown or does not apply,
     *                        or when no discovered test case applies to the profile
     */
    static List<String> ids(CliEnvironment environment, int securityProfile, List<String> requested) {
        return ids(environment, securityProfile, requested, true);
    }

    /**
     * The ids to run, those that change the Charge Point's account last
     * ({@link org.octt.core.spi.Prerequisites#suiteOrder()}); without them unless {@code withAccountChanges} (or named).
     */
    static List<String> ids(CliEnvironment environment, int securityProfile, List<String> requested,
                            boolean withAccountChanges) {
        SecurityProfile profile = SecurityProfile.of(securityProfile);
        try (TestCatalog.Catalog catalog = environment.catalog().load(environment.defaultPluginPath())) {
            if (!requested.isEmpty()) {
                List<String> ids = new ArrayList<>();
                for (String id : requested) {
                    DiscoveredTestCase found = catalog.find(id).orElseThrow(() -> new UsageException(
                            "--test-case: unknown test case id '" + org.octt.core.text.Printable.escape(id) + "' (see: octt list)"));
                    if (!found.testCase().prerequisites().securityProfiles().contains(profile)) {
                        throw new UsageException("--test-case " + id + " does not apply to --security-profile "
                                + securityProfile);
                    }
                    if (!ids.contains(id)) {
                        ids.add(id);
                    }
                }
                return List.copyOf(ids);
            }
            List<String> ids = catalog.testCases().stream()
                    .map(DiscoveredTestCase::testCase)
                    .filter(t -> t.prerequisites().securityProfiles().contains(profile))
                    .filter(t -> withAccountChanges || !t.prerequisites().accountChanges())
                    .sorted(org.octt.core.spi.Prerequisites.suiteOrder())
                    .map(org.octt.core.spi.TestCase::id)
                    .toList();
            if (ids.isEmpty()) {
                throw new UsageException("no discovered test case applies to --security-profile " + securityProfile);
            }
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
