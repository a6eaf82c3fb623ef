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
 * @param id       stable check id, e.g. {@code tls.version}; reports and other tools rely on it
 * @param verdict  the verdict
 * @param message  what was expected, what was seen, what to change
 * @param warnings remarks that do not change the verdict (e.g. "also accepts TLS 1.1")
 * @param evidence structured facts behind the verdict, insertion-ordered
 */
public record CheckResult(String id, Verdict verdict, String message, List<String> warnings,
                          Map<String, Object> evidence) {

    public CheckResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(message, "message");
        if (id.isBlank()) {
            throw new IllegalArgumentException("check id must not be blank");
        }
        warnings = List.copyOf(warnings);
        evidence = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }

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
}
