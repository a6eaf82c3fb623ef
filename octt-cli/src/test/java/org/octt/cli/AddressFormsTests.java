package org.octt.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * octt-core and octt-tls each format addresses (octt-tls does not depend on octt-core); the CLI
 * prints both, so they must agree. This holds the two helpers to the same output.
 */
class AddressFormsTests {

    @ParameterizedTest
    @ValueSource(strings = {"::1", "::", "0:0:0:0:0:0:0:1", "2001:db8::1", "2001:DB8:0:0:1:0:0:1", "2001:db8:0:0:1::",
        "2001:db8:0:1:1:1:1:1", "1::", "fe80::abcd", "::ffff:10.0.0.5", "127.0.0.1", "10.0.0.5", "::10.0.0.5"})
    void coreAndTlsWriteEveryAddressAlike(String literal) throws UnknownHostException {
        InetAddress address = InetAddress.getByName(literal);
        InetSocketAddress socket = new InetSocketAddress(address, 8443);

        assertThat(org.octt.core.text.Addresses.literal(address))
                .isEqualTo(org.octt.tls.internal.Addresses.literal(address));
        assertThat(org.octt.core.text.Addresses.hostPort(socket))
                .isEqualTo(org.octt.tls.internal.Addresses.hostPort(socket));
        assertThat(org.octt.core.text.Addresses.hostPort(literal, 443))
                .isEqualTo(org.octt.tls.internal.Addresses.hostPort(literal, 443));
    }
}
