package org.octt.cli;

/**
 * The bounds of the counting options, each with a {@link UsageException} naming the option, the
 * bounds and the value when it is outside them. The upper bounds are far above any real use and
 * keep a typo (or {@code 2147483647}) from opening thousands of connections or looping for ever.
 */
final class Counts {

    /** {@code --concurrency}: test case runs at once, across targets. */
    static final int MAX_CONCURRENCY = 256;
    /** {@code --max-connections}: concurrent connections one test case run opens to its target. */
    static final int MAX_CONNECTIONS = 64;
    /** {@code --connectors}: connectors of the simulated Charge Point (one StatusNotification each). */
    static final int MAX_CONNECTORS = 100;

    private Counts() {
    }

    /** {@code value} when it is {@code min} to {@code max}; a {@link UsageException} otherwise. */
    static int require(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new UsageException(option + " must be " + min + " to " + max + ", was: " + value);
        }
        return value;
    }
}
