package org.octt.core.spi;

/**
 * The verdict of a check, a step or a test case.
 *
 * <p>A test case is {@link #PASSED}, {@link #FAILED} or {@link #INCONCLUSIVE}; a check may also be
 * {@link #SKIPPED} (it could not be evaluated because an earlier step did not leave what it needs,
 * or because evaluating it would have been unsafe, e.g. sending credentials to an untrusted server).
 */
public enum Verdict {
    /** The requirement is met. */
    PASSED,
    /** The requirement is not met; the message says why. */
    FAILED,
    /** The check was not evaluated; the message says why. Never used for a whole test case. */
    SKIPPED,
    /** The check or test case could not be carried out (unreachable target, timeout). */
    INCONCLUSIVE;

    /**
     * Combines the verdicts of the checks of a test case: any {@code FAILED} makes it
     * {@code FAILED}; otherwise any {@code INCONCLUSIVE} makes it {@code INCONCLUSIVE}; otherwise
     * it is {@code PASSED} ({@code SKIPPED} checks alone do not fail a test case).
     */
    public static Verdict combine(Iterable<Verdict> verdicts) {
        boolean inconclusive = false;
        for (Verdict v : verdicts) {
            if (v == FAILED) {
                return FAILED;
            }
            if (v == INCONCLUSIVE) {
                inconclusive = true;
            }
        }
        return inconclusive ? INCONCLUSIVE : PASSED;
    }
}
