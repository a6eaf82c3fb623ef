package org.octt.security16;

import com.fasterxml.jackson.databind.JsonNode;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.OperatorAction;
import org.octt.core.spi.OptionDescriptor;
import org.octt.core.spi.Prerequisites;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.StateKey;
import org.octt.core.spi.Step;
import org.octt.core.spi.TestCase;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Verdict;
import org.octt.ocpp.cp.AuthorizationKey;
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
import org.octt.ocpp.schema.SchemaViolation;
import org.octt.tls.ws.WebSocketOutcome;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.stream.Collectors;

/**
 * TC_073_CSMS "Update Charge Point Password for HTTP Basic Authentication" (OCPP 1.6 test case
 * document, Central System), security profile 1 or 2, an operator action:
 * <ol>
 *   <li>octt connects and boots ({@value #UPGRADE}, {@value #BOOT_NOTIFICATION},
 *       {@value #STATUS_NOTIFICATION}), then asks for the action {@value #ACTION} (the Central System
 *       sends ChangeConfiguration.req with key AuthorizationKey and a new value); the value must be
 *       a valid AuthorizationKey ({@link AuthorizationKey}: 16 to 20 characters, or 32 to 40 hex
 *       digits), which octt answers Accepted ({@value #AUTHORIZATION_KEY_CHANGED}); nobody acting is
 *       INCONCLUSIVE;</li>
 *   <li>octt disconnects and reconnects with the new password, which must be upgraded
 *       ({@value #NEW_PASSWORD_UPGRADE});</li>
 *   <li>octt's addition: an upgrade with the old password must then be refused
 *       ({@value #OLD_PASSWORD_REFUSED}).</li>
 * </ol>
 * The new AuthorizationKey is a secret: marked secret in the message log, never in a message.
 */
public final class Tc073TestCase extends Ocpp16SecurityCard {

    public static final String ID = "TC_073_CSMS";
    public static final String TITLE = "Update Charge Point Password for HTTP Basic Authentication";

    /** The operator action's name; its id is {@code TC_073_CSMS.change-authorization-key}. */
    public static final String ACTION = "change-authorization-key";

    /** The first upgrade with the configured password: 101 with ocpp1.6. */
    public static final String UPGRADE = "ws.upgrade";
    /** BootNotification.conf Accepted. */
    public static final String BOOT_NOTIFICATION = "ocpp.boot-notification";
    /** StatusNotification for connector 0 and each connector, each answered. */
    public static final String STATUS_NOTIFICATION = "ocpp.status-notification";
    /** ChangeConfiguration.req AuthorizationKey with a valid new value, answered Accepted. */
    public static final String AUTHORIZATION_KEY_CHANGED = "ocpp.authorization-key-changed";
    /** The upgrade with the new password: 101. */
    public static final String NEW_PASSWORD_UPGRADE = "ws.new-password-upgrade";
    /** The upgrade with the replaced password: refused. */
    public static final String OLD_PASSWORD_REFUSED = "ws.old-password-refused";

    private static final BootSequence BOOT = BootSequence.of(BOOT_NOTIFICATION, STATUS_NOTIFICATION, "octt-tc073");
    private static final List<OptionDescriptor> OPTIONS = BootSequence.options("octt-tc073");

    /** The AuthorizationKey the Charge Point accepted. */
    private static final StateKey<AuthorizationKey> NEW_KEY = StateKey.of("tc073.new-key", AuthorizationKey.class);
    /** Set when the new password was upgraded. */
    private static final StateKey<Boolean> NEW_PASSWORD_WORKS = StateKey.of("tc073.new-password-works", Boolean.class);

    private final List<Step> steps = List.of(
            Step.of("change-authorization-key", "boot, then the Central System sends ChangeConfiguration AuthorizationKey",
                    List.of(UPGRADE, BOOT_NOTIFICATION, STATUS_NOTIFICATION, AUTHORIZATION_KEY_CHANGED),
                    Tc073TestCase::changeKey),
            Step.of("reconnect-with-new-password", "disconnect, reconnect with the new password: upgraded",
                    List.of(NEW_PASSWORD_UPGRADE), Tc073TestCase::reconnect),
            Step.of("old-password-refused", "an upgrade with the old password: refused",
                    List.of(OLD_PASSWORD_REFUSED), Tc073TestCase::oldPassword));

    public Tc073TestCase() {
        super(ID, TITLE);
    }

    @Override
    public List<Step> steps() {
        return steps;
    }

    /** {@code ocpp.vendor}, {@code ocpp.model}, {@code ocpp.connectors}, as TC_085. */
    @Override
    public List<OptionDescriptor> options() {
        return OPTIONS;
    }

    /** Security profiles 1 and 2, and an operator action. */
    @Override
    public Prerequisites prerequisites() {
        return Prerequisites.securityProfiles(SecurityProfile.UNSECURED_BASIC_AUTH, SecurityProfile.TLS_BASIC_AUTH)
                .withOperatorActions().withAccountChanges();
    }

    /** The action: what to make the Central System do, for a person or a hook. */
    static OperatorAction action(TestContext context) {
        String cp = context.chargePointId().orElse("the Charge Point");
        return OperatorAction.of(ACTION, "make the Central System send ChangeConfiguration.req with key"
                        + " AuthorizationKey and a new value (16 to 20 characters, or 32 to 40 hex digits) to " + cp,
                "ChangeConfiguration", context.timeouts().action())
                .withParameter("key", ChargePointConfiguration.AUTHORIZATION_KEY);
    }

    private static Flux<CheckResult> changeKey(TestContext context) {
        return Flux.usingWhen(ChargePoint.connect(context), c -> {
            CheckResult upgrade = Ocpp16Checks.withMessageLog(
                    Upgrades.upgrade(UPGRADE, context, c, Upgrades.how(context)), c.log().entries());
            if (!(c instanceof Connection.Open open)) {
                return Flux.just(upgrade).concatWith(BOOT.skipped("no WebSocket session: " + c.message()))
                        .concatWith(Mono.just(CheckResult.skipped(AUTHORIZATION_KEY_CHANGED,
                                "not asked: no WebSocket session: " + c.message())));
            }
            ChargePointSession cp = open.session();
            return Flux.just(upgrade).concatWith(BOOT.run(context, cp).collectList().flatMapMany(boot -> {
                Mono<CheckResult> key = boot.get(0).verdict() != Verdict.PASSED
                        ? Mono.just(CheckResult.skipped(AUTHORIZATION_KEY_CHANGED, "not asked: the Central System did"
                        + " not accept the BootNotification"))
                        : expectKey(context, cp);
                return Flux.fromIterable(boot).concatWith(key);
            }));
        }, Connection::close);
    }

    private static Mono<CheckResult> expectKey(TestContext context, ChargePointSession cp) {
        ChargePointConfiguration config = ChargePointConfiguration.from(context);
        CallResponder answer = call -> {
            JsonNode key = call.payload().get("key");
            JsonNode value = call.payload().get("value");
            if (key != null && ChargePointConfiguration.AUTHORIZATION_KEY.equals(key.asText())
                    && value != null && value.isTextual() && !value.textValue().isEmpty()) {
                cp.markSecret(value.textValue()); // the new password: never in the log, wherever it would appear
            }
            return config.answer(call);
        };
        int mark = cp.log().size();
        return cp.expectCall(context, action(context), answer)
                .map(outcome -> Ocpp16Checks.withMessageLog(judgeKey(context, config, outcome), cp.log().since(mark)))
                .doOnNext(check -> {
                    if (check.verdict() == Verdict.PASSED) {
                        config.authorizationKey().ifPresent(k -> context.state().put(NEW_KEY, k));
                    }
                });
    }

    private static CheckResult judgeKey(TestContext context, ChargePointConfiguration config, ExpectedCall outcome) {
        if (!(outcome instanceof ExpectedCall.Received received)) {
            return Ocpp16Checks.notReceived(AUTHORIZATION_KEY_CHANGED, outcome).orElseThrow();
        }
        JsonNode key = received.call().payload().get("key");
        String keyName = key != null && key.isTextual() ? key.textValue() : null;
        if (!ChargePointConfiguration.AUTHORIZATION_KEY.equals(keyName)) {
            return CheckResult.failed(AUTHORIZATION_KEY_CHANGED, "expected ChangeConfiguration.req with key"
                    + " AuthorizationKey, seen " + (keyName == null ? "no key" : "key " + keyName) + " (octt answered "
                    + status(received.answer()) + "); the Central System must send the new password as the"
                    + " AuthorizationKey");
        }
        if (!received.violations().isEmpty()) {
            // the paths and keywords only: a violation's message may quote the secret value
            return CheckResult.failed(AUTHORIZATION_KEY_CHANGED, "ChangeConfiguration.req breaks the OCPP 1.6 schema at "
                    + received.violations().stream().map(v -> (v.path().isEmpty() ? "(root)" : v.path()) + " ("
                    + v.keyword() + ")").collect(Collectors.joining(", ")) + "; the value is not shown (a password)");
        }
        ConfigurationChange change = config.lastChange(ChargePointConfiguration.AUTHORIZATION_KEY).orElse(null);
        if (change == null) {
            return CheckResult.failed(AUTHORIZATION_KEY_CHANGED, "ChangeConfiguration.req AuthorizationKey came before"
                    + " octt was waiting for it and was answered " + status(received.answer())
                    + "; the Central System must send it once asked");
        }
        if (!change.accepted()) {
            return CheckResult.failed(AUTHORIZATION_KEY_CHANGED, "expected a new AuthorizationKey of "
                    + AuthorizationKey.RULE + ", seen " + change.reason().replace("; expected " + AuthorizationKey.RULE, "")
                    + " (the value is a secret and not shown); octt answered Rejected, as a Charge Point must; change"
                    + " the Central System to generate a password of 16 to 20 bytes, sent as at most 40 hex digits")
                    .withEvidence("answer", "Rejected");
        }
        return CheckResult.passed(AUTHORIZATION_KEY_CHANGED, "ChangeConfiguration.req AuthorizationKey with a valid new"
                        + " value (" + config.authorizationKey().map(AuthorizationKey::describe).orElse("?")
                        + ", not shown) answered Accepted")
                .withEvidence("answer", "Accepted");
    }

    private static String status(CallAnswer answer) {
        return answer instanceof CallAnswer.Result r && r.payload().has("status") ? r.payload().get("status").asText()
                : "with a CALLERROR";
    }

    private static Flux<CheckResult> reconnect(TestContext context) {
        AuthorizationKey key = context.state().get(NEW_KEY).orElse(null);
        if (key == null) {
            return Flux.just(CheckResult.skipped(NEW_PASSWORD_UPGRADE, "no new AuthorizationKey was accepted (see "
                    + AUTHORIZATION_KEY_CHANGED + ")"));
        }
        String how = "with Basic auth as " + context.chargePointId().orElse("?") + " and the new password";
        return Upgrades.attempt(context, ConnectOptions.defaults().withBasicAuth(key), c -> {
            CheckResult check = Upgrades.upgrade(NEW_PASSWORD_UPGRADE, context, c, how);
            if (c.outcome().orElse(null) instanceof WebSocketOutcome.Rejected r && r.status() == 401) {
                check = CheckResult.failed(NEW_PASSWORD_UPGRADE, "expected 101 Switching Protocols " + how + " (the"
                        + " AuthorizationKey the Central System set, " + key.describe() + "), seen: " + r.message()
                        + "; the Central System must accept the new password once the Charge Point accepted it")
                        .withEvidence("status", r.status());
            }
            if (check.verdict() == Verdict.PASSED) {
                context.state().put(NEW_PASSWORD_WORKS, true);
            }
            return Mono.just(check);
        }).flux();
    }

    private static Flux<CheckResult> oldPassword(TestContext context) {
        if (context.state().get(NEW_PASSWORD_WORKS).isEmpty()) {
            return Flux.just(CheckResult.skipped(OLD_PASSWORD_REFUSED, "not tried: the new password was not upgraded (see "
                    + NEW_PASSWORD_UPGRADE + "), so the old one is still the Charge Point's working password"));
        }
        String request = "the upgrade with Basic auth as " + context.chargePointId().orElse("?") + " and the old password";
        return Upgrades.attempt(context, ConnectOptions.defaults(), c ->
                Mono.just(Upgrades.refusal(OLD_PASSWORD_REFUSED, c, request, Upgrades.Refused.CREDENTIALS)
                        .orElseGet(() -> CheckResult.failed(OLD_PASSWORD_REFUSED, "expected " + request + " refused (401"
                                + " Unauthorized), seen 101 Switching Protocols: the Central System still accepts the"
                                + " password the Charge Point replaced; change it to accept only the new"
                                + " AuthorizationKey once the Charge Point accepted it (" + Upgrades.basicAuthRequirements(context)
                                + ": the password is the AuthorizationKey)")))).flux();
    }
}
