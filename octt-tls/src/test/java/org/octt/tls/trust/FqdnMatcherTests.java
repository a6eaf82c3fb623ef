package org.octt.tls.trust;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.octt.tls.cert.CertificateFacts;
import org.octt.tls.cert.CertificateInspector;
import org.octt.tls.pki.CertificateBuilder;
import org.octt.tls.pki.KeyPairs;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.octt.tls.trust.CommonNameCheck.Outcome.IP_LITERAL_ENDPOINT;
import static org.octt.tls.trust.CommonNameCheck.Outcome.MATCH;
import static org.octt.tls.trust.CommonNameCheck.Outcome.MISMATCH;
import static org.octt.tls.trust.CommonNameCheck.Outcome.NO_COMMON_NAME;
import static org.octt.tls.trust.CommonNameCheck.Outcome.WILDCARD;
import static org.octt.tls.trust.CommonNameCheck.SubjectAltNameStatus.ABSENT;
import static org.octt.tls.trust.CommonNameCheck.SubjectAltNameStatus.LACKS_HOST;
import static org.octt.tls.trust.CommonNameCheck.SubjectAltNameStatus.LISTS_HOST;

class FqdnMatcherTests {

    private static final KeyPair KEY = KeyPairs.ec("secp256r1");

    @Test
    void passesWhenCommonNameIsTheFqdn() {
        CommonNameCheck check = check("wss://csms.example.com:8443/ocpp/CP1", List.of("csms.example.com"));

        assertThat(check.outcome()).isEqualTo(MATCH);
        assertThat(check.passed()).isTrue();
        assertThat(check.message()).isEqualTo("commonName csms.example.com is the FQDN csms.example.com");
        assertThat(check.subjectAltName()).isEqualTo(ABSENT);
        assertThat(check.warnings()).isEmpty();
    }

    @Test
    void passesIgnoringCaseAndTrailingDots() {
        assertThat(check("wss://CSMS.example.com./ocpp", List.of("csms.EXAMPLE.com.")).outcome()).isEqualTo(MATCH);
    }

    @Test
    void passesWhenOneOfSeveralCommonNamesIsTheFqdnReportingEveryValue() {
        CommonNameCheck check = check("csms.example.com", List.of("Central System", "csms.example.com"));

        assertThat(check.outcome()).isEqualTo(MATCH);
        assertThat(check.commonNames()).containsExactly("Central System", "csms.example.com");
        assertThat(check.message()).isEqualTo("commonName csms.example.com is the FQDN csms.example.com"
                + " (CN values: Central System, csms.example.com)");
    }

    @Test
    void comparesInternationalizedNamesAsALabels() {
        assertThat(check("wss://bücher.example/ocpp", List.of("xn--bcher-kva.example")).outcome()).isEqualTo(MATCH);
        assertThat(check("wss://xn--bcher-kva.example/ocpp", List.of("Bücher.example")).outcome()).isEqualTo(MATCH);
        CommonNameCheck mismatch = check("wss://bücher.example/ocpp", List.of("buecher.example"));
        assertThat(mismatch.outcome()).isEqualTo(MISMATCH);
        assertThat(mismatch.message()).startsWith("expected CN=xn--bcher-kva.example (wss://bücher.example/ocpp), seen CN=buecher.example");
    }

    @Test
    void failsWildcardCommonName() {
        CommonNameCheck check = check("csms.example.com", List.of("*.example.com"));

        assertThat(check.outcome()).isEqualTo(WILDCARD);
        assertThat(check.passed()).isFalse();
        assertThat(check.message()).isEqualTo("expected CN=csms.example.com, seen CN=*.example.com: a wildcard is not"
                + " the FQDN (A00.FR.510); issue the certificate with CN=csms.example.com");
    }

    @Test
    void failsIpLiteralEndpointSayingToUseDnsNameAndResolve() {
        CommonNameCheck check = check("wss://192.0.2.10:8443/ocpp", List.of("192.0.2.10"));

        assertThat(check.outcome()).isEqualTo(IP_LITERAL_ENDPOINT);
        assertThat(check.message()).isEqualTo("the endpoint 192.0.2.10 is an IP address, which cannot match an FQDN"
                + " in the commonName (seen CN=192.0.2.10); use the Central System's DNS name in the URL"
                + " (wss://<name>/...) and the resolve override <name>:<port>:192.0.2.10 to reach this address without DNS");
    }

    @Test
    void failsIpv6LiteralEndpoint() {
        CommonNameCheck check = check("wss://[2001:db8::1]:443/ocpp", List.of("csms.example.com"));

        assertThat(check.outcome()).isEqualTo(IP_LITERAL_ENDPOINT);
        assertThat(check.message()).isEqualTo("the endpoint 2001:db8::1 is an IP address, which cannot match an FQDN"
                + " in the commonName (seen CN=csms.example.com); use the Central System's DNS name in the URL"
                + " (wss://<name>/...) and the resolve override <name>:<port>:[2001:db8::1] to reach this address without DNS");
    }

    @Test
    void givesTheSameDnsNameAdviceWhenTheSubjectAltNameOfAnIpLiteralEndpointLacksIt() {
        CommonNameCheck check = FqdnMatcher.checkCommonName(EndpointHost.parse("wss://[::1]:8443/ocpp"),
                List.of("csms.example.com"), List.of("csms.example.com"), List.of("192.0.2.10"));

        assertThat(check.outcome()).isEqualTo(IP_LITERAL_ENDPOINT);
        assertThat(check.warnings()).containsExactly("subjectAltName lists DNS:csms.example.com, IP:192.0.2.10 but"
                + " not ::1: ordinary TLS clients check only subjectAltName when it is present and will refuse the"
                + " connection; use the Central System's DNS name in the URL (wss://<name>/...) and"
                + " the resolve override <name>:<port>:[::1] to reach this address without DNS");
        assertThat(check.message()).endsWith(check.host().dnsNameAdvice());
    }

    @Test
    void failsWithoutCommonName() {
        CommonNameCheck check = check("csms.example.com", List.of());

        assertThat(check.outcome()).isEqualTo(NO_COMMON_NAME);
        assertThat(check.message()).isEqualTo("expected CN=csms.example.com, seen no CN in the subject;"
                + " issue the certificate with CN=csms.example.com");
    }

    @Test
    void failsOtherCommonNameSayingWhatToChange() {
        CommonNameCheck check = check("csms.example.com", List.of("www.example.com", "localhost"));

        assertThat(check.outcome()).isEqualTo(MISMATCH);
        assertThat(check.message()).isEqualTo("expected CN=csms.example.com, seen CN=www.example.com, CN=localhost;"
                + " issue the certificate with CN=csms.example.com, or connect with the name in its CN");
    }

    @Test
    void warnsWhenSubjectAltNameLacksTheFqdnButStillPasses() {
        CommonNameCheck check = FqdnMatcher.checkCommonName(EndpointHost.parse("csms.example.com"),
                List.of("csms.example.com"), List.of("www.example.com"), List.of("192.0.2.10"));

        assertThat(check.outcome()).isEqualTo(MATCH);
        assertThat(check.subjectAltName()).isEqualTo(LACKS_HOST);
        assertThat(check.warnings()).containsExactly("subjectAltName lists DNS:www.example.com, IP:192.0.2.10 but not"
                + " csms.example.com: ordinary TLS clients check only subjectAltName when it is present and will refuse"
                + " the connection; add DNS:csms.example.com to subjectAltName, or leave subjectAltName out (A00.FR.511)");
    }

    @Test
    void doesNotWarnWhenSubjectAltNameListsTheFqdn() {
        CommonNameCheck exact = FqdnMatcher.checkCommonName(EndpointHost.parse("csms.example.com"),
                List.of("csms.example.com"), List.of("www.example.com", "CSMS.example.com"), List.of());
        CommonNameCheck wildcard = FqdnMatcher.checkCommonName(EndpointHost.parse("csms.example.com"),
                List.of("csms.example.com"), List.of("*.example.com"), List.of());

        assertThat(exact.subjectAltName()).isEqualTo(LISTS_HOST);
        assertThat(exact.warnings()).isEmpty();
        assertThat(wildcard.subjectAltName()).isEqualTo(LISTS_HOST);
        assertThat(wildcard.warnings()).isEmpty();
    }

    @Test
    void checksRealCertificateFacts() throws Exception {
        X509Certificate cert = CertificateBuilder.create().subject("CN=csms.example.com, O=Example, CN=second.example.com")
                .keyPair(KEY).dnsNames("other.example.com").build().certificate();
        CertificateFacts facts = CertificateInspector.inspect(cert).facts().orElseThrow();

        CommonNameCheck check = FqdnMatcher.checkCommonName("wss://second.example.com/ocpp/CP1", facts);

        assertThat(check.outcome()).isEqualTo(MATCH);
        assertThat(check.commonNames()).containsExactly("csms.example.com", "second.example.com");
        assertThat(check.subjectAltName()).isEqualTo(LACKS_HOST);
        assertThat(check.warnings()).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // host                     | SAN DNS names                 | CN                 | accepted
        "csms.example.com           | csms.example.com              | x                  | true",
        "CSMS.Example.com.          | csms.example.com              | x                  | true",
        "csms.example.com           | *.example.com                 | x                  | true",
        "a.csms.example.com         | *.example.com                 | x                  | false",
        "example.com                | *.example.com                 | x                  | false",
        "example.com                | *.com                         | x                  | false",
        "foo.example.com            | f*.example.com                | x                  | false",
        "foo.example.com            | foo.*.com                     | x                  | false",
        "csms.example.com           | www.example.com               | csms.example.com   | false",
        "csms.example.com           |                               | csms.example.com   | true",
        "csms.example.com           |                               | *.example.com      | true",
        "csms.example.com           |                               | other.example.com  | false",
        "bücher.example             | xn--bcher-kva.example         | x                  | true",
    })
    void verifiesHostnameAsOrdinaryTlsClientsDo(String host, String san, String cn, boolean accepted) {
        CertificateBuilder b = CertificateBuilder.create().subject("CN=" + cn).keyPair(KEY);
        if (san != null) {
            b.dnsNames(san);
        }
        X509Certificate cert = b.build().certificate();

        assertThat(FqdnMatcher.matchesForConnection(host, cert)).isEqualTo(accepted);
    }

    @Test
    void verifiesIpLiteralOnlyAgainstSubjectAltNameAddresses() {
        X509Certificate withIp = CertificateBuilder.create().subject("CN=192.0.2.10").keyPair(KEY)
                .ipAddresses("192.0.2.10", "2001:db8::1").build().certificate();
        X509Certificate cnOnly = CertificateBuilder.create().subject("CN=192.0.2.10").keyPair(KEY).build().certificate();

        assertThat(FqdnMatcher.matchesForConnection("wss://192.0.2.10:8443/ocpp", withIp)).isTrue();
        assertThat(FqdnMatcher.matchesForConnection("[2001:DB8:0::1]:443", withIp)).isTrue();
        assertThat(FqdnMatcher.matchesForConnection("192.0.2.11", withIp)).isFalse();
        assertThat(FqdnMatcher.matchesForConnection("192.0.2.10", cnOnly)).isFalse();
    }

    @Test
    void refusesUnparsableHost() {
        X509Certificate cert = CertificateBuilder.create().subject("CN=x").keyPair(KEY).build().certificate();

        assertThat(FqdnMatcher.matchesForConnection("wss:///ocpp", cert)).isFalse();
    }

    private static CommonNameCheck check(String url, List<String> commonNames) {
        return FqdnMatcher.checkCommonName(EndpointHost.parse(url), commonNames, List.of(), List.of());
    }
}
