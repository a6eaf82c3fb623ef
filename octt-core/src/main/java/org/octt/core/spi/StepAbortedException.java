package org.octt.core.spi;

/**
 * Signalled by a step that cannot go on at all (connection refused, no TLS answer): the engine
 * reports the step {@link Verdict#INCONCLUSIVE} with this message and skips the later steps.
 */
public class StepAbortedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StepAbortedException(String message) {
        super(message);
    }

    public StepAbortedException(String message, Throwable cause) {
        super(message, cause);
    }
}
