package org.octt.security16;

import org.octt.core.spi.CheckResult;
import org.octt.core.spi.OperatorAction;
import org.octt.core.spi.TestContext;
import org.octt.ocpp.cp.ChargePointSession;
import org.octt.ocpp.cp.ExpectedCall;
import org.octt.ocpp.cp.Ocpp16Checks;
import org.octt.ocpp.j.CallResponder;
import reactor.core.publisher.Mono;

/** Waiting for a CALL the Central System sends when someone makes it (an operator action). */
final class OperatorActions {

    private OperatorActions() {
    }

    /**
     * Starts waiting for {@code awaitedCall} (answered with {@code answer}), then asks for the
     * operator action {@code name} with {@code text}, within the context's action timeout.
     */
    static Mono<ExpectedCall> awaitCall(TestContext context, ChargePointSession cp, String name, String awaitedCall,
                                        String text, CallResponder answer) {
        OperatorAction action = OperatorAction.of(name, text, awaitedCall, context.timeouts().action());
        return cp.expectCall(context, action, answer);
    }

    /** INCONCLUSIVE naming the action: the CALL did not come; nobody acting is never a failure of the Central System. */
    static CheckResult notReceived(String checkId, ExpectedCall outcome) {
        return Ocpp16Checks.notReceived(checkId, outcome)
                .orElseThrow(() -> new IllegalArgumentException("the CALL was received: " + outcome.message()));
    }
}
