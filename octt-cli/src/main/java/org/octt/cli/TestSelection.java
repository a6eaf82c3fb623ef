package org.octt.cli;

import org.octt.core.plugin.DiscoveredTestCase;
import org.octt.core.spi.OptionDescriptor;
import org.octt.core.spi.TestCase;
import org.octt.core.text.Printable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What {@code octt run} runs: the test cases named by suite and by id, and the test case options
 * given, each checked against what the plugins declare. Every problem is a {@link UsageException}
 * naming the option (or config file key) and the value; a value from a file is never quoted.
 */
final class TestSelection {

    /** A suite name: lower case words joined by '-', as built-in suite names. */
    private static final Pattern SUITE_NAME = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");
    /** A config file key a message may show: a short plain name. */
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** How much of a value a message shows. */
    private static final int SHOWN = 40;

    private TestSelection() {
    }

    /**
     * The built-in suites of the discovered test cases ({@link TestCase#suites()}): name → ids in id order, those
     * that change the Charge Point's account last ({@link org.octt.core.spi.Prerequisites#suiteOrder()}).
     */
    static SortedMap<String, List<String>> builtInSuites(List<DiscoveredTestCase> testCases) {
        SortedMap<String, List<String>> suites = new TreeMap<>();
        testCases.stream().map(DiscoveredTestCase::testCase).sorted(org.octt.core.spi.Prerequisites.suiteOrder())
                .forEach(t -> t.suites().forEach(s -> suites.computeIfAbsent(s, k -> new ArrayList<>()).add(t.id())));
        suites.replaceAll((k, v) -> List.copyOf(v));
        return suites;
    }

    /**
     * The user suites of the config file ({@code suite.NAME=ID,ID,...}): name → ids in the order
     * written, each once. A name must be lower case words joined by '-', must not be that of a
     * built-in suite, and must list at least one id.
     *
     * @param raw     the entries, {@code suite.} removed
     * @param builtIn the built-in suite names
     * @param file    how to name the file in a message
     */
    static SortedMap<String, List<String>> userSuites(Map<String, String> raw, Set<String> builtIn, String file) {
        SortedMap<String, List<String>> suites = new TreeMap<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String key = fileKey(ConfigFile.SUITE_PREFIX, e.getKey());
            if (!SUITE_NAME.matcher(e.getKey()).matches()) {
                throw new UsageException(file + ": " + key + ": a suite name is lower case words and digits joined"
                        + " by '-' (e.g. my-suite)");
            }
            if (builtIn.contains(e.getKey())) {
                throw new UsageException(file + ": " + key + ": a built-in suite has this name; a user suite cannot"
                        + " replace it (name yours differently)");
            }
            List<String> ids = new ArrayList<>(new LinkedHashSet<>(java.util.Arrays.stream(e.getValue().split(","))
                    .map(String::trim).filter(id -> !id.isEmpty()).toList()));
            if (ids.isEmpty()) {
                throw new UsageException(file + ": " + key + ": lists no test case id");
            }
            suites.put(e.getKey(), List.copyOf(ids));
        }
        return suites;
    }

    /**
     * The test cases of the suites (in the order given, each suite's in its order), then those of
     * the ids, each once.
     */
    static List<TestCase> select(TestCatalog.Catalog catalog, List<String> suiteNames, List<String> ids,
                                 SortedMap<String, List<String>> userSuites) {
        SortedMap<String, List<String>> builtIn = builtInSuites(catalog.testCases());
        Map<String, TestCase> selected = new LinkedHashMap<>();
        for (String name : new LinkedHashSet<>(suiteNames)) {
            List<String> suite = Optional.ofNullable(builtIn.get(name)).orElse(userSuites.get(name));
            if (suite == null) {
                Set<String> known = new TreeSet<>(builtIn.keySet());
                known.addAll(userSuites.keySet());
                throw new UsageException("--suite: unknown suite: " + shown(name) + " (known: "
                        + (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
            }
            for (String id : suite) {
                TestCase found = catalog.find(id).map(DiscoveredTestCase::testCase).orElseThrow(() ->
                        new UsageException("suite " + name + ": unknown test case id: " + shown(id) + " (known: "
                                + known(catalog) + ")"));
                selected.putIfAbsent(id, found);
            }
        }
        for (String id : ids) {
            TestCase found = catalog.find(id).map(DiscoveredTestCase::testCase).orElseThrow(() ->
                    new UsageException("unknown test case id: " + shown(id) + " (known: " + known(catalog) + ")"));
            selected.putIfAbsent(id, found);
        }
        return List.copyOf(selected.values());
    }

    private static String known(TestCatalog.Catalog catalog) {
        return catalog.testCases().isEmpty() ? "none"
                : catalog.testCases().stream().map(d -> d.testCase().id()).collect(Collectors.joining(", "));
    }

    /**
     * One test case option as given.
     *
     * @param source how a message names it: {@code --option KEY}, {@code --vendor},
     *               {@code option.KEY in --config file F}
     * @param key    the option key
     * @param value  its value
     * @param quote  whether a message may show the value (not when it comes from a file)
     */
    record Given(String source, String key, String value, boolean quote) {
    }

    /** {@code KEY=VALUE} of {@code --option}. */
    static Given parseOption(String argument) {
        int eq = argument.indexOf('=');
        if (eq <= 0) {
            throw new UsageException("--option: expected KEY=VALUE (e.g. ocpp.vendor=ACME), was: " + shown(argument));
        }
        String key = argument.substring(0, eq).strip();
        return new Given("--option " + shown(key), key, argument.substring(eq + 1).strip(), true);
    }

    /**
     * The options to set, later ones overriding earlier ones of the same key: each key must be
     * declared by one of the selected test cases ({@link TestCase#options()}) and each value valid
     * for every declaration of its key ({@link OptionDescriptor#problem(String)}).
     */
    static Map<String, String> options(List<Given> given, List<TestCase> selected) {
        Map<String, List<OptionDescriptor>> declared = new TreeMap<>();
        for (TestCase t : selected) {
            for (OptionDescriptor d : t.options()) {
                declared.computeIfAbsent(d.key(), k -> new ArrayList<>()).add(d);
            }
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (Given g : given) {
            String name = g.source();
            List<OptionDescriptor> descriptors = declared.get(g.key());
            if (descriptors == null) {
                throw new UsageException(name + ": not an option of the selected test cases (declared: "
                        + (declared.isEmpty() ? "none" : String.join(", ", declared.keySet())) + ")");
            }
            for (OptionDescriptor d : descriptors) {
                Optional<String> problem = d.problem(g.value());
                if (problem.isPresent()) {
                    throw new UsageException(name + ": " + problem.get() + (g.quote() ? ", was: " + shown(g.value()) : ""));
                }
            }
            options.put(g.key(), g.value());
        }
        return options;
    }

    /**
     * A config file key as a message shows it: {@code prefix + key} when the key is a short plain
     * name, else {@code prefix} and a note that it is not shown (the file's content is never quoted).
     */
    static String fileKey(String prefix, String key) {
        return PLAIN_KEY.matcher(key).matches() ? prefix + key : prefix + "KEY (not shown: not a plain name)";
    }

    /** A value from outside as a message shows it: control characters escaped, at most 40 characters. */
    static String shown(String value) {
        String escaped = Printable.escape(value);
        return escaped.length() <= SHOWN ? escaped : escaped.substring(0, SHOWN) + "... (" + value.length() + " characters)";
    }
}
