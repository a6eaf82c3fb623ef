package org.octt.core.engine;

import org.octt.core.spi.CheckResult;
import org.octt.core.spi.Verdict;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What one step did: its verdict (combined from its checks, or {@link Verdict#SKIPPED} /
 * {@link Verdict#INCONCLUSIVE} with a reason when it did not run or could not go on), its duration
 * and its checks in the order reported.
 *
 * @param name        the step's name
 * @param description the step's description
 * @param verdict     the step's verdict
 * @param reason      why the step was skipped or inconclusive; empty otherwise
 * @param duration    how long the step ran (zero when skipped)
 * @param checks      the checks it reported
 */
public record StepResult(String name, String description, Verdict verdict, String reason,
                         Duration duration, List<CheckResult> checks) {

    public StepResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(duration, "duration");
        checks = List.copyOf(checks);
    }
}
