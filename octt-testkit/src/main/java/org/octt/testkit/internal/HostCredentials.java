package org.octt.testkit.internal;

import java.util.Objects;
import java.util.Optional;

/** The certificates served for one host name: RSA, ECDSA, or both. */
public record HostCredentials(Optional<ServerCredential> rsa, Optional<ServerCredential> ec) {

    public HostCredentials {
        Objects.requireNonNull(rsa, "rsa");
        Objects.requireNonNull(ec, "ec");
        if (rsa.isEmpty() && ec.isEmpty()) {
            throw new IllegalArgumentException("at least one server certificate is needed");
        }
    }
}
