package org.octt.tls.cert;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of inspecting one certificate: its facts, or why it could not be parsed. Never thrown;
 * a malformed certificate is a finding, not a fault.
 */
public sealed interface Inspection permits Inspection.Parsed, Inspection.Malformed {

    /** The facts when parsed; empty when malformed. */
    default Optional<CertificateFacts> facts() {
        return this instanceof Parsed p ? Optional.of(p.certificate()) : Optional.empty();
    }

    /** True when the certificate parsed. */
    default boolean parsed() {
        return this instanceof Parsed;
    }

    /** The certificate parsed as X.509. */
    record Parsed(CertificateFacts certificate) implements Inspection {
        public Parsed {
            Objects.requireNonNull(certificate, "certificate");
        }
    }

    /**
     * The octets are not an X.509 certificate.
     *
     * @param reason what is wrong, e.g. {@code not a DER-encoded X.509 certificate: corrupted stream ...}
     * @param octets how many octets were given
     */
    record Malformed(String reason, int octets) implements Inspection {
        public Malformed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
