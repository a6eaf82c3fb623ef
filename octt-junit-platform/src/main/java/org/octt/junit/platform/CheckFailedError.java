package org.octt.junit.platform;

import org.opentest4j.AssertionFailedError;

/**
 * A check that FAILED: its message is the check's message. It has no stack trace: where it was
 * made (the engine's reporting loop) says nothing about the Central System.
 */
public final class CheckFailedError extends AssertionFailedError {

    private static final long serialVersionUID = 1L;

    CheckFailedError(String message) {
        super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
