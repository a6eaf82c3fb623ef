package org.octt.ocpp.cp;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;
import org.octt.core.spi.Secret;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.Target;
import org.octt.core.spi.TestContext;
import org.octt.ocpp.cp.ChargePointConfiguration.ConfigurationChange;
import org.octt.ocpp.j.CallAnswer;
import org.octt.ocpp.j.IncomingCall;
import org.octt.ocpp.v16.message.ConfigurationStatus;

import java.net.URI;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** How the simulated Charge Point answers ChangeConfiguration of its security keys. */
class ChargePointConfigurationTests {

    @Test
    void acceptsAValidAuthorizationKeyAndUsesItFromThen() {
        ChargePointConfiguration config = ChargePointConfiguration.of(2, AuthorizationKey.of("old-password-1234"), true, false);

        ConfigurationChange change = config.change("AuthorizationKey", "00112233445566778899aabbccddeeff00112233");

        assertThat(change).isEqualTo(new ConfigurationChange("AuthorizationKey", ConfigurationStatus.Accepted,
                Optional.empty(), "a valid AuthorizationKey: 40 hex digits (a 20-byte password)"));
        assertThat(config.authorizationKey()).contains(AuthorizationKey.of("00112233445566778899aabbccddeeff00112233"));
        assertThat(config.toString()).isEqualTo("ChargePointConfiguration[securityProfile=2, authorizationKey=40 hex"
                + " digits (a 20-byte password)]");
    }

    @Test
    void rejectsAnInvalidAuthorizationKeyKeepingTheOldOne() {
        AuthorizationKey old = AuthorizationKey.of("old-password-1234");
        ChargePointConfiguration config = ChargePointConfiguration.of(1, old, false, false);

        ConfigurationChange change = config.change("AuthorizationKey", "too-short");

        assertThat(change.status()).isEqualTo(ConfigurationStatus.Rejected);
        assertThat(change.value()).isEmpty();
        assertThat(change.reason()).startsWith("a value of 9 characters; expected 16 to 20").doesNotContain("too-short");
        assertThat(config.authorizationKey()).contains(old);
    }

    @Test
    void acceptsOnlyAHigherSecurityProfile() {
        ChargePointConfiguration config = ChargePointConfiguration.of(2, null, true, true);

        assertThat(config.change("SecurityProfile", "2").reason()).isEqualTo("security profile 2 is not above the"
                + " current 2; a Charge Point only raises its security profile, never lowers or repeats it");
        assertThat(config.change("SecurityProfile", "1").status()).isEqualTo(ConfigurationStatus.Rejected);
        ConfigurationChange raised = config.change("SecurityProfile", "3");

        assertThat(raised).isEqualTo(new ConfigurationChange("SecurityProfile", ConfigurationStatus.Accepted,
                Optional.of("3"), "security profile 2 raised to 3; it takes effect on the next connection"));
        assertThat(config.securityProfile()).isEqualTo(3);
        assertThat(config.lastChange("SecurityProfile")).contains(raised);
        assertThat(config.changes()).hasSize(3);
    }

    @Test
    void rejectsASecurityProfileOutsideZeroToThree() {
        ChargePointConfiguration config = ChargePointConfiguration.of(1, null, true, true);

        assertThat(config.change("SecurityProfile", "4").reason()).isEqualTo("'4' is not a security profile (0 to 3)");
        assertThat(config.change("SecurityProfile", "two").reason()).isEqualTo("'two' is not a security profile (0 to 3)");
        assertThat(config.change("SecurityProfile", "-1").status()).isEqualTo(ConfigurationStatus.Rejected);
        assertThat(config.securityProfile()).isEqualTo(1);
    }

    @Test
    void rejectsAProfileWhoseCertificatesAreNotInstalled() {
        assertThat(ChargePointConfiguration.of(1, null, false, false).change("SecurityProfile", "2").reason())
                .isEqualTo("security profile 2 needs a CentralSystemRootCertificate installed, and none is");
        assertThat(ChargePointConfiguration.of(2, null, true, false).change("SecurityProfile", "3").reason())
                .isEqualTo("security profile 3 needs a ChargePointCertificate installed, and none is");
    }

    @Test
    void answersChangeConfigurationCallsAndOtherKeysNotSupported() {
        ChargePointConfiguration config = ChargePointConfiguration.of(1, null, true, false);
        var json = JsonNodeFactory.instance;

        CallAnswer raised = config.answer(new IncomingCall("1", "ChangeConfiguration",
                json.objectNode().put("key", "SecurityProfile").put("value", "2")));
        CallAnswer other = config.answer(new IncomingCall("2", "ChangeConfiguration",
                json.objectNode().put("key", "HeartbeatInterval").put("value", "60")));
        CallAnswer malformed = config.answer(new IncomingCall("3", "ChangeConfiguration",
                json.objectNode().put("key", "SecurityProfile").put("value", 2)));

        assertThat(raised).isEqualTo(CallAnswer.status("Accepted"));
        assertThat(other).isEqualTo(CallAnswer.status("NotSupported"));
        assertThat(config.lastChange("HeartbeatInterval").orElseThrow().reason())
                .isEqualTo("this Charge Point has no configuration key HeartbeatInterval that can be changed");
        assertThat(malformed).isInstanceOf(CallAnswer.Error.class);
        assertThat(((CallAnswer.Error) malformed).code()).isEqualTo("FormationViolation");
    }

    @Test
    void takesItsStartFromTheContext() {
        TestContext context = TestContext.builder(Target.of(URI.create("wss://csms.example.com/ocpp/CP001")))
                .securityProfile(SecurityProfile.TLS_BASIC_AUTH)
                .basicAuthPassword(Secret.of("0123456789abcdef0123456789abcdef"))
                .build();

        ChargePointConfiguration config = ChargePointConfiguration.from(context);

        assertThat(config.securityProfile()).isEqualTo(2);
        assertThat(config.authorizationKey().orElseThrow().passwordLength()).isEqualTo(16);
        assertThat(config.change("SecurityProfile", "3").reason()).isEqualTo("security profile 3 needs a"
                + " CentralSystemRootCertificate installed, and none is");
    }
}
