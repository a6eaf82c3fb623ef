package org.octt.junit.platform;

import org.octt.core.spi.Verdict;
import org.opentest4j.TestAbortedException;

/**
 * A check that was SKIPPED or INCONCLUSIVE, or a test case that did not run: the platform reports
 * it aborted, with the reason as message. No stack trace (see {@link CheckFailedError}).
 */
public final class CheckAbortedException extends TestAbortedException {

    private static final long serialVersionUID = 1L;

    private final Verdict verdict;

    CheckAbortedException(Verdict verdict, String reason) {
        super(reason);
        this.verdict = verdict;
    }

    /** {@link Verdict#SKIPPED} or {@link Verdict#INCONCLUSIVE}. */
    public Verdict verdict() {
        return verdict;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
