package org.octt.junit.platform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.platform.testkit.engine.EngineTestKit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * A bad configuration parameter fails discovery with one line naming the parameter and the value,
 * never a password nor a file's content.
 */
class OcttConfigurationTests {

    private static final String PASSWORD = "a-password-of-24-chars!!";

    @TempDir
    Path dir;

    private final Map<String, String> environment = new HashMap<>();

    private Map<String, String> target() throws IOException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("octt.url", OcttTestEngineTests.URL);
        p.put("octt.basic-auth-password-file", Files.writeString(dir.resolve("password"), PASSWORD + "\n").toString());
        p.put("octt.test-cases", VerdictsTestCase.ID);
        return p;
    }

    /** The message discovery fails with. */
    private String failure(Map<String, String> parameters) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() ->
                EngineTestKit.engine(new OcttTestEngine(environment::get))
                        .enableImplicitConfigurationParameters(false)
                        .configurationParameters(parameters)
                        .selectors(selectClass(OcttConfigurationTests.class))
                        .discover());
        assertThat(thrown).hasMessage("TestEngine with ID 'octt' failed to discover tests")
                .cause().isInstanceOf(OcttConfigurationException.class);
        return thrown.getCause().getMessage();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "octt.timeout | soon | octt.timeout is not a duration (e.g. 500ms, 3s, 1m, PT3S), was: soon",
        "octt.timeout | 0s | octt.timeout must be positive, was: 0s",
        "octt.timeout | 2h | octt.timeout must be 1ms to 1h, was: 2h",
        "octt.security-profile | 4 | octt.security-profile must be 1, 2 or 3, was: 4",
        "octt.security-profile | two | octt.security-profile must be 1, 2 or 3, was: two",
        "octt.url | https://csms.example.com/ocpp/CP001 | octt.url must be wss://host[:port]/path/<ChargePointId>, was: https://csms.example.com/ocpp/CP001",
        "octt.url | ws://csms.example.com/ocpp/CP001 | octt.url must use wss:// (TLS is required by security profile 2), was: ws://csms.example.com/ocpp/CP001",
        "octt.url | wss://csms.example.com/ocpp/CP001?x=1 | octt.url must not have a query or fragment, was: wss://csms.example.com/ocpp/CP001?x=1",
        "octt.resolve | other.example.com:443:127.0.0.1 | octt.resolve is for other.example.com:443 but octt.url is for csms.example.com:443; they must match, was: other.example.com:443:127.0.0.1",
        "octt.resolve | csms.example.com:443:localhost | octt.resolve address must be an IP address (IPv6 in brackets), was: csms.example.com:443:localhost",
        "octt.resolve | csms.example.com | octt.resolve must be host:port:address (e.g. csms.example.com:443:127.0.0.1, an IPv6 address in brackets), was: csms.example.com",
        "octt.insecure | yes | octt.insecure must be true or false, was: yes",
        "octt.test-cases | NOPE | octt.test-cases: unknown test case id: NOPE (known: OCTT_JUNIT_PROFILE3, OCTT_JUNIT_VERDICTS)",
        "octt.suite | nope | octt.suite: unknown suite: nope (known: junit-all, junit-profile3, junit-verdicts)",
        "octt.option.junit.answer | 100 | octt.option.junit.answer: is out of range (expected 1..99), was: 100",
        "octt.option.vendor | ACME | octt.option.vendor: not an option of the selected test cases (declared: junit.answer)",
        "octt.basic-auth-password-env | OCTT_JUNIT_UNSET | 'give octt.basic-auth-password-file or octt.basic-auth-password-env, not both; was: %s and OCTT_JUNIT_UNSET'",
        "octt.client-cert | client.pem | octt.client-cert needs octt.client-key (the certificate's private key), was: client.pem alone",
        "octt.ca-file | missing.pem | octt.ca-file file not found: missing.pem",
    })
    void aBadValueFailsDiscoveryNamingTheParameterAndTheValue(String parameter, String value, String expected)
            throws IOException {
        Map<String, String> p = target();
        p.put(parameter, value);

        assertThat(failure(p)).isEqualTo(expected.replace("%s", p.get("octt.basic-auth-password-file")));
    }

    @Test
    void aMissingUrlIsNamed() throws IOException {
        Map<String, String> p = target();
        p.remove("octt.url");
        p.put("octt.test-cases", VerdictsTestCase.ID);

        assertThat(failure(p)).isEqualTo("octt.url is required: wss://host[:port]/path/<ChargePointId>");
    }

    @Test
    void aControlCharacterInAValueIsShownEscaped() throws IOException {
        Map<String, String> p = target();
        p.put("octt.timeout", "3\u001b[2Js");

        assertThat(failure(p)).isEqualTo("octt.timeout is not a duration (e.g. 500ms, 3s, 1m, PT3S), was: 3\\x1b[2Js");
    }

    @Test
    void aPasswordGivenAsAParameterIsRefusedAndNotShown() throws IOException {
        Map<String, String> p = target();
        p.put("octt.basic-auth-password", PASSWORD);

        String message = failure(p);

        assertThat(message).isEqualTo("octt.basic-auth-password is not read (a password does not belong in a"
                + " configuration file or on a command line): give octt.basic-auth-password-file or"
                + " octt.basic-auth-password-env");
        assertThat(message).doesNotContain(PASSWORD);
    }

    @Test
    void aPasswordFileOfTwoLinesIsRefusedWithoutItsContent() throws IOException {
        Map<String, String> p = target();
        Path file = Files.writeString(dir.resolve("two-lines"), PASSWORD + "\nsecond-line\n");
        p.put("octt.basic-auth-password-file", file.toString());

        String message = failure(p);

        assertThat(message).isEqualTo("octt.basic-auth-password-file " + file + " must hold the password on one line,"
                + " has several");
        assertThat(message).doesNotContain(PASSWORD).doesNotContain("second-line");
    }

    @Test
    void aPasswordVariableThatIsNotSetIsNamed() throws IOException {
        Map<String, String> p = target();
        p.remove("octt.basic-auth-password-file");
        p.put("octt.basic-auth-password-env", "OCTT_JUNIT_UNSET");

        assertThat(failure(p)).isEqualTo("octt.basic-auth-password-env names the environment variable"
                + " OCTT_JUNIT_UNSET, which is not set; set it to the Basic auth password");
    }

    @Test
    void aPasswordFromAVariableIsTaken() throws IOException {
        Map<String, String> p = target();
        p.remove("octt.basic-auth-password-file");
        p.put("octt.basic-auth-password-env", "OCTT_JUNIT_PASSWORD");
        environment.put("OCTT_JUNIT_PASSWORD", PASSWORD);

        assertThat(EngineTestKit.engine(new OcttTestEngine(environment::get))
                .enableImplicitConfigurationParameters(false)
                .configurationParameters(p)
                .selectors(selectClass(OcttConfigurationTests.class))
                .discover().getEngineDescriptor().getChildren()).hasSize(1);
    }

    @Test
    void profile2WithoutAPasswordIsNamed() throws IOException {
        Map<String, String> p = target();
        p.remove("octt.basic-auth-password-file");

        assertThat(failure(p)).isEqualTo("security profile 2 needs a Basic auth password:"
                + " octt.basic-auth-password-file (a file) or octt.basic-auth-password-env (an environment variable's name)");
    }

    @Test
    void profile3WithoutAClientCertificateIsNamed() throws IOException {
        Map<String, String> p = target();
        p.put("octt.security-profile", "3");

        assertThat(failure(p)).isEqualTo("security profile 3 needs a client certificate: octt.client-cert and"
                + " octt.client-key (PEM files)");
    }

    @Test
    void aFolderGivenAsTrustAnchorsIsNamed() throws IOException {
        Map<String, String> p = target();
        p.put("octt.ca-file", dir.toString());

        assertThat(failure(p)).isEqualTo("octt.ca-file is a folder, not a file: " + dir);
    }

    @Test
    void aFileWithoutACertificateIsNamedWithoutItsContent() throws IOException {
        Map<String, String> p = target();
        Path file = Files.writeString(dir.resolve("ca.pem"), "not a certificate at all\n");
        p.put("octt.ca-file", file.toString());

        String message = failure(p);

        assertThat(message).startsWith("octt.ca-file " + file + ": ").doesNotContain("not a certificate at all");
    }
}
