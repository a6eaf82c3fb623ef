package org.octt.tls.cert;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A certificate's serial number as encoded. A parsed certificate always has one (the field is
 * mandatory in the ASN.1; an empty INTEGER makes the certificate malformed), but it may be zero,
 * negative or longer than RFC 5280 allows.
 *
 * @param value  the value
 * @param octets the length in octets of the DER INTEGER content (a positive value whose top bit is
 *               set takes a leading zero octet, as in the encoding)
 */
public record SerialNumber(BigInteger value, int octets) {

    /** RFC 5280 §4.1.2.2: conforming CAs use serials of at most 20 octets. */
    public static final int RFC5280_MAX_OCTETS = 20;

    public SerialNumber {
        Objects.requireNonNull(value, "value");
        if (octets < 1) {
            throw new IllegalArgumentException("serial number length must be at least 1 octet, was: " + octets);
        }
    }

    /** The serial number as its DER encoding would give it. */
    public static SerialNumber of(BigInteger value) {
        return new SerialNumber(value, value.toByteArray().length);
    }

    /** -1, 0 or 1. */
    public int signum() {
        return value.signum();
    }

    /** RFC 5280 §4.1.2.2: positive and at most 20 octets. */
    public boolean conformsToRfc5280() {
        return value.signum() > 0 && octets <= RFC5280_MAX_OCTETS;
    }

    /** Upper-case hex of the value, with a minus sign if negative, e.g. {@code 0}, {@code -1A}. */
    public String hex() {
        return value.toString(16).toUpperCase(java.util.Locale.ROOT);
    }
}
