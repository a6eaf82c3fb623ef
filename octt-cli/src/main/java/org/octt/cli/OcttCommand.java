package org.octt.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** The top-level {@code octt} command; the subcommands are registered in {@link Main#commandLine}. */
@Command(name = "octt", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Open compliance testing for OCPP: run test cases against a Central System.",
        synopsisSubcommandLabel = "COMMAND",
        footerHeading = "%nExit codes:%n",
        footer = {"  0  every test case PASSED", "  1  one or more FAILED",
            "  2  usage or configuration error (nothing ran)", "  3  one or more INCONCLUSIVE and none FAILED",
            "  4  internal error (run with --verbose for the stack trace)",
            "", "See docs/cli.md."})
final class OcttCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** {@code octt} alone: the usage help on stderr, exit code 2. */
    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a command is required: " + String.join(", ", spec.subcommands().keySet()));
    }
}
