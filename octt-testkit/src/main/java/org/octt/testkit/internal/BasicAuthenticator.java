package org.octt.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;

/**
 * Checks the Basic credentials of an upgrade request against an {@link org.octt.testkit.AuthPolicy}:
 * the user must be the Charge Point id of the path and {@code accepts} must accept the pair; after
 * {@code lockAfter} failures for a Charge Point id (0: never) it is locked. Thread-safe.
 */
public final class BasicAuthenticator {

    /** What a request gets. */
    public enum Outcome {
        ACCEPTED, REFUSED, LOCKED
    }

    private final BiPredicate<String, byte[]> accepts;
    private final int lockAfter;
    private final boolean missingAccepted;
    private final boolean anyUser;
    private final ConcurrentHashMap<String, AtomicInteger> failures = new ConcurrentHashMap<>();

    /** @param accepts whether a (user, UTF-8 password) pair is accepted, the user being the path's Charge Point id */
    public BasicAuthenticator(BiPredicate<String, byte[]> accepts, int lockAfter) {
        this(accepts, lockAfter, false, false);
    }

    /**
     * @param accepts         whether a (Charge Point id, UTF-8 password) pair is accepted
     * @param missingAccepted whether a request without an Authorization header is accepted (a fault)
     * @param anyUser         whether the user name may differ from the path's Charge Point id (a fault)
     */
    public BasicAuthenticator(BiPredicate<String, byte[]> accepts, int lockAfter, boolean missingAccepted,
                              boolean anyUser) {
        this.accepts = accepts;
        this.lockAfter = lockAfter;
        this.missingAccepted = missingAccepted;
        this.anyUser = anyUser;
    }

    public Outcome check(String authorization, String chargePointId) {
        AtomicInteger failed = failures.computeIfAbsent(chargePointId, id -> new AtomicInteger());
        if (lockAfter > 0 && failed.get() >= lockAfter) {
            return Outcome.LOCKED;
        }
        if (authorization == null && missingAccepted) {
            return Outcome.ACCEPTED;
        }
        Optional<Credentials> credentials = basicCredentials(authorization);
        boolean ok = credentials.isPresent() && (anyUser || credentials.get().user().equals(chargePointId))
                && accepts.test(chargePointId, credentials.get().password());
        if (ok) {
            return Outcome.ACCEPTED;
        }
        failed.incrementAndGet();
        return Outcome.REFUSED;
    }

    /** The user name (UTF-8) and the password as the bytes sent: a password need not be UTF-8 (a hex AuthorizationKey). */
    private record Credentials(String user, byte[] password) {
    }

    private static Optional<Credentials> basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(authorization.substring(6).trim());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = -1;
        for (int i = 0; i < decoded.length && colon < 0; i++) {
            if (decoded[i] == ':') {
                colon = i;
            }
        }
        if (colon < 0) {
            return Optional.empty();
        }
        return Optional.of(new Credentials(new String(decoded, 0, colon, StandardCharsets.UTF_8),
                Arrays.copyOfRange(decoded, colon + 1, decoded.length)));
    }
}
