package org.octt.core.spi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One validation reported by a step: a stable id, a verdict, a human message and structured
 * evidence. Immutable.
 *
 * <p>The message is the product: it says what was expected, what was seen and what to change.
 * Evidence values must be JSON-friendly: {@link String}, {@link Number}, {@link Boolean},
 * {@link List} or {@link Map} of those. Evidence and messages must never hold a secret (a password,
 * a private key).
 *
 * <p>A final class rather than a record, so that it can grow (a new attribute gets a new
 * {@code with...} method) without breaking plugins compiled against this version: make one with
 * {@link #of}, {@link #passed}, {@link #failed}, {@link #skipped} or {@link #inconclusive} and add
 * to it with the {@code with...} methods. Two results are equal when all their attributes are.
 */
public final class CheckResult {

    private final String id;
    private final Verdict verdict;
    private final String message;
    private final List<String> warnings;
    private final Map<String, Object> evidence;

    private CheckResult(String id, Verdict verdict, String message, List<String> warnings,
                        Map<String, Object> evidence) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(message, "message");
        if (id.isBlank()) {
            throw new IllegalArgumentException("check id must not be blank");
        }
        this.id = id;
        this.verdict = verdict;
        this.message = message;
        this.warnings = List.copyOf(warnings);
        this.evidence = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }

    /**
     * A result without warnings or evidence.
     *
     * @param id      stable check id, e.g. {@code tls.version}; reports and other tools rely on it;
     *                not blank
     * @param verdict the verdict
     * @param message what was expected, what was seen, what to change
     */
    public static CheckResult of(String id, Verdict verdict, String message) {
        return new CheckResult(id, verdict, message, List.of(), Map.of());
    }

    public static CheckResult passed(String id, String message) {
        return of(id, Verdict.PASSED, message);
    }

    public static CheckResult failed(String id, String message) {
        return of(id, Verdict.FAILED, message);
    }

    public static CheckResult skipped(String id, String reason) {
        return of(id, Verdict.SKIPPED, reason);
    }

    public static CheckResult inconclusive(String id, String reason) {
        return of(id, Verdict.INCONCLUSIVE, reason);
    }

    /** A copy with one more warning. */
    public CheckResult withWarning(String warning) {
        List<String> w = new ArrayList<>(warnings);
        w.add(Objects.requireNonNull(warning, "warning"));
        return new CheckResult(id, verdict, message, w, evidence);
    }

    /** A copy with these warnings added. */
    public CheckResult withWarnings(List<String> more) {
        List<String> w = new ArrayList<>(warnings);
        w.addAll(more);
        return new CheckResult(id, verdict, message, w, evidence);
    }

    /** A copy with one more evidence entry (replacing an entry of the same key). */
    public CheckResult withEvidence(String key, Object value) {
        Map<String, Object> e = new LinkedHashMap<>(evidence);
        e.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return new CheckResult(id, verdict, message, warnings, e);
    }

    /** A copy with these evidence entries added. */
    public CheckResult withEvidence(Map<String, ?> more) {
        Map<String, Object> e = new LinkedHashMap<>(evidence);
        e.putAll(more);
        return new CheckResult(id, verdict, message, warnings, e);
    }

    /** A copy with another message (warnings and evidence kept). */
    public CheckResult withMessage(String message) {
        return new CheckResult(id, verdict, message, warnings, evidence);
    }

    /** The stable check id, e.g. {@code tls.version}; reports and other tools rely on it. */
    public String id() {
        return id;
    }

    /** The verdict. */
    public Verdict verdict() {
        return verdict;
    }

    /** What was expected, what was seen, what to change. */
    public String message() {
        return message;
    }

    /** Remarks that do not change the verdict (e.g. "also accepts TLS 1.1"), unmodifiable. */
    public List<String> warnings() {
        return warnings;
    }

    /** Structured facts behind the verdict, insertion-ordered, unmodifiable. */
    public Map<String, Object> evidence() {
        return evidence;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CheckResult c && id.equals(c.id) && verdict == c.verdict && message.equals(c.message)
                && warnings.equals(c.warnings) && evidence.equals(c.evidence);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, verdict, message, warnings, evidence);
    }

    @Override
    public String toString() {
        return "CheckResult[id=" + id + ", verdict=" + verdict + ", message=" + message + ", warnings=" + warnings
                + ", evidence=" + evidence + "]";
    }
}
