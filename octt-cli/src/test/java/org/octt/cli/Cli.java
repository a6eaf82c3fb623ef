package org.octt.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;

/** Runs the CLI in-process with captured stdout and stderr. */
final class Cli {

    private Cli() {
    }

    static Result run(CliEnvironment environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(environment, new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    /** An exit code and what was printed. */
    record Result(int exitCode, String out, String err) {

        List<String> errLines() {
            return Arrays.stream(err.split("\\R")).filter(l -> !l.isEmpty()).toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
