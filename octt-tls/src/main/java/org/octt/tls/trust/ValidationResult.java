package org.octt.tls.trust;

import java.util.Objects;
import java.util.Optional;

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
     * Why no trust anchor was reached ({@link Reason#UNKNOWN_ISSUER}), as a cause a caller can turn
     * into advice: who must fix what.
     */
    enum MissingTrustCause {
        /**
         * The server certificate is self-signed (subject equals issuer, and it verifies with its own
         * key) and is not a trust anchor.
         */
        SELF_SIGNED,
        /**
         * The last certificate the server sent is not self-signed, and its issuer was neither sent
         * nor is a trust anchor: the server omitted an intermediate certificate, or the issuer is a
         * root that is not trusted (the chain cannot tell which).
         */
        ISSUER_NOT_SENT,
        /** The chain the server sent ends at a self-signed root that is not a trust anchor. */
        UNTRUSTED_ROOT
    }

    /**
     * The facts behind {@link Reason#UNKNOWN_ISSUER}.
     *
     * @param cause        the cause
     * @param sent         how many certificates the server sent (after trailing trust anchors were
     *                     left out)
     * @param lastSent     the subject (RFC 2253) of the last certificate sent: the leaf when only it
     *                     was sent, else the top of the chain
     * @param issuer       the issuer (RFC 2253) of the last certificate sent; equals {@code lastSent}
     *                     when it is self-signed
     */
    record MissingTrust(MissingTrustCause cause, int sent, String lastSent, String issuer) {
        public MissingTrust {
            Objects.requireNonNull(cause, "cause");
            Objects.requireNonNull(lastSent, "lastSent");
            Objects.requireNonNull(issuer, "issuer");
            if (sent < 1) {
                throw new IllegalArgumentException("at least one certificate was sent, was: " + sent);
            }
        }
    }

    /**
     * The path does not validate.
     *
     * @param reason       the kind of failure
     * @param message      names the failing certificate (subject) and the dates, issuer or check
     *                     involved; names no option of any front end
     * @param missingTrust for {@link Reason#UNKNOWN_ISSUER}, why no anchor was reached; else empty
     */
    record Invalid(Reason reason, String message, Optional<MissingTrust> missingTrust) implements ValidationResult {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(missingTrust, "missingTrust");
        }

        /** An invalid path without {@link MissingTrust} facts. */
        public Invalid(Reason reason, String message) {
            this(reason, message, Optional.empty());
        }
    }
}
