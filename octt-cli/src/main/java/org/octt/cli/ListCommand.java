package org.octt.cli;

import org.octt.core.plugin.DiscoveredTestCase;
import org.octt.core.text.Printable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code octt list}: the discovered test cases as a table, then the built-in suites; with
 * {@code -v} also each test case's prerequisites, suites and options.
 */
@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "List the test cases found on the class path and in the plugin folder.")
final class ListCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    @Mixin
    PluginPathOption plugins;

    @Option(names = {"-v", "--verbose"},
            description = "Also show each test case's prerequisites, suites and options; a stack trace with an error.")
    boolean verbose;

    ListCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws IOException {
        try (TestCatalog.Catalog catalog = environment.catalog().load(plugins.resolve(environment))) {
            return print(catalog);
        }
    }

    private int print(TestCatalog.Catalog catalog) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "TITLE", "SYSTEM UNDER TEST", "OCPP", "SOURCE"});
        for (DiscoveredTestCase d : catalog.testCases()) {
            rows.add(new String[] {Printable.escape(d.testCase().id()), Printable.escape(d.testCase().title()),
                d.testCase().systemUnderTest().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                Printable.escape(d.testCase().ocppVersion().subprotocol()), Printable.escape(d.source())});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            out.println(line);
        }
        if (catalog.testCases().isEmpty()) {
            out.println("(no test cases found)");
        }
        if (verbose) {
            catalog.testCases().forEach(d -> TestCaseDescriptions.printSummary(d, out));
        }
        TestCaseDescriptions.printSuites(TestSelection.builtInSuites(catalog.testCases()), out);
        for (String problem : catalog.problems()) {
            err.println("warning: " + Printable.escape(problem));
        }
        out.flush();
        err.flush();
        return ExitCodes.PASSED;
    }
}
