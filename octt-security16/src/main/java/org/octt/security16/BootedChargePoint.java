package org.octt.security16;

import org.octt.core.spi.CheckResult;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Verdict;
import org.octt.ocpp.cp.BootSequence;
import org.octt.ocpp.cp.ChargePoint;
import org.octt.ocpp.cp.ChargePointSession;
import org.octt.ocpp.cp.Connection;
import org.octt.ocpp.cp.Ocpp16Checks;
import reactor.core.publisher.Flux;

import java.util.List;
import java.util.function.Function;

/**
 * The start of every card the Central System initiates (TC_079, TC_080, TC_081): a connected,
 * booted Charge Point. Connects with the context (the profile's credentials), judges the upgrade,
 * runs the boot sequence, then the card's own part on the open session; closes the session at the
 * end. When there is no session, or the BootNotification was not accepted, the card's own checks
 * are SKIPPED with the reason.
 */
final class BootedChargePoint {

    /** The upgrade: 101 with ocpp1.6. */
    static final String UPGRADE = "ws.upgrade";
    /** BootNotification.conf Accepted. */
    static final String BOOT_NOTIFICATION = "ocpp.boot-notification";
    /** StatusNotification for connector 0 and each connector, each answered. */
    static final String STATUS_NOTIFICATION = "ocpp.status-notification";

    private BootedChargePoint() {
    }

    /**
     * Emits {@value #UPGRADE}, the boot checks, then the checks of {@code body} (or
     * {@code bodyCheckIds} SKIPPED when the Charge Point is not connected and booted).
     */
    static Flux<CheckResult> run(TestContext context, BootSequence boot, List<String> bodyCheckIds,
                                 Function<ChargePointSession, Flux<CheckResult>> body) {
        return Flux.usingWhen(ChargePoint.connect(context), c -> {
            CheckResult upgrade = Ocpp16Checks.withMessageLog(
                    Upgrades.upgrade(UPGRADE, context, c, Upgrades.how(context)), c.log().entries());
            if (!(c instanceof Connection.Open open)) {
                String reason = "no WebSocket session: " + c.message();
                return Flux.just(upgrade).concatWith(boot.skipped(reason)).concatWith(skipped(bodyCheckIds, reason));
            }
            return Flux.just(upgrade).concatWith(boot.run(context, open.session()).collectList().flatMapMany(checks -> {
                boolean booted = checks.stream().anyMatch(k -> k.id().equals(bootCheckId(checks)) && k.verdict() == Verdict.PASSED);
                Flux<CheckResult> rest = booted ? body.apply(open.session())
                        : skipped(bodyCheckIds, "the Charge Point is not booted: the Central System did not accept its"
                                + " BootNotification, and the card starts from a booted Charge Point");
                return Flux.fromIterable(checks).concatWith(rest);
            }));
        }, Connection::close);
    }

    private static String bootCheckId(List<CheckResult> checks) {
        return checks.get(0).id(); // BootSequence emits the boot check first
    }

    /** Each id SKIPPED with {@code reason}. */
    static Flux<CheckResult> skipped(List<String> ids, String reason) {
        return Flux.fromIterable(ids).map(id -> CheckResult.skipped(id, reason));
    }
}
