package org.octt.tls.probe;

import java.util.Optional;

/**
 * A TLS protocol version a probe can offer and a server can negotiate. SSL 3.0 and DTLS are out of
 * scope.
 */
public enum TlsVersion {

    TLS1_0("TLSv1", 0x0301),
    TLS1_1("TLSv1.1", 0x0302),
    TLS1_2("TLSv1.2", 0x0303),
    TLS1_3("TLSv1.3", 0x0304);

    private final String protocolName;
    private final int wireCode;

    TlsVersion(String protocolName, int wireCode) {
        this.protocolName = protocolName;
        this.wireCode = wireCode;
    }

    /** The name OpenSSL and JSSE use, e.g. {@code TLSv1} for TLS 1.0 and {@code TLSv1.2}; never null. */
    public String protocolName() {
        return protocolName;
    }

    /** The two-octet version code on the wire, e.g. {@code 0x0303} for TLS 1.2. */
    public int wireCode() {
        return wireCode;
    }

    /** The version with this wire code, or empty for SSL 3.0, DTLS and unknown codes. */
    public static Optional<TlsVersion> fromWireCode(int code) {
        for (TlsVersion v : values()) {
            if (v.wireCode == code) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /**
     * The version with this name: the enum constant ({@code TLS1_2}), the protocol name
     * ({@code TLSv1.2}, {@code TLSv1}) or {@code 1.2}; case-insensitive.
     *
     * @throws IllegalArgumentException naming the value when it is no known version
     */
    public static TlsVersion parse(String name) {
        String n = name.trim();
        for (TlsVersion v : values()) {
            if (v.name().equalsIgnoreCase(n) || v.protocolName.equalsIgnoreCase(n)
                    || ("1." + v.name().charAt(5)).equals(n)) {
                return v;
            }
        }
        if ("TLSv1.0".equalsIgnoreCase(n)) {
            return TLS1_0;
        }
        throw new IllegalArgumentException("unknown TLS version: " + name
                + " (expected one of TLSv1, TLSv1.1, TLSv1.2, TLSv1.3)");
    }
}
