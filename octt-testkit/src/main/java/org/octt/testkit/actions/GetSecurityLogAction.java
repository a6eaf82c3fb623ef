package org.octt.testkit.actions;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.octt.testkit.CentralSystemAction;
import org.octt.testkit.Fault;
import org.octt.testkit.RunningCentralSystem;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TC_079_CSMS's operator action {@value #ID}: the reference Central System sends GetLog.req with
 * logType SecurityLog ({@link Fault#GET_LOG_WRONG_TYPE}: DiagnosticsLog), the parameter
 * {@code remoteLocation} as log.remoteLocation ({@value #DEFAULT_REMOTE_LOCATION}{@code <ChargePointId>}
 * when none is given) and a requestId counting from 1. It answers the LogStatusNotification.req that
 * follow with {@code {}} ({@link Fault#LOG_STATUS_NOT_ANSWERED}: not at all).
 */
public final class GetSecurityLogAction implements CentralSystemAction {

    /** The operator action id. */
    public static final String ID = "TC_079_CSMS.get-security-log";
    /** Where the log is to go when the card names no place (nothing is uploaded there). */
    public static final String DEFAULT_REMOTE_LOCATION = "https://csms.octt.test/logs/";

    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final AtomicInteger requestIds = new AtomicInteger();

    @Override
    public String actionId() {
        return ID;
    }

    @Override
    public Mono<String> perform(RunningCentralSystem cs, String chargePointId, Map<String, String> parameters) {
        Objects.requireNonNull(cs, "cs");
        Objects.requireNonNull(chargePointId, "chargePointId");
        String logType = cs.faults().contains(Fault.GET_LOG_WRONG_TYPE) ? "DiagnosticsLog" : "SecurityLog";
        String remoteLocation = parameters.getOrDefault("remoteLocation", DEFAULT_REMOTE_LOCATION + chargePointId);
        int requestId = requestIds.incrementAndGet();
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.putObject("log").put("remoteLocation", remoteLocation);
        payload.put("logType", logType);
        payload.put("requestId", requestId);
        return cs.connected(chargePointId).timeout(ANSWER_TIMEOUT)
                .then(cs.send(chargePointId, "GetLog", payload).timeout(ANSWER_TIMEOUT))
                .map(answer -> "sent GetLog.req (logType " + logType + ", requestId " + requestId + ", log.remoteLocation "
                        + remoteLocation + ") to " + chargePointId + "; it answered " + answer.frame());
    }

    @Override
    public String toString() {
        return "GetSecurityLogAction[" + ID + "]";
    }
}
