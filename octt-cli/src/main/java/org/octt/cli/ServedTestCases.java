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
 * prerequisites admit the chosen security profile and need no operator action, in id order; or the ones named with
 * {@code --test-case}, each of which must be discovered and apply to that profile.
 */
final class ServedTestCases {

    private ServedTestCases() {
    }

    /**
     * The ids to run.
     *
     * @throws UsageException naming {@code --test-case} and the id that is unknown or does not apply,
     *                        or when no discovered test case applies to the profile
     */
    static List<String> ids(CliEnvironment environment, int securityProfile, List<String> requested) {
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
                    .filter(t -> t.testCase().prerequisites().securityProfiles().contains(profile))
                    // the demo's run has no action handler yet: a card that needs an operator action
                    // would wait for a person; it runs only when named with --test-case
                    .filter(t -> !t.testCase().prerequisites().operatorActions())
                    .map(t -> t.testCase().id())
                    .sorted()
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
