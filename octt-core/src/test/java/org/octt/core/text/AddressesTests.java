package org.octt.core.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

class AddressesTests {

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal); // a literal: never looked up
    }

    @ParameterizedTest
    @CsvSource({
        "0:0:0:0:0:0:0:1,               ::1",
        "0:0:0:0:0:0:0:0,               ::",
        "2001:DB8:0:0:0:0:0:1,          2001:db8::1",
        "2001:0db8:0000:0000:0001:0000:0000:0001, 2001:db8::1:0:0:1",
        "2001:db8:0:0:1:0:0:0,          2001:db8:0:0:1::",
        "2001:db8:0:1:1:1:1:1,          2001:db8:0:1:1:1:1:1",
        "1:0:0:0:0:0:0:0,               1::",
        "fe80:0:0:0:0:0:0:abcd,         fe80::abcd",
        "127.0.0.1,                     127.0.0.1",
        "::ffff:10.0.0.5,               10.0.0.5",
    })
    void writesAnAddressInRfc5952Form(String given, String expected) throws UnknownHostException {
        assertThat(Addresses.literal(ip(given))).isEqualTo(expected);
    }

    @Test
    void keepsTheZoneOfAScopedAddress() throws UnknownHostException {
        InetAddress scoped = java.net.Inet6Address.getByAddress(null, ip("fe80::1").getAddress(), 3);
        assertThat(Addresses.literal(scoped)).isEqualTo("fe80::1%3");
    }

    @ParameterizedTest
    @CsvSource({
        "::1,                    8443, [::1]:8443",
        "[0:0:0:0:0:0:0:1],      8443, [::1]:8443",
        "2001:DB8::0:1,          443,  [2001:db8::1]:443",
        "csms.example.com,       443,  csms.example.com:443",
        "10.0.0.5,               443,  10.0.0.5:443",
        "not:an:address:zz,      1,    [not:an:address:zz]:1",
    })
    void writesHostAndPortWithAnIpv6HostInBrackets(String host, int port, String expected) {
        assertThat(Addresses.hostPort(host, port)).isEqualTo(expected);
    }

    @Test
    void writesASocketAddressByItsIpNeverItsNameAndAnUnresolvedOneByItsHost() throws UnknownHostException {
        assertThat(Addresses.hostPort(new InetSocketAddress(ip("::1"), 18450))).isEqualTo("[::1]:18450");
        assertThat(Addresses.hostPort(new InetSocketAddress(InetAddress.getByAddress("csms.example.com",
                new byte[] {10, 0, 0, 5}), 443))).isEqualTo("10.0.0.5:443");
        assertThat(Addresses.hostPort(InetSocketAddress.createUnresolved("csms.example.com", 443)))
                .isEqualTo("csms.example.com:443");
        assertThat(Addresses.hostPort(InetSocketAddress.createUnresolved("0:0:0:0:0:0:0:1", 443)))
                .isEqualTo("[::1]:443");
    }
}
