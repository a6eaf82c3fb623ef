package org.octt.testkit;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A way the {@link ReferenceCentralSystem} can be told to misbehave, so that each check of
 * TC_086_CSMS has a server that makes it fail (or warn). Faults combine in an {@link java.util.EnumSet};
 * a few pairs contradict each other and are refused by {@link ReferenceCentralSystem.Builder#build()}.
 *
 * <p>Each fault has a stable kebab-case {@link #id()} (used by {@code octt demo --fault <id>}) and a
 * one-line {@link #description()}.
 */
public enum Fault {

    // ---- TLS protocol versions and cipher suites
    /** Only the RSA certificate: the ECDHE_ECDSA suites are refused. */
    RSA_ONLY("rsa-only", "serves only the RSA certificate, so the two ECDHE_ECDSA suites are refused"),
    /** Only the ECDSA certificate: the RSA suites are refused. */
    ECDSA_ONLY("ecdsa-only", "serves only the ECDSA certificate, so the TLS_RSA and ECDHE_RSA suites are refused"),
    /** The TLS_RSA_* (RSA key exchange) suites are not enabled. */
    NO_RSA_KX_SUITES("no-rsa-kx-suites", "does not enable TLS_RSA_WITH_AES_128/256_GCM (RSA key exchange)"),
    /** TLS 1.3 only: none of the four TLS 1.2 suites can be negotiated. */
    TLS13_ONLY("tls13-only", "accepts TLS 1.3 only, so none of the four TLS 1.2 suites is accepted"),
    /** Also accepts TLS 1.0 and 1.1 (with CBC suites); TC_086 still passes, with a warning. */
    LEGACY_TLS("legacy-tls", "also accepts TLS 1.0 and 1.1 (passes with a warning)"),

    // ---- certificates
    /** The RSA certificate has a 1024-bit key. */
    RSA_1024("rsa-1024", "RSA certificate with a 1024-bit key (at least 2048 required)"),
    /** The EC certificate's key is on secp192r1 (P-192). */
    EC_P192("ec-p192", "ECDSA certificate on curve P-192 (at least 224 bits required)"),
    /** The subject CN names another host (the subjectAltName still names the right one). */
    CN_MISMATCH("cn-mismatch", "certificate CN names another host than the Central System's FQDN"),
    /** The subject CN is a wildcard of the host's domain, e.g. {@code *.octt.test}. */
    CN_WILDCARD("cn-wildcard", "certificate CN is a wildcard (*.domain), not the FQDN"),
    /** The subject has no CN at all, only an O. */
    NO_CN("no-cn", "certificate subject has no commonName, only an organization"),
    /** The CN is right but the subjectAltName lacks the host (a warning for TC_086). */
    SAN_MISMATCH("san-mismatch", "certificate CN is right but its subjectAltName lacks the FQDN (warning)"),
    /** Both certificates expired yesterday. */
    EXPIRED("expired", "certificates expired yesterday"),
    /** Both certificates become valid tomorrow. */
    NOT_YET_VALID("not-yet-valid", "certificates become valid only tomorrow"),
    /** The certificates are issued by a CA other than {@link RunningCentralSystem#rootCertificate()}. */
    UNTRUSTED("untrusted", "certificates issued by a CA other than the published root certificate"),
    /** Both certificates have serial number 0. */
    ZERO_SERIAL("zero-serial", "certificates have serial number 0 (RFC 5280 wants a positive serial)"),

    // ---- client certificates (security profile 3)
    /** Under security profile 3, no client certificate is requested. */
    CLIENT_CERT_NOT_REQUESTED("client-cert-not-requested", "never asks for a client certificate (profile 3 not in force)"),
    /** Any client certificate is accepted, self-signed ones included. */
    ANY_CLIENT_CERT_ACCEPTED("any-client-cert-accepted", "accepts a client certificate from any issuer, self-signed included"),
    /** A client certificate outside its validity period is accepted. */
    EXPIRED_CLIENT_CERT_ACCEPTED("expired-client-cert-accepted", "accepts an expired client certificate"),
    /** A client certificate whose CN is not the ChargePointId of the URL is accepted. */
    WRONG_CN_CLIENT_CERT_ACCEPTED("wrong-cn-client-cert-accepted",
            "upgrades a Charge Point whose client certificate's CN is another ChargePointId"),

    // ---- WebSocket and OCPP
    /** The server expects another password than {@link RunningCentralSystem#chargePointPassword()}: 401. */
    WRONG_PASSWORD("wrong-password", "expects another Basic auth password than the one handed out: 401"),
    /** An upgrade without an {@code Authorization} header is let through (profile 2). */
    NO_AUTH_ACCEPTED("no-auth-accepted", "upgrades a request without an Authorization header (no Basic auth asked)"),
    /** Any password is accepted for the Charge Point id (profile 2). */
    ANY_PASSWORD("any-password", "accepts any Basic auth password for the Charge Point id"),
    /** The right password is accepted under any user name, not only the Charge Point id (profile 2). */
    ANY_USER("any-user", "accepts the right Basic auth password under any user name"),
    /** The account is locked after one failed upgrade: the right credentials are refused from then on. */
    LOCKS_AFTER_FAILURE("locks-after-failure", "locks the Charge Point's account after one failed authentication"),
    /**
     * An upgrade offering no acceptable subprotocol gets 101 without a subprotocol and the session is
     * kept open (instead of closed at once, as OCPP-J prescribes).
     */
    UNKNOWN_SUBPROTOCOL_KEPT("unknown-subprotocol-kept", "keeps a WebSocket open that was offered only unknown subprotocols"),
    /** Selects {@code ocpp0.1} (unknown) when the client offers it, even before {@code ocpp1.6}. */
    WRONG_SUBPROTOCOL_SELECTED("wrong-subprotocol-selected", "selects the unknown subprotocol ocpp0.1 when it is offered"),
    /** The upgrade answers 101 without selecting the {@code ocpp1.6} subprotocol. */
    NO_SUBPROTOCOL("no-subprotocol", "upgrades to WebSocket without selecting the ocpp1.6 subprotocol"),
    /** BootNotification.conf has status Rejected. */
    BOOT_REJECTED("boot-rejected", "answers BootNotification with status Rejected"),
    /** BootNotification.conf lacks currentTime and has a non-integer interval. */
    BOOT_INVALID("boot-invalid", "answers BootNotification without currentTime and with a non-integer interval"),
    /** OCPP calls are received but never answered. */
    NO_ANSWER("no-answer", "never answers OCPP calls"),
    /**
     * On BootNotification, the Central System first sends its own CALL (GetConfiguration) and answers
     * the BootNotification only once the Charge Point has answered that CALL, as OCPP-J allows.
     */
    SENDS_CALL_FIRST("sends-call-first", "sends GetConfiguration on BootNotification and answers BootNotification"
            + " only after the Charge Point answered it"),
    /** StatusNotification is answered with a CALLERROR (InternalError). */
    STATUS_NOTIFICATION_ERROR("status-notification-error", "answers StatusNotification with a CALLERROR"),

    // ---- certificate signing (TC_074_CSMS, TC_077_CSMS): presets of CertificateSigning
    /** SignCertificate.req is answered Rejected. */
    SIGN_CERTIFICATE_REJECTED("sign-certificate-rejected", "answers SignCertificate with status Rejected"),
    /** SignCertificate.req is answered Accepted, but no CertificateSigned.req follows. */
    NO_CERTIFICATE_SIGNED("no-certificate-signed", "accepts SignCertificate but never sends CertificateSigned"),
    /** The signed leaf carries another public key than the CSR's. */
    SIGNED_OTHER_KEY("signed-other-key", "sends CertificateSigned with a leaf carrying another public key than the CSR's"),
    /** The signed leaf's CN is not the CSR's CN. */
    SIGNED_WRONG_CN("signed-wrong-cn", "sends CertificateSigned with a leaf whose CN is not the CSR's (not-<CN>)"),
    /** The certificateChain is cut in the middle of its first PEM block. */
    SIGNED_MALFORMED_PEM("signed-malformed-pem", "sends CertificateSigned with a certificateChain that is not valid PEM"),
    /** The signed leaf carries a new RSA 1024-bit key. */
    SIGNED_RSA_1024("signed-rsa-1024", "sends CertificateSigned with a leaf carrying an RSA 1024-bit key"),
    /** The signed leaf expired yesterday. */
    SIGNED_EXPIRED("signed-expired", "sends CertificateSigned with a leaf that expired yesterday"),
    /** The signed leaf is issued by a CA other than the client CA. */
    SIGNED_UNTRUSTED_ISSUER("signed-untrusted-issuer",
            "sends CertificateSigned with a leaf issued by a CA other than the Charge Point CA"),

    /** SecurityEventNotification.req is answered with a CALLERROR (InternalError). */
    SECURITY_EVENT_NOTIFICATION_ERROR("security-event-notification-error",
            "answers SecurityEventNotification with a CALLERROR"),

    // ---- transport
    /** Accepts TCP connections but never answers the ClientHello. */
    NO_TLS_ANSWER("no-tls-answer", "accepts TCP connections but never answers the TLS ClientHello"),
    /** Answers the ClientHello with plain HTTP bytes (an HTTP server where TLS was expected). */
    NOT_TLS("not-tls", "answers with plain HTTP instead of TLS"),

    // ---- certificate management (operator actions of TC_075, TC_076, TC_078)
    /** InstallCertificate.req carries a freshly made root instead of the configured certificate. */
    WRONG_ROOT_INSTALLED("wrong-root-installed", "installs another root certificate than the one configured"),
    /** InstallCertificate.req carries a PEM certificate cut in half (valid base64, truncated DER). */
    MALFORMED_CERTIFICATE("malformed-certificate", "sends InstallCertificate with a truncated, unreadable PEM certificate"),
    /** DeleteCertificate.req uses another hash algorithm than the Charge Point reported its hash data in. */
    WRONG_HASH_ALGORITHM("wrong-hash-algorithm", "deletes a certificate with hash data in another algorithm than"
            + " the Charge Point reported"),
    /** DeleteCertificate.req's issuerKeyHash hashes the whole SubjectPublicKeyInfo, not the key's BIT STRING value. */
    WRONG_ISSUER_KEY_HASH("wrong-issuer-key-hash", "computes issuerKeyHash over the whole SubjectPublicKeyInfo"
            + " instead of the public key (RFC 6960)"),
    /** SecurityEventNotification.req is received but never answered. */
    SECURITY_EVENT_UNANSWERED("security-event-unanswered", "never answers SecurityEventNotification"),
    // ---- security log and secure firmware update (TC_079, TC_080, TC_081)
    /** GetLog.req asks for the DiagnosticsLog instead of the SecurityLog. */
    GET_LOG_WRONG_TYPE("get-log-wrong-type", "asks for the DiagnosticsLog instead of the SecurityLog in GetLog"),
    /** LogStatusNotification.req is never answered. */
    LOG_STATUS_NOT_ANSWERED("log-status-not-answered", "never answers LogStatusNotification"),
    /** The secure firmware update that should verify carries a signature that does not (TC_080). */
    FIRMWARE_SIGNATURE_INVALID("firmware-signature-invalid",
            "sends a firmware signature that does not verify in the secure firmware update (TC_080)"),
    /** The update meant to have an invalid signature carries a valid one (TC_081). */
    FIRMWARE_SIGNATURE_VALID("firmware-signature-valid",
            "sends a valid firmware signature where a deliberately invalid one is asked for (TC_081)"),
    /** The firmware is signed with, and carries, another signing certificate than the published one. */
    FIRMWARE_OTHER_SIGNING_CERTIFICATE("firmware-other-signing-certificate",
            "signs the firmware with another signing certificate than the published one"),
    /** SignedFirmwareStatusNotification.req is never answered. */
    FIRMWARE_STATUS_NOT_ANSWERED("firmware-status-not-answered", "never answers SignedFirmwareStatusNotification"),

    // ---- TC_073 and TC_083: new password, new security profile
    /** TC_073: the new AuthorizationKey sent has 24 characters (neither 16 to 20 characters nor 32 to 40 hex digits). */
    AUTHORIZATION_KEY_INVALID("authorization-key-invalid", "sends a new AuthorizationKey of 24 characters (neither 16"
            + " to 20 characters nor 32 to 40 hex digits)"),
    /** TC_073: after the Charge Point accepted a new AuthorizationKey, its new password is refused (401). */
    NEW_PASSWORD_REFUSED("new-password-refused", "keeps expecting the old password after the Charge Point accepted a"
            + " new AuthorizationKey"),
    /** TC_073: after the Charge Point accepted a new AuthorizationKey, its old password is still accepted. */
    OLD_PASSWORD_ACCEPTED("old-password-accepted", "still accepts the old password after the Charge Point accepted a"
            + " new AuthorizationKey"),
    /** TC_083: the SecurityProfile sent is the current profile, not the next one up. */
    SECURITY_PROFILE_NOT_RAISED("security-profile-not-raised", "sends SecurityProfile with the current profile instead"
            + " of the next one up"),
    /** TC_083: after the Charge Point accepted security profile 3, a connection with its client certificate is refused (401). */
    NEW_PROFILE_REFUSED("new-profile-refused", "keeps requiring Basic auth after the Charge Point accepted security"
            + " profile 3"),
    /** TC_083: after the Charge Point accepted security profile 3, its old profile (Basic auth, no client certificate) is still accepted. */
    OLD_PROFILE_ACCEPTED("old-profile-accepted", "still accepts the old security profile after the Charge Point moved"
            + " to the new one");

    /** The subprotocol no Central System speaks, which {@link #WRONG_SUBPROTOCOL_SELECTED} selects. */
    static final String UNKNOWN_SUBPROTOCOL = "ocpp0.1";

    private final String id;
    private final String description;

    Fault(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** The stable kebab-case name, e.g. {@code cn-mismatch}. */
    public String id() {
        return id;
    }

    /** One line saying what the server does wrong. */
    public String description() {
        return description;
    }

    /**
     * The fault with this {@link #id()} (case-insensitive; the enum constant name is accepted too).
     *
     * @throws IllegalArgumentException naming the value and listing the valid names
     */
    public static Fault fromName(String name) {
        if (name != null) {
            String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            for (Fault f : values()) {
                if (f.id.equals(n)) {
                    return f;
                }
            }
        }
        throw new IllegalArgumentException("unknown fault: " + name + "; valid faults: " + validNames());
    }

    /** The valid names, comma-separated, in declaration order. */
    public static String validNames() {
        return Arrays.stream(values()).map(Fault::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
