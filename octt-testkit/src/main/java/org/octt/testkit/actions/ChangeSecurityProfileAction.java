package org.octt.testkit.actions;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.octt.testkit.CentralSystemAction;
import org.octt.testkit.Fault;
import org.octt.testkit.RunningCentralSystem;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.Objects;

/**
 * {@value #ACTION_ID}: what a Central System's operator does to raise a Charge Point's security
 * profile, in one play: ChangeConfiguration.req {@code SecurityProfile} with the next profile up (the
 * parameter {@value #PROFILE_PARAMETER}, else the one above the profile the Charge Point must use now)
 * and, once it is Accepted, Reset.req {@code Hard}. From the Accepted answer on, the reference Central
 * System requires the new profile of that Charge Point
 * ({@link RunningCentralSystem#requireSecurityProfile}): under 3 its old profile (Basic auth without a
 * client certificate) is refused.
 *
 * <p>Faults: {@link Fault#SECURITY_PROFILE_NOT_RAISED} sends the current profile;
 * {@link Fault#NEW_PROFILE_REFUSED} keeps requiring the old profile; {@link Fault#OLD_PROFILE_ACCEPTED}
 * accepts both.
 */
public final class ChangeSecurityProfileAction implements CentralSystemAction {

    /** The operator action id of TC_083_CSMS. */
    public static final String ACTION_ID = "TC_083_CSMS.change-security-profile";
    /** The action parameter naming the profile to set. */
    public static final String PROFILE_PARAMETER = "securityProfile";

    @Override
    public String actionId() {
        return ACTION_ID;
    }

    /** Sends ChangeConfiguration and, once accepted, Reset Hard; emits one line saying what was done. */
    public Mono<String> perform(RunningCentralSystem cs, String chargePointId, Map<String, String> parameters) {
        Objects.requireNonNull(cs, "cs");
        Objects.requireNonNull(chargePointId, "chargePointId");
        Objects.requireNonNull(parameters, "parameters");
        return Mono.defer(() -> {
            int current = cs.requiredSecurityProfile(chargePointId).orElse(cs.securityProfile());
            int next = parameters.containsKey(PROFILE_PARAMETER) ? parse(parameters.get(PROFILE_PARAMETER)) : current + 1;
            int sentProfile = cs.faults().contains(Fault.SECURITY_PROFILE_NOT_RAISED) ? current : next;
            ObjectNode payload = JsonNodeFactory.instance.objectNode().put("key", "SecurityProfile")
                    .put("value", Integer.toString(sentProfile));
            String sent = "sent ChangeConfiguration.req SecurityProfile=" + sentProfile + " to " + chargePointId;
            return cs.send(chargePointId, "ChangeConfiguration", payload)
                    .timeout(ChangeAuthorizationKeyAction.ANSWER_TIMEOUT)
                    .flatMap(answer -> {
                        if (!Actions.status(answer).equals("Accepted")) {
                            return Mono.just(sent + ": " + Actions.describe(answer) + "; no Reset sent");
                        }
                        String required;
                        if (cs.faults().contains(Fault.NEW_PROFILE_REFUSED)) {
                            required = "fault " + Fault.NEW_PROFILE_REFUSED.id() + ": the old profile is still required";
                        } else {
                            cs.requireSecurityProfile(chargePointId, sentProfile);
                            required = chargePointId + " must connect with security profile " + sentProfile
                                    + " from now on" + (cs.faults().contains(Fault.OLD_PROFILE_ACCEPTED)
                                    ? " (fault " + Fault.OLD_PROFILE_ACCEPTED.id() + ": the old one is still accepted)" : "");
                        }
                        return cs.send(chargePointId, "Reset", JsonNodeFactory.instance.objectNode().put("type", "Hard"))
                                .timeout(ChangeAuthorizationKeyAction.ANSWER_TIMEOUT)
                                .map(reset -> sent + ": Accepted; sent Reset.req Hard: " + Actions.describe(reset)
                                        + "; " + required);
                    });
        });
    }

    private static int parse(String value) {
        if (value == null || !value.matches("[1-3]")) {
            throw new IllegalArgumentException("the parameter " + PROFILE_PARAMETER + " must be 1, 2 or 3, was: '"
                    + value + "'");
        }
        return Integer.parseInt(value);
    }
}
