package org.octt.security16;

import org.junit.jupiter.api.Test;
import org.octt.core.spi.Secret;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.Target;
import org.octt.core.spi.TestContext;

import java.net.InetSocketAddress;
import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** What TC_083 connects with after the change: the new profile's URL and what it needs configured. */
class Tc083ProfileContextTests {

    private static TestContext.Builder profile1() {
        return TestContext.builder(Target.of(URI.create("ws://csms.example.com:8080/ocpp/CP001"))
                        .withConnectAddress(new InetSocketAddress("127.0.0.1", 8080)))
                .securityProfile(SecurityProfile.UNSECURED_BASIC_AUTH)
                .basicAuthPassword(Secret.of("password-of-cp001"));
    }

    @Test
    void goesFromProfileOneToTwoOnTheSameUrlWithWss() {
        TestContext upgraded = Tc083TestCase.newProfileContext(profile1().build(), 2);

        assertThat(upgraded.target().url()).isEqualTo(URI.create("wss://csms.example.com:8080/ocpp/CP001"));
        assertThat(upgraded.target().connectAddress()).contains(new InetSocketAddress("127.0.0.1", 8080));
        assertThat(upgraded.securityProfile()).isEqualTo(SecurityProfile.TLS_BASIC_AUTH);
        assertThat(upgraded.basicAuthPassword()).isPresent();
    }

    @Test
    void takesTheNewUrlFromTheOptionAndDropsAConnectAddressOfAnotherPort() {
        TestContext upgraded = Tc083TestCase.newProfileContext(profile1()
                .option(Tc083TestCase.NEW_URL_OPTION, "wss://csms.example.com:8443/ocpp/CP001").build(), 2);

        assertThat(upgraded.target().url()).isEqualTo(URI.create("wss://csms.example.com:8443/ocpp/CP001"));
        assertThat(upgraded.target().connectAddress()).isEmpty();
    }

    @Test
    void namesWhatTheNewProfileNeedsWhenItIsNotConfigured() {
        assertThat(Tc083TestCase.missing(profile1().build(), 2)).contains("security profile 2 needs the Central System's"
                + " root certificate installed, and none is configured; pass it with --ca-file");
        assertThat(Tc083TestCase.missing(profile1().insecure(true).build(), 2)).isEmpty();
        assertThat(Tc083TestCase.missing(profile1().securityProfile(SecurityProfile.TLS_BASIC_AUTH).build(), 3))
                .contains("security profile 3 needs the Charge Point's certificate and key, and none is configured; pass"
                        + " a client certificate the Central System trusts (CN = the ChargePointId) with --client-cert and"
                        + " --client-key");
    }

    @Test
    void asksForTheNextProfileUpByNameAndParameter() {
        var action = Tc083TestCase.action(profile1().build(), 2);

        assertThat(action.name()).isEqualTo("change-security-profile");
        assertThat(action.awaitedCall()).isEqualTo("ChangeConfiguration");
        assertThat(action.parameters()).containsEntry("securityProfile", "2").containsEntry("key", "SecurityProfile");
        assertThat(action.text()).isEqualTo("make the Central System send ChangeConfiguration.req with key SecurityProfile"
                + " and value 2 to CP001 and, once it is accepted, Reset.req with type Hard");
    }
}
