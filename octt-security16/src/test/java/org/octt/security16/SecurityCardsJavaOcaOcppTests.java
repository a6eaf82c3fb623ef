package org.octt.security16;

import org.octt.tc086.InteropPki;
import org.octt.tc086.JavaOcaOcppServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.octt.core.engine.TestCaseResult;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.octt.core.spi.Verdict.FAILED;
import static org.octt.core.spi.Verdict.PASSED;
import static org.octt.security16.Runs.check;
import static org.octt.security16.Runs.run;
import static org.octt.security16.Runs.verdicts;

/**
 * TC_085_CSMS, TC_088_CSMS and X_BASIC_AUTH_INVALID_CSMS against the Java-OCA-OCPP JSON server
 * (eu.chargetime.ocpp v1_6 1.1.0, WSS, TLS 1.2), a Central System octt's authors did not write.
 * The verdicts are recorded in docs/interop.md.
 */
@Timeout(120)
class SecurityCardsJavaOcaOcppTests {

    static InteropPki pki;

    @BeforeAll
    static void generatePki() {
        pki = InteropPki.generate();
    }

    private static final String NOT_401 = "expected 401 Unauthorized for missing or wrong credentials (RFC 7235 §3.1),"
            + " seen 404 WebSocket Upgrade Failure; change the answer to 401 with WWW-Authenticate: Basic";

    @Test
    void tc085PassesWithAWarningThatTheRefusalWithoutCredentialsIsA404() throws IOException {
        try (JavaOcaOcppServer s = JavaOcaOcppServer.start(InteropPki.PASSWORD, pki.rsa, pki.ec)) {
            TestCaseResult r = run(Tc085TestCase.ID, pki.profile2(s.address()).build());

            assertThat(verdicts(r)).containsOnly(Map.entry("ws.no-auth-refused", PASSED), Map.entry("ws.upgrade", PASSED),
                    Map.entry("ocpp.boot-notification", PASSED), Map.entry("ocpp.status-notification", PASSED));
            assertThat(check(r, "ws.no-auth-refused").message()).isEqualTo("the upgrade without an Authorization header"
                    + " was refused: HTTP 404 WebSocket Upgrade Failure");
            assertThat(check(r, "ws.no-auth-refused").warnings()).containsExactly(NOT_401);
            assertThat(check(r, "ws.upgrade").message()).startsWith("101 Switching Protocols with Basic auth as CP001,"
                    + " subprotocol ocpp1.6 selected, over TLSv1.2");
            assertThat(s.authentications).containsExactly("refused null at /ocpp/CP001", "accepted CP001 at /ocpp/CP001");
            assertThat(s.statusNotificationConnectorIds).containsExactly(0, 1);
        }
    }

    @Test
    void tc088FailsBecauseTheServerKeepsASessionOfferedOnlyAnUnknownSubprotocol() throws IOException {
        try (JavaOcaOcppServer s = JavaOcaOcppServer.start(InteropPki.PASSWORD, pki.rsa, pki.ec)) {
            TestCaseResult r = run(Tc088TestCase.ID, pki.profile2(s.address()).build());

            assertThat(verdicts(r)).containsOnly(Map.entry(Tc088TestCase.UNKNOWN_REFUSED, FAILED),
                    Map.entry(Tc088TestCase.SELECTED, PASSED));
            assertThat(check(r, Tc088TestCase.UNKNOWN_REFUSED).message()).isEqualTo("expected no WebSocket for an offer"
                    + " of only ocpp0.1 (a 4xx, or 101 without Sec-WebSocket-Protocol and an immediate close), seen 101"
                    + " without a subprotocol and a session still open after 5s; change the Central System to close the"
                    + " WebSocket at once when it agrees to none of the offered subprotocols (OCPP-J 1.6 §3.2)");
            assertThat(check(r, Tc088TestCase.SELECTED).message()).startsWith("101 Switching Protocols with Basic auth as"
                    + " CP001 offering ocpp0.1,ocpp1.6, subprotocol ocpp1.6 selected, over TLSv1.2");
        }
    }

    @Test
    void basicAuthInvalidPassesWithWarningsThatTheRefusalsAre404() throws IOException {
        try (JavaOcaOcppServer s = JavaOcaOcppServer.start(InteropPki.PASSWORD, pki.rsa, pki.ec)) {
            TestCaseResult r = run(XBasicAuthInvalidTestCase.ID, pki.profile2(s.address()).build());

            assertThat(verdicts(r)).containsOnly(Map.entry("ws.wrong-password-refused", PASSED),
                    Map.entry("ws.wrong-username-refused", PASSED), Map.entry("ws.upgrade", PASSED));
            assertThat(check(r, "ws.wrong-password-refused").warnings()).containsExactly(NOT_401);
            assertThat(check(r, "ws.wrong-username-refused").warnings()).containsExactly(NOT_401);
            assertThat(s.authentications).containsExactly("accepted CP001 at /ocpp/CP001", "refused CP001 at /ocpp/CP001",
                    "refused CP001-octt-other at /ocpp/CP001", "accepted CP001 at /ocpp/CP001");
        }
    }
}
