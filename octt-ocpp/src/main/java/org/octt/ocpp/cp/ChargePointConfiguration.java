package org.octt.ocpp.cp;

import com.fasterxml.jackson.databind.JsonNode;
import org.octt.core.spi.TestContext;
import org.octt.ocpp.j.CallAnswer;
import org.octt.ocpp.j.IncomingCall;
import org.octt.ocpp.v16.message.ConfigurationStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The security configuration keys of the simulated Charge Point, with the rules a Charge Point
 * applies when the Central System changes them with ChangeConfiguration.req:
 * <ul>
 *   <li>{@value #AUTHORIZATION_KEY}: see {@link AuthorizationKey} (16 to 20 characters of text, or 32
 *       to 40 hex digits); anything else is Rejected. A secret: never shown.</li>
 *   <li>{@value #SECURITY_PROFILE}: an integer 0 to 3, higher than the current profile (a Charge Point
 *       never lowers it); 2 and 3 only with a CentralSystemRootCertificate installed (the trust
 *       anchors), 3 only with a ChargePointCertificate (the client key material); anything else is
 *       Rejected.</li>
 *   <li>any other key: NotSupported.</li>
 * </ul>
 * An accepted value takes effect at once in this object; the test case reconnects with it (a real
 * Charge Point would after its reboot). Every change is recorded with its reason
 * ({@link #changes()}). Thread-safe: {@link #answer(IncomingCall)} runs on an event loop and never
 * blocks.
 */
public final class ChargePointConfiguration {

    /** The Basic auth password's key. */
    public static final String AUTHORIZATION_KEY = "AuthorizationKey";
    /** The security profile's key. */
    public static final String SECURITY_PROFILE = "SecurityProfile";

    private final boolean centralSystemRootInstalled;
    private final boolean chargePointCertificateInstalled;
    private final List<ConfigurationChange> changes = new ArrayList<>();
    private int securityProfile;
    private AuthorizationKey authorizationKey;

    private ChargePointConfiguration(int securityProfile, AuthorizationKey authorizationKey,
                                     boolean centralSystemRootInstalled, boolean chargePointCertificateInstalled) {
        this.securityProfile = securityProfile;
        this.authorizationKey = authorizationKey;
        this.centralSystemRootInstalled = centralSystemRootInstalled;
        this.chargePointCertificateInstalled = chargePointCertificateInstalled;
    }

    /**
     * A configuration of security profile {@code securityProfile} (0 to 3) with this key (none when
     * null), and whether a CentralSystemRootCertificate and a ChargePointCertificate are installed.
     */
    public static ChargePointConfiguration of(int securityProfile, AuthorizationKey authorizationKey,
                                              boolean centralSystemRootInstalled,
                                              boolean chargePointCertificateInstalled) {
        if (securityProfile < 0 || securityProfile > 3) {
            throw new IllegalArgumentException("a security profile is 0 to 3, was: " + securityProfile);
        }
        return new ChargePointConfiguration(securityProfile, authorizationKey, centralSystemRootInstalled,
                chargePointCertificateInstalled);
    }

    /**
     * The configuration a context describes: its security profile, its Basic auth password as the
     * AuthorizationKey (none when it is not a valid one), a CentralSystemRootCertificate when trust
     * anchors are configured, a ChargePointCertificate when client key material is.
     */
    public static ChargePointConfiguration from(TestContext context) {
        Objects.requireNonNull(context, "context");
        AuthorizationKey key = context.basicAuthPassword()
                .filter(p -> AuthorizationKey.problem(p.reveal()).isEmpty())
                .map(AuthorizationKey::of)
                .orElse(null);
        return of(context.securityProfile().number(), key, !context.trustAnchors().isEmpty(),
                context.clientKeyMaterial().isPresent());
    }

    /** The security profile configured now. */
    public synchronized int securityProfile() {
        return securityProfile;
    }

    /** The AuthorizationKey configured now, if any. */
    public synchronized Optional<AuthorizationKey> authorizationKey() {
        return Optional.ofNullable(authorizationKey);
    }

    /** The changes asked so far, in order, each with its status and reason. */
    public synchronized List<ConfigurationChange> changes() {
        return List.copyOf(changes);
    }

    /** The latest change asked of {@code key}, if any. */
    public synchronized Optional<ConfigurationChange> lastChange(String key) {
        for (int i = changes.size() - 1; i >= 0; i--) {
            if (changes.get(i).key().equals(key)) {
                return Optional.of(changes.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * Applies ChangeConfiguration {@code key} = {@code value} by the rules above and records it.
     *
     * @return the status and its reason (never the value of {@value #AUTHORIZATION_KEY})
     */
    public synchronized ConfigurationChange change(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        ConfigurationChange change = switch (key) {
            case AUTHORIZATION_KEY -> changeAuthorizationKey(value);
            case SECURITY_PROFILE -> changeSecurityProfile(value);
            default -> new ConfigurationChange(key, ConfigurationStatus.NotSupported, Optional.empty(),
                    "this Charge Point has no configuration key " + key + " that can be changed");
        };
        changes.add(change);
        return change;
    }

    private ConfigurationChange changeAuthorizationKey(String value) {
        Optional<String> problem = AuthorizationKey.problem(value);
        if (problem.isPresent()) {
            return new ConfigurationChange(AUTHORIZATION_KEY, ConfigurationStatus.Rejected, Optional.empty(),
                    problem.get());
        }
        authorizationKey = AuthorizationKey.of(value);
        return new ConfigurationChange(AUTHORIZATION_KEY, ConfigurationStatus.Accepted, Optional.empty(),
                "a valid AuthorizationKey: " + authorizationKey.describe());
    }

    private ConfigurationChange changeSecurityProfile(String value) {
        String shown = value.length() > 10 ? value.substring(0, 10) + "…" : value;
        if (!value.matches("[0-9]{1,9}") || Integer.parseInt(value) > 3) {
            return new ConfigurationChange(SECURITY_PROFILE, ConfigurationStatus.Rejected, Optional.of(shown),
                    "'" + shown + "' is not a security profile (0 to 3)");
        }
        int asked = Integer.parseInt(value);
        String reason = null;
        if (asked <= securityProfile) {
            reason = "security profile " + asked + " is not above the current " + securityProfile
                    + "; a Charge Point only raises its security profile, never lowers or repeats it";
        } else if (asked >= 2 && !centralSystemRootInstalled) {
            reason = "security profile " + asked + " needs a CentralSystemRootCertificate installed, and none is";
        } else if (asked == 3 && !chargePointCertificateInstalled) {
            reason = "security profile 3 needs a ChargePointCertificate installed, and none is";
        }
        if (reason != null) {
            return new ConfigurationChange(SECURITY_PROFILE, ConfigurationStatus.Rejected, Optional.of(value), reason);
        }
        int old = securityProfile;
        securityProfile = asked;
        return new ConfigurationChange(SECURITY_PROFILE, ConfigurationStatus.Accepted, Optional.of(value),
                "security profile " + old + " raised to " + asked + "; it takes effect on the next connection");
    }

    /**
     * The answer to a ChangeConfiguration CALL, applying it: CALLRESULT {@code {"status": ...}}, or
     * CALLERROR FormationViolation when key or value is missing or not a string. For
     * {@code ChargePointSession.expectCall(..., configuration::answer)}.
     */
    public CallAnswer answer(IncomingCall call) {
        JsonNode key = call.payload().get("key");
        JsonNode value = call.payload().get("value");
        if (key == null || !key.isTextual() || value == null || !value.isTextual()) {
            return CallAnswer.error("FormationViolation", "ChangeConfiguration.req needs the strings key and value");
        }
        return CallAnswer.status(change(key.textValue(), value.textValue()).status().name());
    }

    @Override
    public synchronized String toString() {
        return "ChargePointConfiguration[securityProfile=" + securityProfile + ", authorizationKey="
                + (authorizationKey == null ? "none" : authorizationKey.describe()) + "]";
    }

    /**
     * One ChangeConfiguration asked of the Charge Point and how it answered.
     *
     * @param key    the configuration key
     * @param status Accepted, Rejected or NotSupported
     * @param value  the value when it may be shown (never for {@value #AUTHORIZATION_KEY})
     * @param reason why, in a sentence that never holds a secret
     */
    public record ConfigurationChange(String key, ConfigurationStatus status, Optional<String> value, String reason) {
        public ConfigurationChange {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(reason, "reason");
        }

        /** Whether the change was Accepted. */
        public boolean accepted() {
            return status == ConfigurationStatus.Accepted;
        }
    }
}
