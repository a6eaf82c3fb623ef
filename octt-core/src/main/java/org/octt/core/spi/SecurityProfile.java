package org.octt.core.spi;

/** OCPP 1.6 security profiles (security whitepaper, section 2). */
public enum SecurityProfile {
    /** Profile 1: unsecured transport with Basic authentication. */
    UNSECURED_BASIC_AUTH(1),
    /** Profile 2: TLS with Basic authentication. */
    TLS_BASIC_AUTH(2),
    /** Profile 3: TLS with client-side certificates. */
    TLS_CLIENT_CERTIFICATE(3);

    private final int number;

    SecurityProfile(int number) {
        this.number = number;
    }

    /** The profile's number, 1 to 3. */
    public int number() {
        return number;
    }

    /** The profile with this number; {@link IllegalArgumentException} naming the value otherwise. */
    public static SecurityProfile of(int number) {
        for (SecurityProfile p : values()) {
            if (p.number == number) {
                return p;
            }
        }
        throw new IllegalArgumentException("security profile must be 1, 2 or 3, was: " + number);
    }
}
