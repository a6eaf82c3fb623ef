package org.octt.testkit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * How the {@link ReferenceCentralSystem} answers the CALLs of one action (see {@link
 * ReferenceCentralSystem.Builder#answer(String, CallHandler)}): a function of the received CALL.
 * It runs on the server's event loop: it must not block. An exception it throws is answered with a
 * CALLERROR InternalError naming it.
 *
 * <pre>{@code
 * .answer("BootNotification", CallHandler.bootNotification("Pending"))
 * .answer("Authorize", call -> call.session() == 1 ? Reply.none() : Reply.standard())
 * .answer("Heartbeat", CallHandler.always(Reply.error("InternalError", "busy")))
 * }</pre>
 */
@FunctionalInterface
public interface CallHandler {

    /** The answer to {@code call}. */
    Reply answer(ReceivedCall call);

    /** The reference Central System's own answer, {@link Reply#standard()}. */
    static CallHandler standard() {
        return call -> Reply.standard();
    }

    /** Always this reply. */
    static CallHandler always(Reply reply) {
        Objects.requireNonNull(reply, "reply");
        return call -> reply;
    }

    /**
     * BootNotification.conf with this status ({@code Accepted}, {@code Pending} or {@code Rejected};
     * any text is sent as given), the current time and an interval of 300 s; a BootNotification.req
     * with a {@link ReceivedCall#problem() problem} gets the standard ProtocolError.
     */
    static CallHandler bootNotification(String status) {
        Objects.requireNonNull(status, "status");
        Clock clock = Clock.systemUTC();
        return call -> {
            if (call.problem().isPresent()) {
                return Reply.standard();
            }
            ObjectNode conf = JsonNodeFactory.instance.objectNode();
            conf.put("currentTime", DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.MILLIS)));
            conf.put("interval", ReferenceCentralSystem.HEARTBEAT_INTERVAL_SECONDS);
            conf.put("status", status);
            return Reply.result(conf);
        };
    }

    /** A CALLERROR with this code and description for a well-formed CALL; the standard answer otherwise. */
    static CallHandler errorWhenWellFormed(String errorCode, String description) {
        Reply error = Reply.error(errorCode, description);
        return call -> call.problem().isPresent() ? Reply.standard() : error;
    }
}
