package org.octt.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.OcppVersion;
import org.octt.core.spi.OperatorAction;
import org.octt.core.spi.Prerequisites;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.Step;
import org.octt.core.spi.SystemUnderTest;
import org.octt.core.spi.TestCase;
import org.octt.core.spi.TestContext;
import org.octt.ocpp.cp.ChargePoint;
import org.octt.ocpp.cp.Connection;
import org.octt.ocpp.cp.ExpectedCall;
import org.octt.ocpp.cp.Ocpp16Checks;
import org.octt.ocpp.j.CallAnswer;
import org.octt.testkit.CentralSystemAction;
import org.octt.testkit.RunningCentralSystem;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small card of the CLI's tests that needs an operator action, as the Central System initiated cards do: it
 * connects (profile 2 or 3), asks for {@code TC_FAKE_ACTION.trigger-heartbeat} ("make the Central System send
 * TriggerMessage Heartbeat") and checks that the TriggerMessage came. {@link #TRIGGER} is what the reference Central
 * System does for it; register it with {@code ReferenceCentralSystem.builder().action(ActionCard.TRIGGER)}.
 */
final class ActionCard implements TestCase {

    static final String ID = "TC_FAKE_ACTION";
    static final String ACTION_ID = ID + ".trigger-heartbeat";
    static final String CHECK = "ocpp.trigger-message-received";
    static final String SUITE = "fake-actions";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The reference Central System's side: sends TriggerMessage with the action's requestedMessage parameter. */
    static final CentralSystemAction TRIGGER = new CentralSystemAction() {
        @Override
        public String actionId() {
            return ACTION_ID;
        }

        @Override
        public Mono<String> perform(RunningCentralSystem cs, String chargePointId, Map<String, String> parameters) {
            String message = parameters.getOrDefault("requestedMessage", "Heartbeat");
            // the Charge Point may have asked before the server registered its session: wait for it first
            return cs.connected(chargePointId).timeout(Duration.ofSeconds(10))
                    .then(Mono.defer(() -> cs.send(chargePointId, "TriggerMessage",
                            "{\"requestedMessage\":\"" + message + "\"}")))
                    .timeout(Duration.ofSeconds(10))
                    .map(answer -> "sent TriggerMessage " + message + " to " + chargePointId);
        }
    };

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "A fake card that needs an operator action";
    }

    @Override
    public SystemUnderTest systemUnderTest() {
        return SystemUnderTest.CENTRAL_SYSTEM;
    }

    @Override
    public OcppVersion ocppVersion() {
        return OcppVersion.OCPP_16J;
    }

    @Override
    public Prerequisites prerequisites() {
        return Prerequisites.securityProfiles(SecurityProfile.TLS_BASIC_AUTH, SecurityProfile.TLS_CLIENT_CERTIFICATE)
                .withOperatorActions();
    }

    @Override
    public Set<String> suites() {
        return Set.of(SUITE);
    }

    @Override
    public List<Step> steps() {
        return List.of(Step.of("trigger", "the Central System sends TriggerMessage on an operator action", List.of(CHECK),
                ActionCard::trigger));
    }

    private static Flux<CheckResult> trigger(TestContext context) {
        OperatorAction action = OperatorAction.of("trigger-heartbeat",
                "make the Central System send TriggerMessage.req with requestedMessage Heartbeat to "
                        + context.chargePointId().orElse("the Charge Point"), "TriggerMessage",
                context.timeouts().action()).withParameter("requestedMessage", "Heartbeat");
        return ChargePoint.connect(context).flatMapMany(connection -> {
            if (!(connection instanceof Connection.Open open)) {
                return Flux.just(CheckResult.inconclusive(CHECK, "not connected: " + connection.message()));
            }
            CallAnswer accepted = CallAnswer.result(MAPPER.createObjectNode().put("status", "Accepted"));
            return open.session().expectCall(context, action, call -> accepted)
                    .map(outcome -> Ocpp16Checks.notReceived(CHECK, outcome).orElseGet(() ->
                            CheckResult.passed(CHECK, "received " + ((ExpectedCall.Received) outcome).call().action()
                                    + ".req")))
                    .flux()
                    .concatWith(connection.close().then(Mono.empty()));
        });
    }
}
