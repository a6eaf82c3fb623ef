package org.octt.junit.platform;

import org.junit.platform.commons.JUnitException;

/**
 * A configuration parameter of the octt engine has a bad value, or one is missing: discovery fails
 * with this. The message is one line naming the parameter ({@code octt.url}, {@code octt.timeout}...)
 * and the value as given (control characters escaped, shortened), never a secret nor the content
 * of a file.
 */
public final class OcttConfigurationException extends JUnitException {

    private static final long serialVersionUID = 1L;

    OcttConfigurationException(String message) {
        super(message);
    }

    OcttConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
