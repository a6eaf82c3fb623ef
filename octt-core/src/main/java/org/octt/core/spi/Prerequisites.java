package org.octt.core.spi;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a test case needs of the configuration to apply at all: the security profiles it is
 * written for. A test case whose prerequisites a target does not meet is not run against it and is
 * reported as not applicable with {@link #whyNotApplicable(TestContext)}'s reason; that does not
 * change the run's verdict (a suite run with profile 3 skips the profile 2 cards).
 *
 * <p>Immutable; a final class with factories so that it can grow (e.g. OCPP versions, features).
 */
public final class Prerequisites {

    private static final Prerequisites ANY = new Prerequisites(EnumSet.allOf(SecurityProfile.class), false, false);

    private final Set<SecurityProfile> profiles;
    private final boolean operatorActions;
    private final boolean accountChanges;

    private Prerequisites(Set<SecurityProfile> profiles, boolean operatorActions, boolean accountChanges) {
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException("a test case must apply to at least one security profile");
        }
        this.profiles = Set.copyOf(profiles);
        this.operatorActions = operatorActions;
        this.accountChanges = accountChanges;
    }

    /** Applies to every configuration. */
    public static Prerequisites none() {
        return ANY;
    }

    /** Applies only to targets configured with one of these security profiles. */
    public static Prerequisites securityProfiles(SecurityProfile first, SecurityProfile... more) {
        EnumSet<SecurityProfile> set = EnumSet.of(Objects.requireNonNull(first, "first"), more);
        return new Prerequisites(set, false, false);
    }

    /**
     * A copy saying that the test case needs the Central System to act on its own
     * ({@link OperatorAction}): it does not apply when operator actions are turned off
     * ({@link TestContext#operatorActionsEnabled()}).
     */
    public Prerequisites withOperatorActions() {
        return new Prerequisites(profiles, true, accountChanges);
    }

    /**
     * A copy saying that the test case changes what the Central System knows of the Charge Point (its
     * password, its security profile), so that the configured credentials no longer work after it: a
     * suite runs such test cases after all the others (in id order among themselves).
     */
    public Prerequisites withAccountChanges() {
        return new Prerequisites(profiles, operatorActions, true);
    }

    /** Whether the test case changes the Charge Point's account on the Central System. */
    public boolean accountChanges() {
        return accountChanges;
    }

    /**
     * The order in which a suite runs its test cases: those that change the Charge Point's account
     * ({@link #withAccountChanges()}) after the others, each group in id order.
     */
    public static java.util.Comparator<TestCase> suiteOrder() {
        return java.util.Comparator.<TestCase, Boolean>comparing(t -> accountChangesOf(t)).thenComparing(TestCase::id);
    }

    private static boolean accountChangesOf(TestCase t) {
        try {
            return t.prerequisites().accountChanges();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Whether the test case needs an operator action. */
    public boolean operatorActions() {
        return operatorActions;
    }

    /** The security profiles the test case applies to. */
    public Set<SecurityProfile> securityProfiles() {
        return profiles;
    }

    /** Why the test case does not apply to this context, or empty when it does. */
    public Optional<String> whyNotApplicable(TestContext context) {
        SecurityProfile p = context.securityProfile();
        if (profiles.contains(p)) {
            return operatorActions && !context.operatorActionsEnabled()
                    ? Optional.of("needs the Central System to act on its own (an operator action), and operator"
                            + " actions are turned off")
                    : Optional.empty();
        }
        List<Integer> numbers = profiles.stream().map(SecurityProfile::number).sorted().toList();
        return Optional.of("applies to security profile " + numbers.stream().map(String::valueOf)
                .collect(Collectors.joining(" or ")) + ", the target is configured with profile " + p.number());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Prerequisites other && profiles.equals(other.profiles)
                && operatorActions == other.operatorActions && accountChanges == other.accountChanges;
    }

    @Override
    public int hashCode() {
        return (profiles.hashCode() * 31 + Boolean.hashCode(operatorActions)) * 31 + Boolean.hashCode(accountChanges);
    }

    @Override
    public String toString() {
        return "Prerequisites[profiles=" + profiles.stream().map(SecurityProfile::number).sorted().toList()
                + (operatorActions ? ", operatorActions" : "") + (accountChanges ? ", accountChanges" : "") + "]";
    }
}
