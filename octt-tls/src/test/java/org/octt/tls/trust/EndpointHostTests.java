package org.octt.tls.trust;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EndpointHostTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "wss://CSMS.Example.COM:8443/ocpp/CP1   | csms.example.com              | DNS",
        "csms.example.com.                      | csms.example.com              | DNS",
        "wss://csms.example.com./ocpp           | csms.example.com              | DNS",
        "csms.example.com:443                   | csms.example.com              | DNS",
        "wss://user:secret@csms.example.com/x   | csms.example.com              | DNS",
        "wss://bücher.example/ocpp/CP1          | xn--bcher-kva.example         | DNS",
        "BÜCHER.example                         | xn--bcher-kva.example         | DNS",
        "1.2.3                                  | 1.2.3                         | DNS",
        "192.0.2.10                             | 192.0.2.10                    | IPV4",
        "wss://192.0.2.10:9000/ocpp             | 192.0.2.10                    | IPV4",
        "[2001:DB8::1]:443                      | 2001:db8::1                   | IPV6",
        "wss://[::1]/ocpp                       | ::1                           | IPV6",
        "wss://[0:0:0:0:0:0:0:1]:8443/ocpp      | ::1                           | IPV6",
        "2001:db8::1                            | 2001:db8::1                   | IPV6",
        "2001:0DB8:0:0:1:0:0:1                  | 2001:db8::1:0:0:1             | IPV6",
        "[fe80::1%eth0]:80                      | fe80::1                       | IPV6",
    })
    void normalizesHostOfUrlOrAuthority(String input, String name, EndpointHost.Kind kind) {
        EndpointHost host = EndpointHost.parse(input);

        assertThat(host.name()).isEqualTo(name);
        assertThat(host.kind()).isEqualTo(kind);
        assertThat(host.input()).isEqualTo(input);
        assertThat(host.isIpLiteral()).isEqualTo(kind != EndpointHost.Kind.DNS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"wss:///ocpp", "", "[::1", "[::1]x", "256.1.1.1", "host:port", "a..b", "[not-ip]:80"})
    void rejectsTextWithoutValidHostNamingIt(String input) {
        assertThatThrownBy(() -> EndpointHost.parse(input)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(input);
    }
}
