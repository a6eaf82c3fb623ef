package org.octt.core.spi;

import reactor.core.publisher.Mono;

/**
 * Handles the {@link OperatorAction}s of a run: the CLI's {@code --action-hook} runs a command, the
 * demo lets the reference Central System act, an embedder calls its Central System's API. The
 * default leaves each action to a person ({@link ActionOutcome#leftToOperator()}).
 *
 * <p>{@link #handle} is called once per action, from the thread of the step that asked; the returned
 * {@code Mono} must not block that thread, should end by the action's deadline (the engine bounds it
 * there and reports {@link ActionOutcome#failed} when it does not) and must never hold a secret in its
 * outcome.
 */
@FunctionalInterface
public interface ActionHandler {

    /** Triggers, or announces, the action. */
    Mono<ActionOutcome> handle(OperatorAction action);

    /** Leaves every action to a person. */
    static ActionHandler leftToOperator() {
        return action -> Mono.just(ActionOutcome.leftToOperator());
    }
}
