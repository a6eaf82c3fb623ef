package org.octt.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * TC_086_CSMS through the CLI against a real TLS server on the IPv6 loopback: addresses are printed
 * in the RFC 5952 form ({@code ::1}, {@code [::1]:port}), never as {@code 0:0:0:0:0:0:0:1}, and an
 * IP-literal URL gets the advice to use a DNS name with --resolve. Skipped where ::1 cannot be bound.
 */
@Timeout(90)
class Ipv6OutputTests {

    static HostileCentralSystem server;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(ipv6Loopback(), "no IPv6 loopback (::1) on this machine");
        server = new HostileCentralSystem("::1");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static boolean ipv6Loopback() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Cli.Result run(Path dir, String url, String... more) throws IOException {
        Path ca = Files.writeString(dir.resolve("root.pem"), server.rootPem());
        Path password = Files.writeString(dir.resolve("password"), "ipv6-password-0123\n");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("run", "TC_086_CSMS", "--url", url,
                "--ca-file", ca.toString(), "--basic-auth-password-file", password.toString(), "--timeout", "3s"));
        args.addAll(java.util.List.of(more));
        return Cli.run(HostileOutputTests.real(), args.toArray(String[]::new));
    }

    @Test
    void printsAnIpv6ResolveAddressAsBracketedShortForm(@TempDir Path dir) throws IOException {
        String host = HostileCentralSystem.HOST + ":" + server.port();

        Cli.Result r = run(dir, "wss://" + host + "/ocpp/CP001", "--resolve", host + ":[0:0:0:0:0:0:0:1]");

        assertThat(r.out()).as(r.toString())
                .contains("  target: wss://" + host + "/ocpp/CP001 (connect to [::1]:" + server.port() + ")")
                .doesNotContain("0:0:0:0");
    }

    @Test
    void advisesADnsNameWithResolveForAnIpv6LiteralUrl(@TempDir Path dir) throws IOException {
        Cli.Result r = run(dir, "wss://[0:0:0:0:0:0:0:1]:" + server.port() + "/ocpp/CP001");

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).as(r.toString())
                .contains("the endpoint ::1 is an IP address, which cannot match an FQDN in the commonName")
                .contains("use the Central System's DNS name in the URL (wss://<name>/...) and"
                        + " the resolve override <name>:<port>:[::1] to reach this address without DNS")
                .contains("TLS handshake with [::1]:" + server.port() + " aborted: the server certificate was rejected:"
                        + " the server certificate does not name the host ::1: it names subjectAltName");
        // the URL is shown as it was given; every message names the address in the RFC 5952 form
        assertThat(r.out().replace("wss://[0:0:0:0:0:0:0:1]:", "")).doesNotContain("0:0:0:0");
    }
}
