package org.octt.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The libraries name settings, not command line options: only the CLI (and the advice of a test
 * case's checks) may say {@code --ca-file} or {@code --resolve}; an embedder has no such flags.
 * See docs/architecture.md, "Messages and command line options".
 */
class LibraryMessagesTests {

    /** A string literal holding a long option, e.g. {@code "give the CA with --ca-file"}. */
    private static final Pattern OPTION_IN_LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*?(--[a-z][a-z-]+)");

    @Test
    void noLibraryStringLiteralNamesACommandLineOption() throws IOException {
        List<String> found = new ArrayList<>();
        for (String module : List.of("octt-core", "octt-tls", "octt-ocpp", "octt-testkit")) {
            Path main = Path.of("..", module, "src", "main", "java");
            assertThat(main).isDirectory();
            try (Stream<Path> files = Files.walk(main)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                    List<String> lines = Files.readAllLines(f);
                    for (int i = 0; i < lines.size(); i++) {
                        String line = lines.get(i).strip();
                        if (line.startsWith("*") || line.startsWith("/*") || line.startsWith("//")) {
                            continue;
                        }
                        Matcher m = OPTION_IN_LITERAL.matcher(line);
                        if (m.find()) {
                            found.add(main.relativize(f) + ":" + (i + 1) + " " + m.group(1));
                        }
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }
}
