package org.octt.tls.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

class AddressesTests {

    @ParameterizedTest
    @CsvSource({
        "0:0:0:0:0:0:0:1,               ::1",
        "2001:DB8:0:0:0:0:0:1,          2001:db8::1",
        "2001:0db8:0000:0000:0001:0000:0000:0001, 2001:db8::1:0:0:1",
        "127.0.0.1,                     127.0.0.1",
    })
    void writesAnAddressInRfc5952Form(String given, String expected) throws UnknownHostException {
        assertThat(Addresses.literal(InetAddress.getByName(given))).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "::1,                    8443, [::1]:8443",
        "[0:0:0:0:0:0:0:1],      8443, [::1]:8443",
        "csms.example.com,       443,  csms.example.com:443",
        "10.0.0.5,               443,  10.0.0.5:443",
    })
    void writesHostAndPortWithAnIpv6HostInBrackets(String host, int port, String expected) {
        assertThat(Addresses.hostPort(host, port)).isEqualTo(expected);
    }

    @Test
    void writesASocketAddressByItsIp() throws UnknownHostException {
        assertThat(Addresses.hostPort(new InetSocketAddress(InetAddress.getByName("::1"), 18450))).isEqualTo("[::1]:18450");
        assertThat(Addresses.hostPort(InetSocketAddress.createUnresolved("csms.example.com", 443)))
                .isEqualTo("csms.example.com:443");
    }
}
