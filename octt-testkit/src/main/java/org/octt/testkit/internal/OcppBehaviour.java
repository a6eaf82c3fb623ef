package org.octt.testkit.internal;

import org.octt.testkit.CallHandler;
import org.octt.testkit.ScheduledCall;

import java.util.List;
import java.util.Map;

/**
 * The OCPP side of a reference Central System's configuration, faults applied: the handler of each
 * action, the handler of other actions, the CALLs it sends on its own, and whether malformed frames
 * are answered.
 */
public record OcppBehaviour(Map<String, CallHandler> answers, CallHandler otherActions, List<ScheduledCall> calls,
        boolean answersMalformedFrames) {

    public OcppBehaviour {
        answers = Map.copyOf(answers);
        calls = List.copyOf(calls);
    }

    /** The handler of {@code action}. */
    public CallHandler handler(String action) {
        return answers.getOrDefault(action, otherActions);
    }
}
