package org.octt.core.spi;

import java.util.Objects;

/**
 * How the one asked for an {@link OperatorAction} handled it: nobody automated it (a person is asked),
 * something triggered it (a hook exited 0, the reference Central System did it), or triggering it
 * failed (a hook exited non-zero or ran out of time). Whether the Central System then sends the
 * awaited call is for the test case to see. Immutable.
 */
public final class ActionOutcome {

    /** The kinds of outcome. */
    public enum Kind {
        /** No automation: a person is asked and the test case waits. */
        LEFT_TO_OPERATOR,
        /** A hook or handler did what the action asks. */
        TRIGGERED,
        /** A hook or handler tried and failed; {@link #message()} says how. */
        FAILED
    }

    private static final ActionOutcome LEFT = new ActionOutcome(Kind.LEFT_TO_OPERATOR, "left to the operator");

    private final Kind kind;
    private final String message;

    private ActionOutcome(Kind kind, String message) {
        this.kind = kind;
        this.message = message;
    }

    /** Nobody automated the action: a person is asked. */
    public static ActionOutcome leftToOperator() {
        return LEFT;
    }

    /** The action was triggered; {@code detail} says how (e.g. "the action hook exited 0"). */
    public static ActionOutcome triggered(String detail) {
        return new ActionOutcome(Kind.TRIGGERED, Objects.requireNonNull(detail, "detail"));
    }

    /** Triggering the action failed; {@code message} says how (never a secret). */
    public static ActionOutcome failed(String message) {
        return new ActionOutcome(Kind.FAILED, Objects.requireNonNull(message, "message"));
    }

    public Kind kind() {
        return kind;
    }

    public String message() {
        return message;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActionOutcome a && kind == a.kind && message.equals(a.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, message);
    }

    @Override
    public String toString() {
        return "ActionOutcome[" + kind + ": " + message + "]";
    }
}
