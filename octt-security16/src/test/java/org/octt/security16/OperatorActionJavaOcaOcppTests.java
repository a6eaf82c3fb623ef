package org.octt.security16;

import eu.chargetime.ocpp.model.core.ChangeConfigurationRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.octt.core.spi.ActionHandler;
import org.octt.core.spi.ActionOutcome;
import org.octt.core.spi.OperatorAction;
import org.octt.core.spi.TestContext;
import org.octt.ocpp.cp.ChargePoint;
import org.octt.ocpp.cp.ChargePointSession;
import org.octt.ocpp.cp.Connection;
import org.octt.ocpp.cp.ExpectedCall;
import org.octt.ocpp.j.CallAnswer;
import org.octt.tc086.InteropPki;
import org.octt.tc086.JavaOcaOcppServer;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operator actions against a Central System octt's authors did not write: an {@link ActionHandler}
 * makes the Java-OCA-OCPP server (eu.chargetime.ocpp v1_6 1.1.0) send the request through its own
 * API, as a CI hook calls a real Central System's API, and the toolkit receives it.
 */
@Timeout(120)
class OperatorActionJavaOcaOcppTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static InteropPki pki;

    @BeforeAll
    static void generatePki() {
        pki = InteropPki.generate();
    }

    /** Makes the Java-OCA-OCPP server send ChangeConfiguration with the action's key and value. */
    private static ActionHandler through(JavaOcaOcppServer server) {
        return action -> Mono.fromCompletionStage(() -> server.send(new ChangeConfigurationRequest(
                        action.parameters().get("key"), action.parameters().get("value"))))
                .map(conf -> ActionOutcome.triggered("Java-OCA-OCPP sent ChangeConfiguration, answered " + conf));
    }

    @Test
    void receivesTheRequestTheThirdPartyCentralSystemSendsWhenTheHandlerCallsItsApi() throws IOException {
        try (JavaOcaOcppServer s = JavaOcaOcppServer.start(InteropPki.PASSWORD, pki.rsa, pki.ec)) {
            TestContext context = pki.profile2(s.address()).actionHandler(through(s)).build().withTestCaseId("TC_TEST");
            OperatorAction action = OperatorAction.of("change-heartbeat-interval",
                    "make the Central System send ChangeConfiguration.req with key HeartbeatInterval",
                    "ChangeConfiguration", Duration.ofSeconds(20))
                    .withParameter("key", "HeartbeatInterval").withParameter("value", "120");
            Connection c = ChargePoint.connect(context).block(WAIT);
            assertThat(c).as(c.message()).isInstanceOf(Connection.Open.class);
            try {
                ChargePointSession session = ((Connection.Open) c).session();
                CallAnswer accepted = CallAnswer.result(new com.fasterxml.jackson.databind.ObjectMapper()
                        .createObjectNode().put("status", "Accepted"));

                ExpectedCall outcome = session.expectCall(context, action, call -> accepted).block(WAIT);

                assertThat(outcome).isInstanceOfSatisfying(ExpectedCall.Received.class, r -> {
                    assertThat(r.call().payload().path("key").asText()).isEqualTo("HeartbeatInterval");
                    assertThat(r.call().payload().path("value").asText()).isEqualTo("120");
                    assertThat(r.violations()).isEmpty();
                });
            } finally {
                c.close().block(WAIT);
            }
        }
    }
}
