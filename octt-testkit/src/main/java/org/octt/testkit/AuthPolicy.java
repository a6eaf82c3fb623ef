package org.octt.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which HTTP Basic credentials the {@link ReferenceCentralSystem} accepts on the WebSocket upgrade
 * (security profile 2), and what happens after wrong ones. Immutable: each {@code with...} method
 * returns a new policy.
 *
 * <ul>
 *   <li>{@link #handedOut()} (the default): the Charge Point id with the password of
 *       {@link RunningCentralSystem#chargePointPassword()}; anything else is answered 401 with a
 *       {@code WWW-Authenticate: Basic realm="octt"} challenge.</li>
 *   <li>{@link #withoutHandedOutPassword()}: the handed-out password is refused (what
 *       {@link Fault#WRONG_PASSWORD} does); {@link #accepting(String, String)} adds pairs.</li>
 *   <li>{@link #lockingAfter(int)}: after that many failed upgrades for one Charge Point id the
 *       account is locked: every later upgrade for it is answered 401, even with the right password.</li>
 *   <li>{@link #open()}: no credentials are checked at all.</li>
 *   <li>Ways to be wrong, for the refusal checks: {@link #acceptingMissingCredentials()} (an upgrade
 *       without an {@code Authorization} header is let through), {@link #acceptingAnyPassword()}
 *       (any password of the Charge Point id), {@link #acceptingAnyUser()} (a right password under
 *       any user name).</li>
 * </ul>
 *
 * <p>A user name must equal the Charge Point id of the request path, as OCPP 1.6 wants (unless
 * {@link #acceptingAnyUser()}).
 * Credentials are checked only when the server runs security profile 2 (or the policy is not
 * {@link #open()} under profile 3: see {@link ReferenceCentralSystem.Builder#auth(AuthPolicy)}).
 * {@link #toString()} shows no password.
 */
public final class AuthPolicy {

    private static final AuthPolicy HANDED_OUT = new AuthPolicy(true, true, List.of(), 0, false, false, false);
    private static final AuthPolicy OPEN = new AuthPolicy(false, false, List.of(), 0, false, false, false);

    private final boolean checked;
    private final boolean handedOutAccepted;
    private final List<Credential> accepted;
    private final int lockAfter;
    private final boolean missingAccepted;
    private final boolean anyPassword;
    private final boolean anyUser;

    private AuthPolicy(boolean checked, boolean handedOutAccepted, List<Credential> accepted, int lockAfter,
                       boolean missingAccepted, boolean anyPassword, boolean anyUser) {
        this.checked = checked;
        this.handedOutAccepted = handedOutAccepted;
        this.accepted = List.copyOf(accepted);
        this.lockAfter = lockAfter;
        this.missingAccepted = missingAccepted;
        this.anyPassword = anyPassword;
        this.anyUser = anyUser;
    }

    /** The default: the Charge Point id with the handed-out password, 401 for anything else, no lock. */
    public static AuthPolicy handedOut() {
        return HANDED_OUT;
    }

    /** Checks nothing: every upgrade request is let through, with or without credentials. */
    public static AuthPolicy open() {
        return OPEN;
    }

    /** This policy, refusing the handed-out password (unless {@link #accepting} names it). */
    public AuthPolicy withoutHandedOutPassword() {
        return new AuthPolicy(true, false, accepted, lockAfter, missingAccepted, anyPassword, anyUser);
    }

    /**
     * This policy, also accepting {@code password} for the Charge Point id {@code user}.
     *
     * @throws IllegalArgumentException if user or password is empty, or the user contains a colon
     */
    public AuthPolicy accepting(String user, String password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (user.isEmpty() || user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a Basic auth user must be non-empty and without ':', was: '" + user + "'");
        }
        if (password.isEmpty()) {
            throw new IllegalArgumentException("a Basic auth password must not be empty");
        }
        List<Credential> more = new ArrayList<>(accepted);
        more.add(new Credential(user, password.getBytes(StandardCharsets.UTF_8)));
        return new AuthPolicy(true, handedOutAccepted, more, lockAfter, missingAccepted, anyPassword, anyUser);
    }

    /**
     * This policy, locking a Charge Point id's account after {@code failures} failed upgrades for it
     * (a request without credentials counts as a failure); 0 never locks (the default).
     *
     * @throws IllegalArgumentException if {@code failures} is negative
     */
    public AuthPolicy lockingAfter(int failures) {
        if (failures < 0) {
            throw new IllegalArgumentException("failures before the lock must be 0 (never) or more, was: " + failures);
        }
        return new AuthPolicy(true, handedOutAccepted, accepted, failures, missingAccepted, anyPassword, anyUser);
    }

    /** This policy, also upgrading a request without an {@code Authorization} header (what {@link Fault#NO_AUTH_ACCEPTED} does). */
    public AuthPolicy acceptingMissingCredentials() {
        return new AuthPolicy(true, handedOutAccepted, accepted, lockAfter, true, anyPassword, anyUser);
    }

    /** This policy, accepting any password for the Charge Point id (what {@link Fault#ANY_PASSWORD} does). */
    public AuthPolicy acceptingAnyPassword() {
        return new AuthPolicy(true, handedOutAccepted, accepted, lockAfter, missingAccepted, true, anyUser);
    }

    /**
     * This policy, accepting a right password under any user name, not only the Charge Point id of
     * the path (what {@link Fault#ANY_USER} does).
     */
    public AuthPolicy acceptingAnyUser() {
        return new AuthPolicy(true, handedOutAccepted, accepted, lockAfter, missingAccepted, anyPassword, true);
    }

    /** Whether an upgrade without an {@code Authorization} header is let through. */
    public boolean acceptsMissingCredentials() {
        return missingAccepted;
    }

    /** Whether any password is accepted for the Charge Point id. */
    public boolean acceptsAnyPassword() {
        return anyPassword;
    }

    /** Whether a right password is accepted under any user name. */
    public boolean acceptsAnyUser() {
        return anyUser;
    }

    /** Whether credentials are checked at all (false for {@link #open()}). */
    public boolean checksCredentials() {
        return checked;
    }

    /** Whether the handed-out password is accepted for the Charge Point id. */
    public boolean acceptsHandedOutPassword() {
        return handedOutAccepted;
    }

    /** The failed upgrades after which a Charge Point id is locked; 0: never. */
    public int lockAfter() {
        return lockAfter;
    }

    /** The user names of the pairs added with {@link #accepting}, in order (never the passwords). */
    public List<String> acceptedUsers() {
        return accepted.stream().map(Credential::user).toList();
    }

    /** Whether {@code password} (UTF-8) is an added password of {@code user}; constant time per pair. */
    boolean acceptsAdded(String user, byte[] password) {
        boolean ok = false;
        for (Credential c : accepted) {
            ok |= c.user().equals(user) & java.security.MessageDigest.isEqual(c.password(), password);
        }
        return ok;
    }

    @Override
    public String toString() {
        if (!checked) {
            return "AuthPolicy[open]";
        }
        return "AuthPolicy[handedOut=" + handedOutAccepted + ", acceptedUsers=" + acceptedUsers()
                + (lockAfter > 0 ? ", lockAfter=" + lockAfter : "")
                + (missingAccepted ? ", acceptingMissingCredentials" : "") + (anyPassword ? ", acceptingAnyPassword" : "")
                + (anyUser ? ", acceptingAnyUser" : "") + "]";
    }

    private record Credential(String user, byte[] password) {
        @Override
        public String toString() {
            return user + ":****";
        }
    }
}
