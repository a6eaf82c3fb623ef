package org.octt.tls.trust;

import java.util.List;
import java.util.Objects;

/**
 * The result of checking that a server certificate's commonName holds the Central System's FQDN
 * (A00.FR.308, A00.FR.510). Immutable.
 *
 * @param outcome        match, or why not
 * @param host           the endpoint host, normalized
 * @param commonNames    every CN value of the certificate's subject, as encoded
 * @param subjectAltName whether a subjectAltName is present and lists the host
 * @param warnings       warnings that do not fail the check (a subjectAltName lacking the host)
 * @param message        expected vs seen vs what to change, one line
 */
public record CommonNameCheck(
        Outcome outcome,
        EndpointHost host,
        List<String> commonNames,
        SubjectAltNameStatus subjectAltName,
        List<String> warnings,
        String message) {

    /** The outcome of the commonName check. */
    public enum Outcome {
        /** One CN equals the FQDN (case-insensitive, trailing dot ignored, A-labels). */
        MATCH,
        /** No CN equals the FQDN, and a CN is a wildcard: a wildcard is not the FQDN. */
        WILDCARD,
        /** The endpoint is an IP literal, which cannot match an FQDN. */
        IP_LITERAL_ENDPOINT,
        /** The subject has no CN. */
        NO_COMMON_NAME,
        /** CNs are present, none is the FQDN and none is a wildcard. */
        MISMATCH
    }

    /** What the subjectAltName extension says about the host. */
    public enum SubjectAltNameStatus {
        /** No subjectAltName DNS names or IP addresses: clients fall back to the CN. */
        ABSENT,
        /** subjectAltName lists the host (a wildcard covering it counts, as it does for TLS clients). */
        LISTS_HOST,
        /** subjectAltName is present and does not list the host: ordinary TLS clients refuse the connection. */
        LACKS_HOST
    }

    public CommonNameCheck {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(host, "host");
        commonNames = List.copyOf(commonNames);
        Objects.requireNonNull(subjectAltName, "subjectAltName");
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(message, "message");
    }

    /** True when the outcome is {@link Outcome#MATCH}. */
    public boolean passed() {
        return outcome == Outcome.MATCH;
    }
}
