package org.octt.ocpp.cp;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.octt.core.spi.ActionOutcome;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.OperatorAction;
import org.octt.core.spi.Secret;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.Target;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Timeouts;
import org.octt.core.spi.Verdict;
import org.octt.ocpp.j.CallAnswer;
import org.octt.testkit.CentralSystemAction;
import org.octt.testkit.ReferenceCentralSystem;
import org.octt.testkit.ReferencePki;
import org.octt.testkit.RunningCentralSystem;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ChargePointSession#expectCall(TestContext, OperatorAction, org.octt.ocpp.j.CallResponder)}
 * against the reference Central System, whose control interface performs the action.
 */
@Timeout(60)
class OperatorActionCallTests {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String TRIGGER_HEARTBEAT = "TC_TEST.trigger-heartbeat";
    private static ReferencePki pki;
    private static RunningCentralSystem cs;

    /** What an operator would make the Central System do: send TriggerMessage Heartbeat. */
    private static final CentralSystemAction TRIGGER = new CentralSystemAction() {
        @Override
        public String actionId() {
            return TRIGGER_HEARTBEAT;
        }

        @Override
        public Mono<String> perform(RunningCentralSystem server, String chargePointId, Map<String, String> parameters) {
            return server.send(chargePointId, "TriggerMessage", "{\"requestedMessage\":\"" + parameters.get("message")
                            + "\"}")
                    .timeout(Duration.ofSeconds(5))
                    .map(answer -> "sent TriggerMessage " + parameters.get("message") + " to " + chargePointId);
        }
    };

    @BeforeAll
    static void start() {
        pki = ReferencePki.generate();
        cs = ReferenceCentralSystem.builder().pki(pki).action(TRIGGER).build().start();
    }

    @AfterAll
    static void stop() {
        cs.close();
    }

    private static TestContext.Builder profile2() {
        return TestContext.builder(Target.of(cs.url()).withConnectAddress(cs.connectAddress()))
                .securityProfile(SecurityProfile.TLS_BASIC_AUTH)
                .basicAuthPassword(Secret.of(cs.chargePointPasswordAsString()))
                .trustAnchors(List.of(cs.rootCertificate()))
                .timeouts(Timeouts.DEFAULTS.withNetwork(Duration.ofSeconds(5)));
    }

    private static OperatorAction triggerHeartbeat(Duration timeout) {
        return OperatorAction.of("trigger-heartbeat", "make the Central System send TriggerMessage Heartbeat",
                "TriggerMessage", timeout).withParameter("message", "Heartbeat");
    }

    private static ExpectedCall awaitWith(TestContext context, OperatorAction action) {
        Connection c = ChargePoint.connect(context).block(WAIT);
        assertThat(c).as(c.message()).isInstanceOf(Connection.Open.class);
        try {
            ChargePointSession session = ((Connection.Open) c).session();
            CallAnswer accepted = CallAnswer.result(MAPPER.createObjectNode().put("status", "Accepted"));
            return session.expectCall(context, action, call -> accepted).block(WAIT);
        } finally {
            c.close().block(WAIT);
        }
    }

    @Test
    void receivesTheCallTheReferenceCentralSystemSendsWhenItsActionHandlerPerformsTheAction() {
        TestContext context = profile2().actionHandler(cs.actionHandler()).build().withTestCaseId("TC_TEST");

        ExpectedCall outcome = awaitWith(context, triggerHeartbeat(Duration.ofSeconds(10)));

        assertThat(outcome).isInstanceOfSatisfying(ExpectedCall.Received.class, r -> {
            assertThat(r.call().action()).isEqualTo("TriggerMessage");
            assertThat(r.call().payload().path("requestedMessage").asText()).isEqualTo("Heartbeat");
            assertThat(r.answer().toString()).contains("Accepted");
        });
        assertThat(Ocpp16Checks.notReceived("cs.trigger", outcome)).isEmpty();
    }

    @Test
    void isInconclusiveNamingTheActionWhenNobodyActs() {
        TestContext context = profile2().build().withTestCaseId("TC_TEST"); // left to a person, who is not there

        ExpectedCall outcome = awaitWith(context, triggerHeartbeat(Duration.ofMillis(300)));

        assertThat(outcome).isEqualTo(new ExpectedCall.NotActed("TriggerMessage", TRIGGER_HEARTBEAT,
                Duration.ofMillis(300)));
        CheckResult check = Ocpp16Checks.notReceived("cs.trigger", outcome).orElseThrow();
        assertThat(check.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(check.message()).isEqualTo("no TriggerMessage.req within 300ms; nobody made the Central System"
                + " send it (action TC_TEST.trigger-heartbeat)");
        assertThat(check.evidence()).containsEntry("action", TRIGGER_HEARTBEAT);
    }

    @Test
    void endsAtOnceWithTheHooksFailureWhenTheActionCouldNotBeTriggered() {
        TestContext context = profile2()
                .actionHandler(a -> Mono.just(ActionOutcome.failed("the action hook exited 3: 503 from the CSMS API")))
                .build().withTestCaseId("TC_TEST");

        ExpectedCall outcome = awaitWith(context, triggerHeartbeat(Duration.ofSeconds(30)));

        assertThat(outcome).isEqualTo(new ExpectedCall.NotTriggered("TriggerMessage", TRIGGER_HEARTBEAT,
                "the action hook exited 3: 503 from the CSMS API"));
        CheckResult check = Ocpp16Checks.notReceived("cs.trigger", outcome).orElseThrow();
        assertThat(check.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(check.message()).isEqualTo("no TriggerMessage.req: the action TC_TEST.trigger-heartbeat could not"
                + " be triggered: the action hook exited 3: 503 from the CSMS API");
    }

    @Test
    void refusesAnActionItCannotPerformNamingTheOnesItCan() {
        assertThat(cs.actionIds()).contains(TRIGGER_HEARTBEAT);

        ActionOutcome outcome = cs.actionHandler().handle(triggerHeartbeat(Duration.ofSeconds(5))
                .forRun("TC_OTHER", java.util.Optional.of("CP001"), java.time.Instant.now())).block(WAIT);

        assertThat(outcome.kind()).isEqualTo(ActionOutcome.Kind.FAILED);
        assertThat(outcome.message()).startsWith("the reference Central System could not perform"
                + " TC_OTHER.trigger-heartbeat: the reference Central System cannot perform action"
                + " 'TC_OTHER.trigger-heartbeat'; it can: ").contains(TRIGGER_HEARTBEAT);
    }
}
