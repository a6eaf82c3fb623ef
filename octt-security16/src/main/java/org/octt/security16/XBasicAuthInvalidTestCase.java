package org.octt.security16;

import org.octt.core.spi.CheckResult;
import org.octt.core.spi.Prerequisites;
import org.octt.core.spi.Secret;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.Step;
import org.octt.core.spi.TestCase;
import org.octt.core.spi.TestContext;
import org.octt.ocpp.cp.ChargePoint;
import org.octt.ocpp.cp.ConnectOptions;
import org.octt.ocpp.cp.Connection;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * {@code X_BASIC_AUTH_INVALID_CSMS}, an octt extension (not an OCA card: the OCPP 1.6 test case
 * document has no card for it; OCPP 2.0.1 has TC_A_02): the refusals of wrong Basic credentials the
 * security whitepaper requires (A00.FR.203/204 under profile 1, A00.FR.303/304 under profile 2).
 * <ol>
 *   <li>{@value #WRONG_PASSWORD_REFUSED}: user = the ChargePointId, a wrong password: not upgraded;</li>
 *   <li>{@value #WRONG_USERNAME_REFUSED}: the right password under another user name: not upgraded;</li>
 *   <li>{@value #UPGRADE}: the right credentials still work afterwards. Before the wrong attempts octt
 *       connects once with the right credentials (not a check), so that a refusal now is reported as
 *       an account locked by the failures rather than a wrong password.</li>
 * </ol>
 * A refusal that is not a 401 is a warning (RFC 7235), not a failure. Nothing is sent before the
 * server certificate validated (profile 2), unless the context is insecure.
 */
public final class XBasicAuthInvalidTestCase extends Ocpp16SecurityCard {

    public static final String ID = "X_BASIC_AUTH_INVALID_CSMS";
    public static final String TITLE = "Basic Authentication - wrong password or username refused (octt extension)";

    /** Basic auth as the ChargePointId with a wrong password is not upgraded. */
    public static final String WRONG_PASSWORD_REFUSED = "ws.wrong-password-refused";
    /** Basic auth with the right password under another user name is not upgraded. */
    public static final String WRONG_USERNAME_REFUSED = "ws.wrong-username-refused";
    /** The right credentials are still upgraded after the wrong attempts. */
    public static final String UPGRADE = "ws.upgrade";

    /** Appended to the ChargePointId to make the other user name. */
    static final String OTHER_USER_SUFFIX = "-octt-other";
    /** The wrong password (20 characters, as a real one could be), or its variant when it is the real one. */
    static final String WRONG_PASSWORD = "octt-wrong-pass-0000";

    private final List<Step> steps = List.of(Step.of("wrong-credentials",
            "wrong password, wrong username: refused; then the right credentials still upgraded",
            List.of(WRONG_PASSWORD_REFUSED, WRONG_USERNAME_REFUSED, UPGRADE), XBasicAuthInvalidTestCase::run));

    public XBasicAuthInvalidTestCase() {
        super(ID, TITLE);
    }

    @Override
    public List<Step> steps() {
        return steps;
    }

    /** Security profiles 1 and 2: the Basic auth profiles. */
    @Override
    public Prerequisites prerequisites() {
        return Prerequisites.securityProfiles(SecurityProfile.UNSECURED_BASIC_AUTH, SecurityProfile.TLS_BASIC_AUTH);
    }

    private static Flux<CheckResult> run(TestContext context) {
        if (context.basicAuthPassword().isEmpty() || context.chargePointId().isEmpty()) {
            String why = "not attempted: security profile " + context.securityProfile().number()
                    + " needs the Basic auth password and a ChargePointId in the URL";
            return Flux.just(CheckResult.inconclusive(WRONG_PASSWORD_REFUSED, why),
                    CheckResult.inconclusive(WRONG_USERNAME_REFUSED, why), CheckResult.inconclusive(UPGRADE, why));
        }
        String id = context.chargePointId().get();
        Secret right = context.basicAuthPassword().get();
        Secret wrong = Secret.of(right.reveal().equals(WRONG_PASSWORD) ? WRONG_PASSWORD + "1" : WRONG_PASSWORD);
        String otherUser = id + OTHER_USER_SUFFIX;
        Mono<Boolean> before = Flux.usingWhen(ChargePoint.connect(context),
                c -> Mono.just(c instanceof Connection.Open), Connection::close).next();
        Mono<CheckResult> wrongPassword = refusal(context, WRONG_PASSWORD_REFUSED,
                ConnectOptions.defaults().withBasicAuth(wrong),
                "the upgrade with Basic auth as " + id + " and a wrong password", "any password");
        Mono<CheckResult> wrongUser = refusal(context, WRONG_USERNAME_REFUSED,
                ConnectOptions.defaults().withBasicAuth(otherUser, right),
                "the upgrade with the right password under the user name " + otherUser + " (not the ChargePointId "
                        + id + ")", "the password under any user name");
        return before.flatMapMany(workedBefore -> Flux.concat(wrongPassword, wrongUser,
                Upgrades.attempt(context, ConnectOptions.defaults(), c -> Mono.just(afterwards(context, c, workedBefore)))));
    }

    private static Mono<CheckResult> refusal(TestContext context, String checkId, ConnectOptions options,
                                             String request, String accepted) {
        return Upgrades.attempt(context, options, c -> Mono.just(Upgrades.refusal(checkId, c, request,
                Upgrades.Refused.CREDENTIALS).orElseGet(() -> Upgrades.insecureWarning(CheckResult.failed(checkId,
                "expected " + request + " refused (401 Unauthorized), seen 101 Switching Protocols: the Central System"
                        + " accepts " + accepted + "; change it to accept only the ChargePointId as user name with that"
                        + " Charge Point's AuthorizationKey (" + Upgrades.basicAuthRequirements(context) + ")"),
                c.outcome().orElseThrow()))));
    }

    private static CheckResult afterwards(TestContext context, Connection c, boolean workedBefore) {
        CheckResult check = Upgrades.upgrade(UPGRADE, context, c, Upgrades.how(context) + " after the wrong attempts");
        check = check.withEvidence("upgradedBeforeTheWrongAttempts", workedBefore);
        if (c instanceof Connection.Failed f && f.status().isPresent() && f.status().getAsInt() == 401) {
            return check.withMessage(workedBefore
                    ? "expected the right credentials still upgraded after two wrong attempts, seen " + c.message()
                            + ", although they were upgraded just before those attempts: the Central System locks the"
                            + " Charge Point's account after failed authentications, so anyone who knows its"
                            + " ChargePointId can lock it out; change it to refuse only the wrong attempts (a delay"
                            + " after failures is fine, a lock of the right credentials is not)"
                    : "expected the right credentials upgraded, seen " + c.message() + ", as before the wrong attempts:"
                            + " the configured password is refused; check the Charge Point's password and that the"
                            + " username is the ChargePointId");
        }
        return check;
    }
}
