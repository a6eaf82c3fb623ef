package org.octt.security16;

import com.fasterxml.jackson.databind.JsonNode;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.OperatorAction;
import org.octt.core.spi.OptionDescriptor;
import org.octt.core.spi.Prerequisites;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.StateKey;
import org.octt.core.spi.Step;
import org.octt.core.spi.Target;
import org.octt.core.spi.TestCase;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Verdict;
import org.octt.ocpp.cp.BootSequence;
import org.octt.ocpp.cp.ChargePoint;
import org.octt.ocpp.cp.ChargePointConfiguration;
import org.octt.ocpp.cp.ChargePointConfiguration.ConfigurationChange;
import org.octt.ocpp.cp.ChargePointSession;
import org.octt.ocpp.cp.ConnectOptions;
import org.octt.ocpp.cp.Connection;
import org.octt.ocpp.cp.ExpectedCall;
import org.octt.ocpp.cp.Ocpp16Checks;
import org.octt.ocpp.j.CallAnswer;
import org.octt.ocpp.j.CallResponder;
import org.octt.ocpp.j.ChargePointResponder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * TC_083_CSMS "Upgrade Charge Point Security Profile - Accepted" (OCPP 1.6 test case document,
 * Central System), from security profile 1 or 2, an operator action:
 * <ol>
 *   <li>octt connects and boots with the configured profile ({@value #UPGRADE},
 *       {@value #BOOT_NOTIFICATION}, {@value #STATUS_NOTIFICATION}) and asks for the action
 *       {@value #ACTION}: the Central System sends ChangeConfiguration.req SecurityProfile with the
 *       next profile up, which octt answers Accepted ({@value #SECURITY_PROFILE_CHANGED}), then
 *       Reset.req Hard, answered Accepted ({@value #RESET}); nobody acting is INCONCLUSIVE;</li>
 *   <li>octt reconnects one profile higher: upgraded, BootNotification Accepted, StatusNotification
 *       ({@value #NEW_PROFILE_UPGRADE}, {@value #NEW_PROFILE_BOOT_NOTIFICATION},
 *       {@value #NEW_PROFILE_STATUS_NOTIFICATION});</li>
 *   <li>octt connects with the old profile, which must not be upgraded ({@value #OLD_PROFILE_REFUSED},
 *       whitepaper A05.FR.09);</li>
 *   <li>octt reconnects with the new profile again ({@value #NEW_PROFILE_RECONNECT}).</li>
 * </ol>
 * The new profile needs what a Charge Point would have installed: profile 2 the Central System's root
 * certificate (the trust anchors), profile 3 the Charge Point's certificate and key (the client key
 * material). Without them octt does not ask for the action: the checks are INCONCLUSIVE and SKIPPED,
 * naming what to configure. The URL of the new profile is the option {@value #NEW_URL_OPTION}.
 */
public final class Tc083TestCase extends Ocpp16SecurityCard {

    public static final String ID = "TC_083_CSMS";
    public static final String TITLE = "Upgrade Charge Point Security Profile - Accepted";

    /** The operator action's name; its id is {@code TC_083_CSMS.change-security-profile}. */
    public static final String ACTION = "change-security-profile";

    /** The Central System URL under the new profile; by default the configured one, {@code wss://} from profile 1. */
    public static final String NEW_URL_OPTION = "tc083.new-url";

    public static final String UPGRADE = "ws.upgrade";
    public static final String BOOT_NOTIFICATION = "ocpp.boot-notification";
    public static final String STATUS_NOTIFICATION = "ocpp.status-notification";
    /** ChangeConfiguration.req SecurityProfile with the next profile up, answered Accepted. */
    public static final String SECURITY_PROFILE_CHANGED = "ocpp.security-profile-changed";
    /** Reset.req Hard after the accepted change, answered Accepted. */
    public static final String RESET = "ocpp.reset";
    /** The upgrade with the new profile: 101. */
    public static final String NEW_PROFILE_UPGRADE = "ws.new-profile-upgrade";
    public static final String NEW_PROFILE_BOOT_NOTIFICATION = "ocpp.new-profile-boot-notification";
    public static final String NEW_PROFILE_STATUS_NOTIFICATION = "ocpp.new-profile-status-notification";
    /** The upgrade with the old profile, after the new one worked: refused (A05.FR.09). */
    public static final String OLD_PROFILE_REFUSED = "ws.old-profile-refused";
    /** The upgrade with the new profile again: 101. */
    public static final String NEW_PROFILE_RECONNECT = "ws.new-profile-reconnect";

    private static final BootSequence BOOT = BootSequence.of(BOOT_NOTIFICATION, STATUS_NOTIFICATION, "octt-tc083");
    private static final BootSequence NEW_BOOT = BootSequence.of(NEW_PROFILE_BOOT_NOTIFICATION,
            NEW_PROFILE_STATUS_NOTIFICATION, "octt-tc083");
    private static final List<OptionDescriptor> OPTIONS;

    static {
        List<OptionDescriptor> options = new ArrayList<>(BootSequence.options("octt-tc083"));
        options.add(OptionDescriptor.string(NEW_URL_OPTION, null, "the Central System URL for the new security"
                + " profile (default: the configured URL, with wss:// when going from profile 1 to 2)"));
        OPTIONS = List.copyOf(options);
    }

    /** The profile the Charge Point accepted and was reset for. */
    private static final StateKey<Integer> NEW_PROFILE = StateKey.of("tc083.new-profile", Integer.class);
    /** Set when the new profile was upgraded. */
    private static final StateKey<Boolean> NEW_PROFILE_WORKS = StateKey.of("tc083.new-profile-works", Boolean.class);

    private final List<Step> steps = List.of(
            Step.of("change-security-profile", "boot, then the Central System sends ChangeConfiguration SecurityProfile"
                            + " and Reset Hard",
                    List.of(UPGRADE, BOOT_NOTIFICATION, STATUS_NOTIFICATION, SECURITY_PROFILE_CHANGED, RESET),
                    Tc083TestCase::changeProfile),
            Step.of("reconnect-with-new-profile", "reconnect one profile higher: upgraded, BootNotification,"
                            + " StatusNotification",
                    List.of(NEW_PROFILE_UPGRADE, NEW_PROFILE_BOOT_NOTIFICATION, NEW_PROFILE_STATUS_NOTIFICATION),
                    Tc083TestCase::newProfile),
            Step.of("old-profile-refused", "an upgrade with the old profile: refused",
                    List.of(OLD_PROFILE_REFUSED), Tc083TestCase::oldProfile),
            Step.of("reconnect-with-new-profile-again", "the new profile again: upgraded",
                    List.of(NEW_PROFILE_RECONNECT), Tc083TestCase::newProfileAgain));

    public Tc083TestCase() {
        super(ID, TITLE);
    }

    @Override
    public List<Step> steps() {
        return steps;
    }

    /** The boot options as TC_085, and {@value #NEW_URL_OPTION}. */
    @Override
    public List<OptionDescriptor> options() {
        return OPTIONS;
    }

    /** From security profile 1 or 2, with an operator action. */
    @Override
    public Prerequisites prerequisites() {
        return Prerequisites.securityProfiles(SecurityProfile.UNSECURED_BASIC_AUTH, SecurityProfile.TLS_BASIC_AUTH)
                .withOperatorActions().withAccountChanges();
    }

    /** The action, with the parameter {@code securityProfile} = the next profile up. */
    static OperatorAction action(TestContext context, int next) {
        String cp = context.chargePointId().orElse("the Charge Point");
        return OperatorAction.of(ACTION, "make the Central System send ChangeConfiguration.req with key SecurityProfile"
                        + " and value " + next + " to " + cp + " and, once it is accepted, Reset.req with type Hard",
                "ChangeConfiguration", context.timeouts().action())
                .withParameter("key", ChargePointConfiguration.SECURITY_PROFILE)
                .withParameter("securityProfile", Integer.toString(next));
    }

    /** What the Charge Point lacks for profile {@code next}, as advice; empty when it has it. */
    static Optional<String> missing(TestContext context, int next) {
        if (next == 3 && context.clientKeyMaterial().isEmpty()) {
            return Optional.of("security profile 3 needs the Charge Point's certificate and key, and none is configured;"
                    + " pass a client certificate the Central System trusts (CN = the ChargePointId) with --client-cert"
                    + " and --client-key");
        }
        if (next >= 2 && context.trustAnchors().isEmpty() && !context.insecure()) {
            return Optional.of("security profile " + next + " needs the Central System's root certificate installed,"
                    + " and none is configured; pass it with --ca-file");
        }
        return Optional.empty();
    }

    /** The context of the new profile: its URL (the option, or wss:// from profile 1) and credentials. */
    static TestContext newProfileContext(TestContext context, int next) {
        URI old = context.target().url();
        URI url = context.option(NEW_URL_OPTION).map(URI::create).orElseGet(() -> old.getScheme().equalsIgnoreCase("ws")
                ? URI.create("wss" + old.toString().substring(2)) : old);
        Target target = Target.of(url);
        if (context.target().connectAddress().isPresent() && url.getPort() == old.getPort()) {
            target = target.withConnectAddress(context.target().connectAddress().get());
        }
        return context.toBuilder().target(target).securityProfile(SecurityProfile.of(next)).build();
    }

    private static Flux<CheckResult> changeProfile(TestContext context) {
        int next = context.securityProfile().number() + 1;
        Optional<String> missing = missing(context, next);
        if (missing.isPresent()) {
            String reason = "not asked: " + missing.get();
            return Flux.just(CheckResult.skipped(UPGRADE, reason), CheckResult.skipped(BOOT_NOTIFICATION, reason),
                    CheckResult.skipped(STATUS_NOTIFICATION, reason), CheckResult.inconclusive(SECURITY_PROFILE_CHANGED,
                            reason), CheckResult.skipped(RESET, reason));
        }
        // what the new profile needs is there (missing() said so; --insecure stands for the root under profile 2)
        ChargePointConfiguration config = ChargePointConfiguration.of(context.securityProfile().number(), null, true,
                context.clientKeyMaterial().isPresent());
        CallResponder defaults = ChargePointResponder.defaults();
        // the Charge Point's behaviour on this session: its configuration, and Reset accepted
        CallResponder responder = call -> switch (call.action()) {
            case "ChangeConfiguration" -> config.answer(call);
            case "Reset" -> CallAnswer.status("Accepted");
            default -> defaults.answer(call);
        };
        return Flux.usingWhen(ChargePoint.connect(context, ConnectOptions.defaults().withResponder(responder)), c -> {
            CheckResult upgrade = Ocpp16Checks.withMessageLog(
                    Upgrades.upgrade(UPGRADE, context, c, Upgrades.how(context)), c.log().entries());
            if (!(c instanceof Connection.Open open)) {
                String reason = "not asked: no WebSocket session: " + c.message();
                return Flux.just(upgrade).concatWith(BOOT.skipped("no WebSocket session: " + c.message()))
                        .concatWith(Flux.just(CheckResult.skipped(SECURITY_PROFILE_CHANGED, reason),
                                CheckResult.skipped(RESET, reason)));
            }
            ChargePointSession cp = open.session();
            return Flux.just(upgrade).concatWith(BOOT.run(context, cp).collectList().flatMapMany(boot -> {
                if (boot.get(0).verdict() != Verdict.PASSED) {
                    String reason = "not asked: the Central System did not accept the BootNotification";
                    return Flux.fromIterable(boot).concatWith(Flux.just(CheckResult.skipped(SECURITY_PROFILE_CHANGED,
                            reason), CheckResult.skipped(RESET, reason)));
                }
                return Flux.fromIterable(boot).concatWith(changeAndReset(context, cp, config, next));
            }));
        }, Connection::close);
    }

    private static Flux<CheckResult> changeAndReset(TestContext context, ChargePointSession cp,
                                                    ChargePointConfiguration config, int next) {
        int mark = cp.log().size();
        return cp.expectCall(context, action(context, next), config::answer).flatMapMany(outcome -> {
            CheckResult change = Ocpp16Checks.withMessageLog(judgeChange(context, config, outcome, next),
                    cp.log().since(mark));
            if (change.verdict() != Verdict.PASSED) {
                return Flux.just(change, CheckResult.skipped(RESET, "not expected: the security profile was not"
                        + " changed (see " + SECURITY_PROFILE_CHANGED + ")"));
            }
            int resetMark = cp.log().size();
            return Flux.concat(Mono.just(change), cp.expectCall("Reset", context.timeouts().action())
                    .map(reset -> Ocpp16Checks.withMessageLog(judgeReset(context, reset, next), cp.log().since(resetMark))));
        });
    }

    private static CheckResult judgeChange(TestContext context, ChargePointConfiguration config, ExpectedCall outcome,
                                           int next) {
        if (!(outcome instanceof ExpectedCall.Received received)) {
            return Ocpp16Checks.notReceived(SECURITY_PROFILE_CHANGED, outcome).orElseThrow();
        }
        JsonNode key = received.call().payload().get("key");
        String keyName = key != null && key.isTextual() ? key.textValue() : null;
        if (!ChargePointConfiguration.SECURITY_PROFILE.equals(keyName)) {
            return CheckResult.failed(SECURITY_PROFILE_CHANGED, "expected ChangeConfiguration.req with key"
                    + " SecurityProfile and value " + next + ", seen " + (keyName == null ? "no key" : "key " + keyName)
                    + "; the Central System must send the new security profile");
        }
        if (!received.violations().isEmpty()) {
            return CheckResult.failed(SECURITY_PROFILE_CHANGED, received.message());
        }
        ConfigurationChange change = config.lastChange(ChargePointConfiguration.SECURITY_PROFILE).orElse(null);
        if (change == null) {
            return CheckResult.failed(SECURITY_PROFILE_CHANGED, "ChangeConfiguration.req SecurityProfile came before"
                    + " octt was waiting for it; the Central System must send it once asked");
        }
        String seen = change.value().orElse("?");
        if (!change.accepted()) {
            return CheckResult.failed(SECURITY_PROFILE_CHANGED, "expected SecurityProfile " + next + " (the next profile"
                            + " up from " + context.securityProfile().number() + "), seen " + seen + ", which octt"
                            + " answered Rejected as a Charge Point must: " + change.reason()
                            + "; change the Central System to raise the profile by one")
                    .withEvidence("value", seen);
        }
        if (config.securityProfile() != next) {
            return CheckResult.failed(SECURITY_PROFILE_CHANGED, "expected SecurityProfile " + next + " (the next profile"
                    + " up), seen " + seen + ", which a Charge Point accepts but this card does not test; change the"
                    + " Central System to raise the profile by one").withEvidence("value", seen);
        }
        context.state().put(NEW_PROFILE, next);
        return CheckResult.passed(SECURITY_PROFILE_CHANGED, "ChangeConfiguration.req SecurityProfile " + next
                + " answered Accepted (" + change.reason() + ")").withEvidence("value", seen);
    }

    private static CheckResult judgeReset(TestContext context, ExpectedCall outcome, int next) {
        if (!(outcome instanceof ExpectedCall.Received received)) {
            context.state().put(NEW_PROFILE, 0); // not reset: a Charge Point goes on with its old profile
            return CheckResult.inconclusive(RESET, outcome.message() + " after the SecurityProfile change was accepted;"
                    + " the card needs the Central System to send Reset.req with type Hard so that the Charge Point"
                    + " reconnects with security profile " + next);
        }
        JsonNode type = received.call().payload().get("type");
        String seen = type != null && type.isTextual() ? type.textValue() : String.valueOf(type);
        if (!"Hard".equals(seen)) {
            return CheckResult.failed(RESET, "expected Reset.req with type Hard, seen type " + seen + " (octt answered"
                    + " Accepted and reconnects with the new profile anyway); the card wants a hard reset");
        }
        return CheckResult.passed(RESET, "Reset.req type Hard answered Accepted; octt reconnects with security profile "
                + next);
    }

    private static Optional<Integer> newProfileNumber(TestContext context) {
        return context.state().get(NEW_PROFILE).filter(p -> p > 0);
    }

    private static Flux<CheckResult> newProfile(TestContext context) {
        Optional<Integer> next = newProfileNumber(context);
        if (next.isEmpty()) {
            String reason = "no security profile change was accepted and followed by a Reset (see "
                    + SECURITY_PROFILE_CHANGED + " and " + RESET + ")";
            return Flux.just(CheckResult.skipped(NEW_PROFILE_UPGRADE, reason))
                    .concatWith(NEW_BOOT.skipped(reason));
        }
        TestContext upgraded = newProfileContext(context, next.get());
        return Flux.usingWhen(ChargePoint.connect(upgraded), c -> {
            CheckResult upgrade = Ocpp16Checks.withMessageLog(Upgrades.upgrade(NEW_PROFILE_UPGRADE, upgraded, c,
                    howProfile(upgraded)), c.log().entries());
            if (!(c instanceof Connection.Open open)) {
                return Flux.just(upgrade).concatWith(NEW_BOOT.skipped("no WebSocket session: " + c.message()));
            }
            context.state().put(NEW_PROFILE_WORKS, true);
            return Flux.just(upgrade).concatWith(NEW_BOOT.run(upgraded, open.session()));
        }, Connection::close);
    }

    private static Flux<CheckResult> oldProfile(TestContext context) {
        if (context.state().get(NEW_PROFILE_WORKS).isEmpty()) {
            return Flux.just(CheckResult.skipped(OLD_PROFILE_REFUSED, "not tried: the new profile was not upgraded (see "
                    + NEW_PROFILE_UPGRADE + "), so the old one is still the Charge Point's working profile"));
        }
        String request = "the upgrade with the old security profile " + context.securityProfile().number() + " ("
                + howProfile(context) + ")";
        return Upgrades.attempt(context, ConnectOptions.defaults(), c ->
                Mono.just(Upgrades.refusal(OLD_PROFILE_REFUSED, c, request, Upgrades.Refused.PROFILE)
                        .orElseGet(() -> CheckResult.failed(OLD_PROFILE_REFUSED, "expected " + request + " refused, seen"
                                + " 101 Switching Protocols: the Central System still accepts the security profile the"
                                + " Charge Point left; change it to refuse a Charge Point's connections with a lower"
                                + " security profile than the one it moved to (A05.FR.09)")))).flux();
    }

    private static Flux<CheckResult> newProfileAgain(TestContext context) {
        Optional<Integer> next = newProfileNumber(context);
        if (next.isEmpty() || context.state().get(NEW_PROFILE_WORKS).isEmpty()) {
            return Flux.just(CheckResult.skipped(NEW_PROFILE_RECONNECT, "not tried: the new profile was not upgraded"
                    + " (see " + NEW_PROFILE_UPGRADE + ")"));
        }
        TestContext upgraded = newProfileContext(context, next.get());
        return Upgrades.attempt(upgraded, ConnectOptions.defaults(), c -> Mono.just(Upgrades.upgrade(
                NEW_PROFILE_RECONNECT, upgraded, c, howProfile(upgraded) + " after the old profile"))).flux();
    }

    /** How a connection of the context's profile authenticates, for messages: never the password. */
    private static String howProfile(TestContext context) {
        return switch (context.securityProfile()) {
            case TLS_CLIENT_CERTIFICATE -> "with the client certificate";
            case TLS_BASIC_AUTH -> "with Basic auth as " + context.chargePointId().orElse("?") + " over TLS, no client"
                    + " certificate";
            case UNSECURED_BASIC_AUTH -> "with Basic auth as " + context.chargePointId().orElse("?") + " over plain ws://";
        };
    }
}
