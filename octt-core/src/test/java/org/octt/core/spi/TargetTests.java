package org.octt.core.spi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TargetTests {

    // --- no user name or password, ever

    @ParameterizedTest
    @ValueSource(strings = {"wss://CP001:s3cr3t-pw@csms.example.com/ocpp/CP001",
        "wss://s3cr3t-pw@csms.example.com/ocpp/CP001", "wss://CP001:s3cr3t-pw@csms.example.com:8443/ocpp/CP001"})
    void refusesAUserNameOrPasswordInTheUrlWithoutRepeatingIt(String url) {
        String shown = url.replaceFirst("//[^@]*@", "//***@");
        assertThatIllegalArgumentException().isThrownBy(() -> Target.parse(url))
                .withMessage("URL must not hold a user name or password (give the password in a file or the"
                        + " environment), was: " + shown)
                .withMessageNotContaining("s3cr3t-pw");
    }

    @Test
    void refusesAUserInfoInAUriGivenToTheFactory() {
        URI uri = URI.create("wss://CP001:s3cr3t-pw@csms.example.com/ocpp/CP001");
        assertThatIllegalArgumentException().isThrownBy(() -> Target.of(uri))
                .withMessageContaining("wss://***@csms.example.com/ocpp/CP001")
                .withMessageNotContaining("s3cr3t-pw");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "wss://CP001:s3cr3t pw@host/ocpp/CP001 | malformed URL: wss://***@host/ocpp/CP001 (Illegal character in authority)",
        "CP001:s3cr3t-pw@host/ocpp/CP001 | URL must be wss://host[:port]/path/<ChargePointId>, was: ***@host/ocpp/CP001",
        "ftp://CP001:s3cr3t-pw@host/x | URL must not hold a user name or password (give the password in a file or the environment), was: ftp://***@host/x"})
    void neverRepeatsAPasswordInAnyMessage(String url, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> Target.parse(url)).withMessage(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "wss://a:b@host/x | wss://***@host/x",
        "wss://a:p/w@d@host/x?q=1 | wss://***@host/x?q=1",
        "wss://host/ocpp/CP001 | wss://host/ocpp/CP001",
        "wss://host/x?from=a@b | wss://host/x?from=a@b"})
    void redactsEverythingBeforeTheLastAtOfTheAuthority(String url, String redacted) {
        assertThat(Target.redact(url)).isEqualTo(redacted);
    }

    // --- ports

    @ParameterizedTest
    @ValueSource(strings = {"0", "70000", "65536", "99999", "8a"})
    void refusesAPortOutsideOneTo65535(String port) {
        String url = "wss://csms.example.com:" + port + "/ocpp/CP001";
        assertThatIllegalArgumentException().isThrownBy(() -> Target.parse(url))
                .withMessage("URL port must be 1 to 65535, was: " + url);
    }

    @Test
    void takesAnEmptyPortAsTheSchemesDefault() {
        Target t = Target.parse("wss://csms.example.com:/ocpp/CP001");
        assertThat(t.port()).isEqualTo(443);
        assertThat(t.host()).isEqualTo("csms.example.com");
        assertThat(Target.parse("ws://csms.example.com:/ocpp/CP001").port()).isEqualTo(80);
    }

    @Test
    void keepsAnIpv6HostAndItsPort() {
        Target t = Target.parse("wss://[::1]:8443/ocpp/CP001");
        assertThat(t.host()).isEqualTo("::1");
        assertThat(t.port()).isEqualTo(8443);
        assertThat(t.url()).hasToString("wss://[::1]:8443/ocpp/CP001");
    }

    // --- host names

    @Test
    void refusesADnsLabelOfMoreThan63Characters() {
        String label = "a".repeat(64);
        assertThatIllegalArgumentException().isThrownBy(() -> Target.parse("wss://" + label + ".example/ocpp/CP1"))
                .withMessage("URL host name has a label of 64 characters (at most 63): " + label + ".example"
                        + " (in wss://" + label + ".example/ocpp/CP1)");
    }

    @Test
    void acceptsA63CharacterLabel() {
        String label = "a".repeat(63);
        assertThat(Target.parse("wss://" + label + ".example/ocpp/CP1").host()).isEqualTo(label + ".example");
    }

    @Test
    void refusesAHostNameOfMoreThan253Characters() {
        String host = ("a".repeat(62) + ".").repeat(4) + "com"; // 4 * 63 + 3 = 255
        assertThatIllegalArgumentException().isThrownBy(() -> Target.parse("wss://" + host + "/ocpp/CP1"))
                .withMessageStartingWith("URL host name is 255 characters long (at most 253): " + host);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "wss://a..example/x | URL host name has an empty label: a..example (in wss://a..example/x)",
        "wss://a_b.example/x | URL host name label may hold only letters, digits and inner hyphens, was: a_b.example (in wss://a_b.example/x)",
        "wss://-a.example/x | URL host name label may hold only letters, digits and inner hyphens, was: -a.example (in wss://-a.example/x)",
        "wss://1.2.3.999/x | URL host is not a host name or an IP address: 1.2.3.999 (in wss://1.2.3.999/x)",
        "wss:///ocpp/CP1 | URL has no host: wss:///ocpp/CP1",
        "wss://:8443/ocpp/CP1 | URL has no host: wss://:8443/ocpp/CP1"})
    void refusesAHostThatIsNoHostNameNamingTheProblem(String url, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> Target.parse(url)).withMessage(message);
    }

    @Test
    void convertsAnInternationalisedHostNameToALabels() {
        Target t = Target.parse("wss://bücher.example:8443/ocpp/CP1");
        assertThat(t.url()).hasToString("wss://xn--bcher-kva.example:8443/ocpp/CP1");
        assertThat(t.host()).isEqualTo("xn--bcher-kva.example");
        assertThat(t.unicodeHost()).isEqualTo("bücher.example");
        assertThat(t.port()).isEqualTo(8443);
        assertThat(t.chargePointId()).contains("CP1");
        assertThat(t.address()).isEqualTo(InetSocketAddress.createUnresolved("xn--bcher-kva.example", 8443));
        assertThat(t).hasToString("wss://xn--bcher-kva.example:8443/ocpp/CP1 (bücher.example)");
    }

    @Test
    void convertsAnInternationalisedHostGivenAsAUri() throws Exception {
        Target t = Target.of(new URI("wss://BÜCHER.example/ocpp/CP1"));
        assertThat(t.host()).isEqualTo("xn--bcher-kva.example");
        assertThat(t.port()).isEqualTo(443);
    }

    @Test
    void keepsAnAsciiUrlAsGiven() {
        URI url = URI.create("wss://CSMS.example.com:8443/ocpp/CP001");
        assertThat(Target.of(url).url()).isSameAs(url);
        assertThat(Target.of(url).host()).isEqualTo("CSMS.example.com");
    }

    // --- the Charge Point identity

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"wss://h.example/ocpp/CP001 | CP001", "wss://h.example/CP%20001 | CP 001",
        "wss://h.example/ocpp/ | ", "wss://h.example | ", "wss://h.example/ | ", "wss://h.example// | "})
    void takesTheLastPathSegmentAsTheChargePointIdEmptyWhenThePathEndsWithASlash(String url, String id) {
        assertThat(Target.parse(url).chargePointId()).isEqualTo(Optional.ofNullable(id));
    }
}
