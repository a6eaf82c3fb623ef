package org.octt.cli;

import org.octt.core.plugin.DiscoveredTestCase;
import org.octt.core.text.Printable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code octt describe ID}: one test case: title, system under test, OCPP version, prerequisites,
 * suites, steps with their descriptions and declared check ids, options. An unknown id is exit 2.
 */
@Command(name = "describe", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Describe one test case: its steps and checks, prerequisites, suites and options.")
final class DescribeCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", arity = "1", description = "The test case id (see: octt list).")
    String id;

    @Mixin
    PluginPathOption plugins;

    @Option(names = {"-v", "--verbose"}, description = "Print a stack trace with an error.")
    boolean verbose;

    DescribeCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws IOException {
        try (TestCatalog.Catalog catalog = environment.catalog().load(plugins.resolve(environment))) {
            PrintWriter err = spec.commandLine().getErr();
            for (String problem : catalog.problems()) {
                err.println("warning: " + Printable.escape(problem));
            }
            err.flush();
            DiscoveredTestCase found = catalog.find(id).orElseThrow(() -> new UsageException(
                    "unknown test case id: " + TestSelection.shown(id) + " (known: " + (catalog.testCases().isEmpty()
                            ? "none" : catalog.testCases().stream().map(d -> d.testCase().id())
                            .collect(Collectors.joining(", "))) + ")"));
            PrintWriter out = spec.commandLine().getOut();
            TestCaseDescriptions.printDescription(found, out);
            out.flush();
            return ExitCodes.PASSED;
        }
    }
}
