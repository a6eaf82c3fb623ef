package org.octt.ocpp.cp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.OptionDescriptor;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Verdict;
import org.octt.ocpp.j.AnsweredCall;
import org.octt.ocpp.j.CallOutcome;
import org.octt.ocpp.j.MessageLog;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a Charge Point says first on a new session, as the OCPP 1.6 security cards check it
 * (TC_085, TC_086, TC_087): BootNotification.req (its answer must be Accepted) and, once accepted,
 * StatusNotification.req for connector 0 and each connector. Two checks come out, each carrying the
 * part of the message log said while it ran and the Central System's CALLs answered meanwhile.
 *
 * <p>The options it reads from the context: {@value #VENDOR_OPTION}, {@value #MODEL_OPTION},
 * {@value #CONNECTORS_OPTION}. Immutable.
 */
public final class BootSequence {

    /** chargePointVendor sent in BootNotification; default {@code octt}. */
    public static final String VENDOR_OPTION = "ocpp.vendor";
    /** chargePointModel sent in BootNotification; the default is the card's. */
    public static final String MODEL_OPTION = "ocpp.model";
    /** How many connectors get a StatusNotification, besides connector 0; default 1. */
    public static final String CONNECTORS_OPTION = "ocpp.connectors";


    private final String bootCheckId;
    private final String statusCheckId;
    private final String defaultModel;

    private BootSequence(String bootCheckId, String statusCheckId, String defaultModel) {
        this.bootCheckId = Objects.requireNonNull(bootCheckId, "bootCheckId");
        this.statusCheckId = Objects.requireNonNull(statusCheckId, "statusCheckId");
        this.defaultModel = Objects.requireNonNull(defaultModel, "defaultModel");
    }

    /**
     * The sequence reporting {@code bootCheckId} and {@code statusCheckId}, sending
     * {@code defaultModel} as chargePointModel unless the option {@value #MODEL_OPTION} is set.
     */
    public static BootSequence of(String bootCheckId, String statusCheckId, String defaultModel) {
        return new BootSequence(bootCheckId, statusCheckId, defaultModel);
    }

    /**
     * The options this sequence reads, for a test case to declare ({@code TestCase.options()}):
     * {@value #VENDOR_OPTION}, {@value #MODEL_OPTION} (default {@code defaultModel}) and
     * {@value #CONNECTORS_OPTION} (1 to 100).
     */
    public static List<OptionDescriptor> options(String defaultModel) {
        return List.of(
                OptionDescriptor.string(VENDOR_OPTION, "octt", "chargePointVendor sent in BootNotification"),
                OptionDescriptor.string(MODEL_OPTION, defaultModel, "chargePointModel sent in BootNotification"),
                OptionDescriptor.integer(CONNECTORS_OPTION, 1, 1, 100,
                        "connectors the simulated Charge Point reports (a StatusNotification each, and one for connector 0)"));
    }

    /**
     * BootNotification, then (only when it was accepted) the StatusNotifications: two checks, each
     * with its part of {@code cp}'s message log and the Central System's CALLs answered while it ran.
     */
    public Flux<CheckResult> run(TestContext context, ChargePointSession cp) {
        MessageLog log = cp.log();
        int start = log.size();
        Mono<CheckResult> boot = Mono.defer(() -> cp.call("BootNotification", bootRequest(context)))
                .map(this::bootCheck)
                .onErrorResume(IllegalArgumentException.class, e -> Mono.just(CheckResult.inconclusive(
                        bootCheckId, "not sent: " + e.getMessage()
                                + " (check the options " + VENDOR_OPTION + " and " + MODEL_OPTION + ")")));
        return boot.flatMapMany(b -> {
            CheckResult bootCheck = Ocpp16Checks.withMessageLog(
                    withCentralSystemCalls(b, cp.answeredCalls()), log.since(start));
            int answeredBefore = cp.answeredCalls().size();
            int booted = log.size();
            Mono<CheckResult> status = bootCheck.verdict() == Verdict.PASSED
                    ? statusNotifications(context, cp).map(check -> {
                        List<AnsweredCall> all = cp.answeredCalls();
                        return Ocpp16Checks.withMessageLog(withCentralSystemCalls(check,
                                all.subList(Math.min(answeredBefore, all.size()), all.size())), log.since(booted));
                    })
                    : Mono.just(CheckResult.skipped(statusCheckId,
                            "not sent: the Central System did not accept the BootNotification, and a Charge Point"
                                    + " sends no other message before it is accepted"));
            return Flux.concat(Mono.just(bootCheck), status);
        });
    }

    /** Both checks SKIPPED with {@code reason} (e.g. no WebSocket session). */
    public Flux<CheckResult> skipped(String reason) {
        return Flux.just(CheckResult.skipped(bootCheckId, reason), CheckResult.skipped(statusCheckId, reason));
    }

    /**
     * The check with the Central System's CALLs answered while it ran: each CALL and octt's answer in
     * the evidence ({@code centralSystemCalls}) and a summary appended to the message. The verdict
     * is unchanged: a Central System may send CALLs at any time.
     */
    public static CheckResult withCentralSystemCalls(CheckResult check, List<AnsweredCall> calls) {
        if (calls.isEmpty()) {
            return check;
        }
        List<Map<String, Object>> evidence = new ArrayList<>();
        for (AnsweredCall c : calls) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("action", c.action());
            e.put("received", c.received());
            e.put("answered", c.answered());
            evidence.add(e);
        }
        String summary = calls.stream().map(AnsweredCall::summary).collect(Collectors.joining("; "));
        return check.withMessage(check.message() + " (meanwhile the Central System sent "
                + calls.size() + " CALL(s), each answered at once: " + summary + ")")
                .withEvidence("centralSystemCalls", evidence);
    }

    private ObjectNode bootRequest(TestContext context) {
        return Ocpp16Checks.bootNotificationRequest(context.option(VENDOR_OPTION).orElse("octt"),
                context.option(MODEL_OPTION).orElse(defaultModel));
    }

    /**
     * PASSED for a BootNotification.conf with status Accepted, an ISO 8601 currentTime and a
     * non-negative integer interval; FAILED naming each problem otherwise. A schema violation the
     * checks do not catch is a warning.
     */
    public CheckResult bootCheck(CallOutcome outcome) {
        return Ocpp16Checks.bootNotification(bootCheckId, outcome);
    }

    private Mono<CheckResult> statusNotifications(TestContext context, ChargePointSession cp) {
        int connectors = context.option(CONNECTORS_OPTION).map(Integer::parseInt).orElse(1);
        return Ocpp16Checks.statusNotifications(statusCheckId, cp, connectors, context.clock());
    }

    @Override
    public String toString() {
        return "BootSequence[" + bootCheckId + ", " + statusCheckId + "]";
    }
}
