package org.octt.security16;

import org.octt.core.spi.CheckResult;
import org.octt.core.spi.TestContext;
import org.octt.ocpp.cp.ChargePointSession;
import org.octt.ocpp.cp.ExpectedCall;
import org.octt.ocpp.j.CallResponder;
import reactor.core.publisher.Mono;

import java.time.Duration;

/** Waiting for a CALL the Central System sends when someone makes it (an operator action). */
final class OperatorActions {

    private OperatorActions() {
    }

    /** Waits for {@code awaitedCall}, answering it with {@code answer}. */
    static Mono<ExpectedCall> awaitCall(TestContext context, ChargePointSession cp, String cardId, String name,
                                        String awaitedCall, String text, CallResponder answer) {
        Duration wait = context.timeouts().step().dividedBy(2);
        return cp.expectCall(awaitedCall, wait, answer);
    }

    /** INCONCLUSIVE: the CALL did not come; nobody acting is never a failure of the Central System. */
    static CheckResult notReceived(String checkId, ExpectedCall outcome) {
        return CheckResult.inconclusive(checkId, outcome.message() + "; nobody made the Central System send it");
    }
}
