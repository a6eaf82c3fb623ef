package org.octt.testkit.internal;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the reference Central System has changed for each Charge Point since it started: a new Basic
 * auth password (after the Charge Point accepted a new AuthorizationKey) and the security profile it
 * must now connect with (after it accepted a higher SecurityProfile). Thread-safe.
 */
public final class ChargePointAccounts {

    private final ConcurrentHashMap<String, byte[]> passwords = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> profiles = new ConcurrentHashMap<>();

    /** From now on {@code chargePointId}'s password is {@code password} (copied), instead of the handed-out one. */
    public void password(String chargePointId, byte[] password) {
        passwords.put(chargePointId, password.clone());
    }

    /** The password set for {@code chargePointId}, if one was (a copy). */
    public Optional<byte[]> password(String chargePointId) {
        return Optional.ofNullable(passwords.get(chargePointId)).map(byte[]::clone);
    }

    /** From now on {@code chargePointId} must connect with security profile {@code profile}. */
    public void requireProfile(String chargePointId, int profile) {
        profiles.put(chargePointId, profile);
    }

    /** The security profile {@code chargePointId} must connect with, when one was set. */
    public OptionalInt requiredProfile(String chargePointId) {
        Integer p = profiles.get(chargePointId);
        return p == null ? OptionalInt.empty() : OptionalInt.of(p);
    }

    /** Forgets every change: each Charge Point is back to the configured password and profile. */
    public void clear() {
        passwords.clear();
        profiles.clear();
    }
}
