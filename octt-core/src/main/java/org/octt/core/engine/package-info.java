/**
 * The step engine: {@link org.octt.core.engine.Engine} runs a {@link org.octt.core.engine.RunPlan}
 * and streams {@link org.octt.core.engine.RunEvent}s ending with a
 * {@link org.octt.core.engine.RunResult}.
 *
 * <h2>Compatibility</h2>
 * {@link org.octt.core.engine.TestCaseResult} and {@link org.octt.core.engine.StepResult} are final
 * classes made with static factories, so that they can grow without breaking embedders. The
 * {@link org.octt.core.engine.RunEvent} subtypes stay records: each is a fixed envelope (when,
 * which target and test case) around a value that grows on its own ({@code CheckResult},
 * {@code StepResult}, {@code TestCaseResult}, {@code RunResult}), so a new attribute goes into the
 * carried value, never into the event; and records let a consumer match the sealed event type
 * exhaustively. {@link org.octt.core.engine.RunPlan} and {@link org.octt.core.engine.RunResult}
 * are classes too ({@code RunPlan.of}, {@code RunResult.of}).
 */
package org.octt.core.engine;
