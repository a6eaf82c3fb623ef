package org.octt.core.plugin;

/** Two discovered test cases share one id; the message names both classes. */
public class DuplicateTestCaseException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public DuplicateTestCaseException(String message) {
        super(message);
    }
}
