package org.octt.core.engine;

import org.octt.core.spi.Target;

import java.util.Objects;

/**
 * A planned (test case, target) run that did not run, and why: its prerequisites do not apply to
 * the target ({@link Kind#NOT_APPLICABLE}, which does not change the run's verdict), or the run was
 * cancelled before it started ({@link Kind#CANCELLED}).
 *
 * <p>Immutable. Made with the static factories, so that it can grow (a final class, not a record:
 * new properties do not break code built against an older version).
 */
public final class NotRun {

    /** Why a test case did not run. */
    public enum Kind {
        /** Its prerequisites do not apply to the target's configuration; the verdict is unchanged. */
        NOT_APPLICABLE,
        /** The run was cancelled before it started; the run is then {@code INCONCLUSIVE} at best. */
        CANCELLED
    }

    /** The reason of every {@link Kind#CANCELLED} one. */
    public static final String CANCELLED_REASON = "the run was cancelled before this test case started";

    private final String testCaseId;
    private final String title;
    private final Target target;
    private final Kind kind;
    private final String reason;

    private NotRun(String testCaseId, String title, Target target, Kind kind, String reason) {
        this.testCaseId = Objects.requireNonNull(testCaseId, "testCaseId");
        this.title = Objects.requireNonNull(title, "title");
        this.target = Objects.requireNonNull(target, "target");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * A test case whose prerequisites do not apply to the target.
     *
     * @param reason why, as {@link org.octt.core.spi.Prerequisites#whyNotApplicable} says it
     */
    public static NotRun notApplicable(String testCaseId, String title, Target target, String reason) {
        return new NotRun(testCaseId, title, target, Kind.NOT_APPLICABLE, reason);
    }

    /** A test case that had not started when the run was cancelled. */
    public static NotRun cancelled(String testCaseId, String title, Target target) {
        return new NotRun(testCaseId, title, target, Kind.CANCELLED, CANCELLED_REASON);
    }

    public String testCaseId() {
        return testCaseId;
    }

    public String title() {
        return title;
    }

    public Target target() {
        return target;
    }

    public Kind kind() {
        return kind;
    }

    /** Why it did not run, one line. */
    public String reason() {
        return reason;
    }

    /** {@code <id> @ <url>}. */
    public String label() {
        return testCaseId + " @ " + target.url();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NotRun n && testCaseId.equals(n.testCaseId) && title.equals(n.title)
                && target.equals(n.target) && kind == n.kind && reason.equals(n.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(testCaseId, title, target, kind, reason);
    }

    @Override
    public String toString() {
        return "NotRun[" + label() + " " + kind + ": " + reason + "]";
    }
}
