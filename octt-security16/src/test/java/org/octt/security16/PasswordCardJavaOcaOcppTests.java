package org.octt.security16;

import eu.chargetime.ocpp.model.core.ChangeConfigurationConfirmation;
import eu.chargetime.ocpp.model.core.ChangeConfigurationRequest;
import eu.chargetime.ocpp.model.core.ConfigurationStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.octt.core.engine.TestCaseResult;
import org.octt.core.spi.ActionHandler;
import org.octt.core.spi.ActionOutcome;
import org.octt.tc086.InteropPki;
import org.octt.tc086.JavaOcaOcppServer;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.octt.core.spi.Verdict.PASSED;
import static org.octt.security16.Runs.check;
import static org.octt.security16.Runs.run;
import static org.octt.security16.Runs.verdicts;

/**
 * TC_073_CSMS against the Java-OCA-OCPP JSON server (eu.chargetime.ocpp v1_6 1.1.0), its operator
 * action performed through that server's own API, as a CI hook would call a real Central System's.
 */
@Timeout(120)
class PasswordCardJavaOcaOcppTests {

    static InteropPki pki;

    @BeforeAll
    static void generatePki() {
        pki = InteropPki.generate();
    }

    /** The operator's part: a fresh 40-hex-digit key sent with ChangeConfiguration, its 20 bytes accepted once Accepted. */
    private static ActionHandler changeKeyThrough(JavaOcaOcppServer server) {
        return action -> {
            byte[] password = new byte[20];
            new SecureRandom().nextBytes(password);
            return Mono.fromCompletionStage(() -> server.send(new ChangeConfigurationRequest("AuthorizationKey",
                            HexFormat.of().formatHex(password))))
                    .map(conf -> {
                        ConfigurationStatus status = ((ChangeConfigurationConfirmation) conf).getStatus();
                        if (status == ConfigurationStatus.Accepted) {
                            server.acceptPassword(password);
                        }
                        return ActionOutcome.triggered("Java-OCA-OCPP sent ChangeConfiguration AuthorizationKey: " + status);
                    });
        };
    }

    @Test
    void tc073PassesWhenTheServersOperatorSetsANewHexKey() throws IOException {
        try (JavaOcaOcppServer s = JavaOcaOcppServer.start(InteropPki.PASSWORD, pki.rsa, pki.ec)) {
            TestCaseResult r = run(Tc073TestCase.ID, pki.profile2(s.address()).actionHandler(changeKeyThrough(s)).build());

            assertThat(verdicts(r)).containsOnly(Map.entry("ws.upgrade", PASSED), Map.entry("ocpp.boot-notification", PASSED),
                    Map.entry("ocpp.status-notification", PASSED), Map.entry("ocpp.authorization-key-changed", PASSED),
                    Map.entry("ws.new-password-upgrade", PASSED), Map.entry("ws.old-password-refused", PASSED));
            assertThat(check(r, "ws.old-password-refused").warnings()).singleElement().asString()
                    .startsWith("expected 401 Unauthorized for missing or wrong credentials (RFC 7235 §3.1), seen 404");
            assertThat(s.authentications).containsExactly("accepted CP001 at /ocpp/CP001", "accepted CP001 at /ocpp/CP001",
                    "refused CP001 at /ocpp/CP001");
        }
    }
}
