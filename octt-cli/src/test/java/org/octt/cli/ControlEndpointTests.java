package org.octt.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.octt.testkit.ReferenceCentralSystem;
import org.octt.testkit.RunningCentralSystem;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The control interface of {@code octt serve} over real HTTP, against a real reference Central System: the token, the
 * path, the method, an unknown action, an action the Central System cannot perform (no Charge Point connected).
 * That a known action is performed end to end: {@link ServeCommandTests}.
 */
@Timeout(60)
class ControlEndpointTests {

    private static RunningCentralSystem cs;
    private static ControlEndpoint control;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        cs = ReferenceCentralSystem.builder().action(ActionCard.TRIGGER).build().start();
        control = ControlEndpoint.start(cs, new SecureRandom());
    }

    @AfterAll
    static void stop() {
        if (control != null) {
            control.close();
        }
        if (cs != null) {
            cs.close();
        }
    }

    private static HttpResponse<String> send(String method, String pathAndQuery, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(control.url() + pathAndQuery))
                .timeout(Duration.ofSeconds(20)).method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String knownAction() {
        return cs.actionIds().iterator().next();
    }

    @Test
    void itListensOnLoopbackWithARandomToken() throws Exception {
        assertThat(control.url().toString()).matches("http://127\\.0\\.0\\.1:[0-9]+");
        assertThat(control.token()).matches("[A-Za-z0-9_-]{32}");
        try (ControlEndpoint other = ControlEndpoint.start(cs, new SecureRandom())) {
            assertThat(other.token()).isNotEqualTo(control.token());
        }
    }

    @Test
    void withoutTheTokenNothingIsPerformed() throws Exception {
        HttpResponse<String> none = send("POST", "/actions/" + knownAction() + "?chargePointId=CP001", null);
        HttpResponse<String> wrong = send("POST", "/actions/" + knownAction() + "?chargePointId=CP001", "guess");

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo(
                "missing or wrong bearer token (Authorization: Bearer <the token octt serve printed>)\n");
    }

    @Test
    void anUnknownActionIdIs404NamingIt() throws Exception {
        HttpResponse<String> r = send("POST", "/actions/TC_999_CSMS.no-such-action?chargePointId=CP001", control.token());

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).startsWith("unknown action id 'TC_999_CSMS.no-such-action' (known: ")
                .contains(knownAction()).endsWith(")\n").hasLineCount(1);
    }

    @Test
    void anotherPathOrMethodIsRefused() throws Exception {
        assertThat(send("POST", "/other", control.token()).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/actions/", control.token()).statusCode()).isEqualTo(404);
        HttpResponse<String> get = send("GET", "/actions/" + knownAction(), control.token());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.body()).isEqualTo("use POST, was: GET\n");
    }

    @Test
    void anActionForAChargePointThatIsNotConnectedIs409WithTheReason() throws Exception {
        HttpResponse<String> r = send("POST", "/actions/" + knownAction() + "?chargePointId=CP404", control.token());

        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(r.body()).startsWith("the reference Central System could not perform " + knownAction() + " for CP404: ")
                .hasLineCount(1);
    }
}
