package org.octt.ocpp.csr;

import java.util.Objects;

/**
 * One named check of a chain a Central System signed for a {@link ChargePointCsr} (see
 * {@link SignedChainVerification}): what was expected, what was seen, and whether they agree.
 * Immutable.
 *
 * @param name     which check
 * @param status   passed, failed, or not checked (an earlier check failed, or nothing to check against)
 * @param expected what a correct chain has, e.g. {@code CN=CP001}
 * @param seen     what this chain has, e.g. {@code CN=CP002}; for NOT_CHECKED why it was not checked
 */
public record SignedChainCheck(Name name, Status status, String expected, String seen) {

    /** The checks, in the order they are made. */
    public enum Name {
        /** The certificateChain is PEM: one or more CERTIFICATE blocks, each an X.509 certificate. */
        PEM("pem"),
        /** The leaf (first certificate) carries the CSR's public key. */
        PUBLIC_KEY("public-key"),
        /** The leaf's subject CN is the Charge Point's serial number. */
        COMMON_NAME("common-name"),
        /** The leaf's key is at least RSA 2048 or EC 224 bits. */
        KEY_SIZE("key-size"),
        /** Every certificate of the chain is valid now. */
        VALIDITY("validity"),
        /** The leaf chains to the Charge Point CA (when it is known). */
        ISSUER("issuer");

        private final String id;

        Name(String id) {
            this.id = id;
        }

        /** A stable kebab-case name, e.g. {@code public-key}. */
        public String id() {
            return id;
        }
    }

    /** How a check came out. */
    public enum Status { PASSED, FAILED, NOT_CHECKED }

    public SignedChainCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(seen, "seen");
    }

    /** Whether the check passed. */
    public boolean passed() {
        return status == Status.PASSED;
    }

    /**
     * A sentence: {@code expected <expected>, seen <seen>} for a check that was made,
     * {@code not checked: <why>} otherwise.
     */
    public String message() {
        return status == Status.NOT_CHECKED ? "not checked: " + seen : "expected " + expected + ", seen " + seen;
    }
}
