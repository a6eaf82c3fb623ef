package org.octt.cli;

import org.octt.core.plugin.DuplicateTestCaseException;
import org.octt.core.spi.Verdict;
import org.octt.tls.cert.PemException;
import picocli.CommandLine;

/**
 * The process exit codes of {@code octt}, and the one place that maps verdicts and exceptions to
 * them (installed as picocli's exit code exception mapper).
 */
public final class ExitCodes {

    /** Every test case PASSED (also: {@code list}, {@code --help}, {@code --version}). */
    public static final int PASSED = 0;
    /** One or more test cases FAILED. */
    public static final int FAILED = 1;
    /** A usage or configuration error: nothing ran. */
    public static final int USAGE = 2;
    /** One or more test cases INCONCLUSIVE and none FAILED. */
    public static final int INCONCLUSIVE = 3;
    /** An unexpected internal error (a bug in octt or a plugin); run with --verbose for the stack trace. */
    public static final int INTERNAL_ERROR = 4;
    /**
     * The run finished but a report (or the metrics file) could not be written, so its outcome is
     * not recorded there; takes precedence over the verdict's code. The other reports were written.
     */
    public static final int REPORT_NOT_WRITTEN = 5;

    private ExitCodes() {
    }

    /** The exit code of a run with this overall verdict. */
    public static int of(Verdict verdict) {
        return switch (verdict) {
            case PASSED -> PASSED;
            case FAILED -> FAILED;
            case INCONCLUSIVE -> INCONCLUSIVE;
            // a run is never SKIPPED as a whole; treat it like "could not be carried out"
            case SKIPPED -> INCONCLUSIVE;
        };
    }

    /** The exit code for an exception that ended the command. */
    public static int of(Throwable error) {
        if (isUsageError(error)) {
            return USAGE;
        }
        return INTERNAL_ERROR;
    }

    /** Whether the exception is the user's to fix (bad option, file, value), not a bug. */
    static boolean isUsageError(Throwable error) {
        return error instanceof CommandLine.ParameterException
                || error instanceof UsageException
                || error instanceof PemException
                || error instanceof DuplicateTestCaseException;
    }

    /** The exception mapper for picocli. */
    static CommandLine.IExitCodeExceptionMapper mapper() {
        return ExitCodes::of;
    }
}
