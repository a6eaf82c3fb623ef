package org.octt.tls.trust;

import java.util.Objects;

/**
 * The outcome of validating a certification path: data, never thrown.
 */
public sealed interface ValidationResult permits ValidationResult.Valid, ValidationResult.Invalid {

    /** True for {@link Valid}. */
    default boolean valid() {
        return this instanceof Valid;
    }

    /** A one-line explanation for a report. */
    String message();

    /** Why a path is invalid. */
    enum Reason {
        /** A certificate's notAfter lies before the validation time. */
        EXPIRED,
        /** A certificate's notBefore lies after the validation time. */
        NOT_YET_VALID,
        /** No configured trust anchor issued the path. */
        UNKNOWN_ISSUER,
        /** A signature in the path does not verify with its issuer's key. */
        BAD_SIGNATURE,
        /** Names do not chain, an issuer is not a CA, key usage or path length forbids the path. */
        BAD_PATH,
        /**
         * The JDK's certification path algorithm constraints ({@code jdk.certpath.disabledAlgorithms},
         * e.g. {@code EC keySize < 224}, {@code MD5}) reject a key or signature in the path.
         */
        ALGORITHM_CONSTRAINED,
        /** Anything else: an empty chain, a certificate the JDK cannot parse, an unexpected failure. */
        OTHER
    }

    /**
     * The path validates.
     *
     * @param anchorSubject the subject (RFC 2253) of the trust anchor the path ends at
     * @param message       e.g. {@code certification path of CN=csms.example.com is valid, anchored at CN=Root}
     */
    record Valid(String anchorSubject, String message) implements ValidationResult {
        public Valid {
            Objects.requireNonNull(anchorSubject, "anchorSubject");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The path does not validate.
     *
     * @param reason  the kind of failure
     * @param message names the failing certificate (subject) and the dates, issuer or check involved
     */
    record Invalid(Reason reason, String message) implements ValidationResult {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }
}
