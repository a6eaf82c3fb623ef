package org.octt.cli;

/**
 * A usage or configuration error (bad option value, missing file, unknown test case id): exit code
 * {@link ExitCodes#USAGE}. The message names the problem and the value, fits on one line and never
 * holds a secret.
 */
public class UsageException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
