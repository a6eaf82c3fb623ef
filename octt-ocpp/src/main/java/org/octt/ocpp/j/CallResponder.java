package org.octt.ocpp.j;

/**
 * Decides the answer to each CALL the Central System sends the Charge Point. {@link OcppJSession}
 * sends the answer at once: OCPP-J requires every CALL to be answered, and a Central System may wait
 * for the answer before it answers the Charge Point's own CALL (e.g. BootNotification).
 *
 * <p>Called on the connection's Netty event loop: implementations must answer at once, must not
 * block, and must be thread-safe. A responder that throws is answered for with CALLERROR
 * {@code InternalError}.
 *
 * <p>Replace single answers and keep the rest:
 * <pre>{@code
 * CallResponder defaults = ChargePointResponder.defaults();
 * CallResponder mine = call -> call.action().equals("Reset")
 *         ? CallAnswer.status("Accepted") : defaults.answer(call);
 * }</pre>
 */
@FunctionalInterface
public interface CallResponder {

    /** The answer to {@code call}; never null. */
    CallAnswer answer(IncomingCall call);
}
