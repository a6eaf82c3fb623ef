package org.octt.junit.example;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The team's own tests, which run beside the octt test cases in the same Surefire run; here one
 * that checks the session set up the target the octt engine reads.
 */
class ReferenceCentralSystemSessionTests {

    @Test
    void theSessionPointsTheOcttEngineAtTheReferenceCentralSystem() {
        assertThat(System.getProperty("octt.url")).matches("wss://csms\\.octt\\.test:\\d+/ocpp/CP001");
        assertThat(System.getProperty("octt.resolve")).matches("csms\\.octt\\.test:\\d+:127\\.0\\.0\\.1");
    }
}
