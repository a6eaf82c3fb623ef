package org.octt.testkit.actions;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.octt.testkit.CentralSystemAction;
import org.octt.testkit.Fault;
import org.octt.testkit.RunningCentralSystem;
import reactor.core.publisher.Mono;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * {@value #ACTION_ID}: what a Central System's operator does to give a Charge Point a new Basic auth
 * password. The reference Central System generates a fresh AuthorizationKey of 40 hex digits (20
 * random bytes), sends ChangeConfiguration.req with it and, once the Charge Point answered Accepted,
 * accepts only the new password (the 20 bytes) for that Charge Point. The key is never shown.
 *
 * <p>Faults: {@link Fault#AUTHORIZATION_KEY_INVALID} sends 24 hex digits instead;
 * {@link Fault#NEW_PASSWORD_REFUSED} keeps the old password; {@link Fault#OLD_PASSWORD_ACCEPTED}
 * accepts both.
 */
public final class ChangeAuthorizationKeyAction implements CentralSystemAction {

    /** The operator action id of TC_073_CSMS. */
    public static final String ACTION_ID = "TC_073_CSMS.change-authorization-key";

    /** How long the Charge Point has to answer. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final SecureRandom random = new SecureRandom();

    @Override
    public String actionId() {
        return ACTION_ID;
    }

    /** Sends the new key to {@code chargePointId}; emits one line saying what was done, never the key. */
    public Mono<String> perform(RunningCentralSystem cs, String chargePointId, Map<String, String> parameters) {
        Objects.requireNonNull(cs, "cs");
        Objects.requireNonNull(chargePointId, "chargePointId");
        return Mono.defer(() -> {
            boolean invalid = cs.faults().contains(Fault.AUTHORIZATION_KEY_INVALID);
            byte[] password = new byte[invalid ? 12 : 20];
            random.nextBytes(password);
            String value = HexFormat.of().withUpperCase().formatHex(password);
            ObjectNode payload = JsonNodeFactory.instance.objectNode().put("key", "AuthorizationKey").put("value", value);
            String sent = "sent ChangeConfiguration.req AuthorizationKey with a new value (" + value.length()
                    + " hex digits) to " + chargePointId;
            return cs.send(chargePointId, "ChangeConfiguration", payload)
                    .timeout(ANSWER_TIMEOUT)
                    .map(answer -> {
                        String status = Actions.status(answer);
                        if (!status.equals("Accepted")) {
                            return sent + ": " + Actions.describe(answer) + "; the password is unchanged";
                        }
                        if (cs.faults().contains(Fault.NEW_PASSWORD_REFUSED)) {
                            return sent + ": Accepted; fault " + Fault.NEW_PASSWORD_REFUSED.id()
                                    + ": the old password is still the one expected";
                        }
                        cs.changePassword(chargePointId, password);
                        return sent + ": Accepted; the new password is the one expected from now on"
                                + (cs.faults().contains(Fault.OLD_PASSWORD_ACCEPTED)
                                ? " (fault " + Fault.OLD_PASSWORD_ACCEPTED.id() + ": the old one too)" : "");
                    });
        });
    }
}
