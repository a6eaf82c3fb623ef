package org.octt.cli;

import org.octt.core.plugin.DiscoveredTestCase;
import org.octt.core.spi.OptionDescriptor;
import org.octt.core.spi.Prerequisites;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.Step;
import org.octt.core.spi.TestCase;
import org.octt.core.text.Printable;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code octt list} and {@code octt describe} print about test cases and suites. Every text
 * from a plugin goes through {@link Printable#escape}.
 */
final class TestCaseDescriptions {

    private TestCaseDescriptions() {
    }

    /** {@code security profile 2 or 3}, or {@code any security profile}. */
    static String prerequisites(Prerequisites prerequisites) {
        if (prerequisites.securityProfiles().size() == SecurityProfile.values().length) {
            return "any security profile";
        }
        return "security profile " + prerequisites.securityProfiles().stream().map(SecurityProfile::number).sorted()
                .map(String::valueOf).collect(Collectors.joining(" or "));
    }

    /** The suites, comma-separated, or {@code none}. */
    static String suites(TestCase testCase) {
        List<String> names = testCase.suites().stream().sorted().map(Printable::escape).toList();
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    /** The "Suites" section: each built-in suite with its test cases. */
    static void printSuites(Map<String, List<String>> suites, PrintWriter out) {
        out.println();
        out.println("Suites (octt run --suite NAME):");
        if (suites.isEmpty()) {
            out.println("  (none)");
        }
        List<String[]> rows = new ArrayList<>();
        suites.forEach((name, ids) -> rows.add(new String[] {Printable.escape(name),
            ids.stream().map(Printable::escape).collect(Collectors.joining(", "))}));
        table(rows, "  ", out);
    }

    /** The options of a test case as an indented table, or {@code options: none}. */
    static void printOptions(TestCase testCase, String indent, PrintWriter out) {
        List<OptionDescriptor> options = testCase.options();
        if (options.isEmpty()) {
            out.println(indent + "options: none");
            return;
        }
        out.println(indent + "options (--option KEY=VALUE):");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"KEY", "TYPE", "DEFAULT", "DESCRIPTION"});
        for (OptionDescriptor o : options) {
            rows.add(new String[] {Printable.escape(o.key()), o.typeLabel(),
                o.defaultValue().map(Printable::escape).orElse("(none)"), Printable.escape(o.description())});
        }
        table(rows, indent + "  ", out);
    }

    /** {@code octt list -v}: prerequisites, suites and options of one test case. */
    static void printSummary(DiscoveredTestCase d, PrintWriter out) {
        TestCase t = d.testCase();
        out.println();
        out.println(Printable.escape(t.id()) + "  " + Printable.escape(t.title()));
        out.println("  prerequisites: " + prerequisites(t.prerequisites()));
        out.println("  suites: " + suites(t));
        printOptions(t, "  ", out);
    }

    /** {@code octt describe ID}: everything about one test case. */
    static void printDescription(DiscoveredTestCase d, PrintWriter out) {
        TestCase t = d.testCase();
        out.println(Printable.escape(t.id()) + "  " + Printable.escape(t.title()));
        out.println("  system under test: " + t.systemUnderTest().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        out.println("  OCPP version: " + Printable.escape(t.ocppVersion().subprotocol()));
        out.println("  prerequisites: " + prerequisites(t.prerequisites()));
        out.println("  suites: " + suites(t));
        out.println("  source: " + Printable.escape(d.source()));
        out.println("  steps:");
        int n = 1;
        for (Step step : t.steps()) {
            out.println("    " + n++ + ". " + Printable.escape(step.name()) + "  " + Printable.escape(step.description()));
            List<String> checks = step.checkIds();
            out.println("       checks: " + (checks == null || checks.isEmpty() ? "(none declared)"
                    : checks.stream().map(Printable::escape).collect(Collectors.joining(", "))));
        }
        printOptions(t, "  ", out);
    }

    /** Rows as columns padded to their widest cell, two blanks apart. */
    static void table(List<String[]> rows, String indent, PrintWriter out) {
        if (rows.isEmpty()) {
            return;
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            out.println(line);
        }
    }
}
