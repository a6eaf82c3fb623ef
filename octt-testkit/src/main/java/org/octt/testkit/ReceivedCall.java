package org.octt.testkit;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;
import java.util.Optional;

/**
 * A well-formed OCPP-J CALL the {@link ReferenceCentralSystem} received from a Charge Point, as a
 * {@link CallHandler} sees it. Immutable.
 */
public final class ReceivedCall {

    private final int session;
    private final String chargePointId;
    private final String uniqueId;
    private final String action;
    private final JsonNode payload;
    private final Optional<String> problem;

    /**
     * @param session       the WebSocket session's number on this server, from 1, in order of upgrade
     * @param chargePointId the Charge Point id of the session's request path
     * @param uniqueId      the CALL's UniqueId
     * @param action        the CALL's Action
     * @param payload       the CALL's payload (a JSON object; copied)
     * @param problem       why the reference Central System's standard answer would refuse it, e.g.
     *                      {@code BootNotification.req lacks chargePointModel}; empty when well-formed
     */
    public ReceivedCall(int session, String chargePointId, String uniqueId, String action, JsonNode payload,
            Optional<String> problem) {
        this.session = session;
        this.chargePointId = Objects.requireNonNull(chargePointId, "chargePointId");
        this.uniqueId = Objects.requireNonNull(uniqueId, "uniqueId");
        this.action = Objects.requireNonNull(action, "action");
        this.payload = Objects.requireNonNull(payload, "payload").deepCopy();
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** The WebSocket session's number on this server: 1 for the first upgrade, 2 for the next, ... */
    public int session() {
        return session;
    }

    /** The Charge Point id of the session's request path. */
    public String chargePointId() {
        return chargePointId;
    }

    /** The CALL's UniqueId. */
    public String uniqueId() {
        return uniqueId;
    }

    /** The CALL's Action, e.g. {@code BootNotification}. */
    public String action() {
        return action;
    }

    /** A copy of the CALL's payload, a JSON object. */
    public JsonNode payload() {
        return payload.deepCopy();
    }

    /**
     * Why the standard answer refuses this CALL (missing or mistyped fields of the actions it
     * knows); empty when it is well-formed.
     */
    public Optional<String> problem() {
        return problem;
    }

    @Override
    public String toString() {
        return "ReceivedCall[session=" + session + ", chargePointId=" + chargePointId + ", uniqueId=" + uniqueId
                + ", action=" + action + "]";
    }
}
