package org.octt.security16;

import org.octt.core.spi.CheckResult;
import org.octt.core.spi.OptionDescriptor;
import org.octt.core.spi.Prerequisites;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.Step;
import org.octt.core.spi.TestCase;
import org.octt.core.spi.TestContext;
import org.octt.ocpp.cp.BootSequence;
import org.octt.ocpp.cp.ChargePoint;
import org.octt.ocpp.cp.ConnectOptions;
import org.octt.ocpp.cp.Connection;
import org.octt.ocpp.cp.Ocpp16Checks;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * TC_085_CSMS "Basic Authentication - Valid username/password combination" (OCPP 1.6 test case
 * document, Central System, 2025-11 steps), security profile 1 ({@code ws://}) or 2 ({@code wss://}):
 * <ol>
 *   <li>an upgrade without an {@code Authorization} header must not be upgraded
 *       ({@value #NO_AUTH_REFUSED});</li>
 *   <li>the upgrade with {@code Authorization: Basic base64(<ChargePointId>:<password>)} must be
 *       ({@value #UPGRADE}: 101, {@code ocpp1.6}), then BootNotification ({@value #BOOT_NOTIFICATION}:
 *       Accepted) and StatusNotification for connector 0 and each connector
 *       ({@value #STATUS_NOTIFICATION}).</li>
 * </ol>
 * Under profile 2 nothing is sent before the server certificate validated (the trust anchors and the
 * host name), unless the context is insecure.
 */
public final class Tc085TestCase extends Ocpp16SecurityCard {

    public static final String ID = "TC_085_CSMS";
    public static final String TITLE = "Basic Authentication - Valid username/password combination";

    /** An upgrade without an Authorization header is not upgraded. */
    public static final String NO_AUTH_REFUSED = "ws.no-auth-refused";
    /** The upgrade with the right Basic credentials: 101 with ocpp1.6. */
    public static final String UPGRADE = "ws.upgrade";
    /** BootNotification.conf Accepted. */
    public static final String BOOT_NOTIFICATION = "ocpp.boot-notification";
    /** StatusNotification for connector 0 and each connector, each answered. */
    public static final String STATUS_NOTIFICATION = "ocpp.status-notification";

    private static final BootSequence BOOT = BootSequence.of(BOOT_NOTIFICATION, STATUS_NOTIFICATION, "octt-tc085");

    private static final List<OptionDescriptor> OPTIONS = BootSequence.options("octt-tc085");

    private final List<Step> steps = List.of(
            Step.of("upgrade-without-credentials", "upgrade without an Authorization header: not upgraded",
                    List.of(NO_AUTH_REFUSED), Tc085TestCase::withoutCredentials),
            Step.of("basic-auth-session", "upgrade with Basic auth, BootNotification, StatusNotification",
                    List.of(UPGRADE, BOOT_NOTIFICATION, STATUS_NOTIFICATION), Tc085TestCase::session));

    public Tc085TestCase() {
        super(ID, TITLE);
    }

    @Override
    public List<Step> steps() {
        return steps;
    }

    /** {@code ocpp.vendor}, {@code ocpp.model}, {@code ocpp.connectors}, as TC_086. */
    @Override
    public List<OptionDescriptor> options() {
        return OPTIONS;
    }

    /** Security profiles 1 and 2: the Basic auth profiles. */
    @Override
    public Prerequisites prerequisites() {
        return Prerequisites.securityProfiles(SecurityProfile.UNSECURED_BASIC_AUTH, SecurityProfile.TLS_BASIC_AUTH);
    }

    private static Flux<CheckResult> withoutCredentials(TestContext context) {
        String request = "the upgrade without an Authorization header";
        return Upgrades.attempt(context, ConnectOptions.defaults().withoutBasicAuth(), c ->
                Mono.just(Upgrades.refusal(NO_AUTH_REFUSED, c, request, Upgrades.Refused.CREDENTIALS)
                        .orElseGet(() -> Upgrades.insecureWarning(CheckResult.failed(NO_AUTH_REFUSED,
                                "expected " + request + " refused (401 Unauthorized), seen 101 Switching Protocols: a"
                                        + " WebSocket session without any credentials; change the Central System to"
                                        + " require HTTP Basic auth (user = the ChargePointId, password = its"
                                        + " AuthorizationKey) on every upgrade under security profile "
                                        + context.securityProfile().number() + " ("
                                        + Upgrades.basicAuthRequirements(context) + ")"),
                                c.outcome().orElseThrow())))).flux();
    }

    private static Flux<CheckResult> session(TestContext context) {
        return Flux.usingWhen(ChargePoint.connect(context), c -> {
            CheckResult upgrade = Ocpp16Checks.withMessageLog(
                    Upgrades.upgrade(UPGRADE, context, c, Upgrades.how(context)), c.log().entries());
            if (!(c instanceof Connection.Open open)) {
                return Flux.just(upgrade).concatWith(BOOT.skipped("no WebSocket session: " + c.message()));
            }
            return Flux.just(upgrade).concatWith(BOOT.run(context, open.session()));
        }, Connection::close);
    }
}
