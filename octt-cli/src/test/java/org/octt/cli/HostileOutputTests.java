package org.octt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TC_086_CSMS through the CLI against a real hostile TLS server ({@link HostileCentralSystem}): the
 * escapes in its certificate's subject reach the console only in visible form (a status line with
 * escapes does not reach it at all), the JSON report keeps them exactly, and the JUnit XML report
 * stays well-formed.
 */
@Timeout(90)
class HostileOutputTests {

    /** A C0 control other than \n, DEL, a C1 control, a bidi control or a line/paragraph separator. */
    static final Pattern RAW_CONTROL = Pattern.compile(
            "[\\x00-\\x09\\x0b-\\x1f\\x7f-\\x9f\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069\\u2028\\u2029]");

    static HostileCentralSystem server;

    @BeforeAll
    static void start() throws Exception {
        server = new HostileCentralSystem("127.0.0.1");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static CliEnvironment real() {
        return TestEnvironments.wide(CliEnvironment.system().withRunService(RunService.engine()).withTerminal(false)
                .withCatalog(TestCatalog.pluginRegistry(HostileOutputTests.class.getClassLoader())));
    }

    @Test
    void printsTheServersEscapesInVisibleFormAndKeepsThemExactInTheJsonReport(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("root.pem"), server.rootPem());
        Path password = Files.writeString(dir.resolve("password"), "hostile-password-0123\n");
        Path json = dir.resolve("report.json");
        Path junit = dir.resolve("junit.xml");

        Cli.Result r = Cli.run(real(), "run", "TC_086_CSMS", "--verbose",
                "--url", "wss://" + HostileCentralSystem.HOST + ":" + server.port() + "/ocpp/CP001",
                "--resolve", HostileCentralSystem.HOST + ":" + server.port() + ":127.0.0.1",
                "--ca-file", ca.toString(), "--basic-auth-password-file", password.toString(), "--timeout", "3s",
                "--report-json", json.toString(), "--report-junit", junit.toString());

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(RAW_CONTROL.matcher(r.out()).find()).as(r.toString()).isFalse();
        assertThat(RAW_CONTROL.matcher(r.err()).find()).as(r.toString()).isFalse();
        // the commonName, escaped, in the cert.subject-cn row and in the verbose check line
        assertThat(r.out()).contains("seen CN=hostile.octt.test\\x1b]0;owned\\x07\\x1b[2J\\u202eevil");
        // the trusted chain's subject in the cert.trust message ('\;' is the RFC 4514 escape of ';')
        assertThat(r.out()).contains("certification path of CN=hostile.octt.test\\x1b]0\\;owned\\x07\\x1b[2J\\u202eevil,O=hostile is valid");
        // the 401's status line with its escapes is refused by the WebSocket client's HTTP decoder: it never shows
        assertThat(r.out()).doesNotContain("pwned");

        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.findValuesAsText("message")).anySatisfy(m ->
                assertThat(m).contains("CN=" + HostileCentralSystem.HOST + HostileCentralSystem.CN_PAYLOAD));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        assertThat(factory.newDocumentBuilder().parse(junit.toFile()).getDocumentElement().getTagName())
                .isEqualTo("testsuites");
    }
}
