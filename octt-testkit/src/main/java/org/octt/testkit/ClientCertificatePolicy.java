package org.octt.testkit;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Whether the {@link ReferenceCentralSystem}'s TLS server asks for a client certificate (security
 * profile 3) and whose it accepts. Immutable.
 *
 * <ul>
 *   <li>{@link #required()}: a client certificate is requested and one issued by an accepted issuer
 *       is required; without one the handshake fails with {@code certificate_required} (TLS 1.3) or
 *       {@code handshake_failure}, one from another issuer with {@code unknown_ca}. The default of
 *       security profile 3.</li>
 *   <li>{@link #optional()}: requested; a client without one is let in, a wrong one is still refused.</li>
 *   <li>{@link #none()}: never requested. The default of security profile 2.</li>
 * </ul>
 *
 * <p>The accepted issuers are the reference PKI's client CA ({@link
 * RunningCentralSystem#clientCaCertificate()}) unless {@link #acceptingIssuers(X509Certificate...)}
 * names others. A certificate is accepted when its issuer name is an accepted issuer's subject, its
 * signature verifies with that issuer's key and it is valid now (the TLS handshake fails with
 * {@code unknown_ca} or {@code certificate_expired} otherwise), and the upgrade of
 * {@code /ocpp/<ChargePointId>} is answered 403 unless the certificate's CN is that ChargePointId
 * (whitepaper A00.FR.403/405/407). Each of these checks can be switched off to make a fail path:
 * {@link #acceptingAnyIssuer()}, {@link #acceptingExpired()}, {@link #acceptingAnyCommonName()}.
 */
public final class ClientCertificatePolicy {

    /** Whether a client certificate is requested and required. */
    public enum Mode {
        /** Requested and required. */
        REQUIRED,
        /** Requested; checked when sent. */
        OPTIONAL,
        /** Not requested. */
        NONE
    }

    private final Mode mode;
    private final List<X509Certificate> issuers;
    private final boolean checksIssuer;
    private final boolean checksValidity;
    private final boolean checksCommonName;

    private ClientCertificatePolicy(Mode mode, List<X509Certificate> issuers) {
        this(mode, issuers, true, true, true);
    }

    private ClientCertificatePolicy(Mode mode, List<X509Certificate> issuers, boolean checksIssuer,
                                    boolean checksValidity, boolean checksCommonName) {
        this.mode = mode;
        this.issuers = List.copyOf(issuers);
        this.checksIssuer = checksIssuer;
        this.checksValidity = checksValidity;
        this.checksCommonName = checksCommonName;
    }

    /** This policy accepting a certificate from any issuer, self-signed ones included (a fail path). */
    public ClientCertificatePolicy acceptingAnyIssuer() {
        return new ClientCertificatePolicy(mode, issuers, false, checksValidity, checksCommonName);
    }

    /** This policy accepting a certificate outside its validity period (a fail path). */
    public ClientCertificatePolicy acceptingExpired() {
        return new ClientCertificatePolicy(mode, issuers, checksIssuer, false, checksCommonName);
    }

    /** This policy upgrading a Charge Point whose certificate's CN is not its ChargePointId (a fail path). */
    public ClientCertificatePolicy acceptingAnyCommonName() {
        return new ClientCertificatePolicy(mode, issuers, checksIssuer, checksValidity, false);
    }

    /** Whether a certificate must come from an accepted issuer (the default). */
    public boolean checksIssuer() {
        return checksIssuer;
    }

    /** Whether a certificate must be valid now (the default). */
    public boolean checksValidity() {
        return checksValidity;
    }

    /** Whether the certificate's CN must be the ChargePointId of the upgrade's URL (the default). */
    public boolean checksCommonName() {
        return checksCommonName;
    }

    /** Requested and required, from the reference client CA. */
    public static ClientCertificatePolicy required() {
        return new ClientCertificatePolicy(Mode.REQUIRED, List.of());
    }

    /** Requested; a client without one is let in. */
    public static ClientCertificatePolicy optional() {
        return new ClientCertificatePolicy(Mode.OPTIONAL, List.of());
    }

    /** Never requested. */
    public static ClientCertificatePolicy none() {
        return new ClientCertificatePolicy(Mode.NONE, List.of());
    }

    /**
     * This policy, accepting certificates issued by these CAs instead of the reference client CA
     * (name {@link ReferencePki#clientCaCertificate()} too to keep it).
     *
     * @throws IllegalArgumentException if none is given
     */
    public ClientCertificatePolicy acceptingIssuers(X509Certificate... issuers) {
        if (issuers.length == 0) {
            throw new IllegalArgumentException("name at least one issuer");
        }
        Arrays.stream(issuers).forEach(i -> Objects.requireNonNull(i, "issuer"));
        return new ClientCertificatePolicy(mode, Arrays.asList(issuers), checksIssuer, checksValidity, checksCommonName);
    }

    /** Whether a certificate is requested and required. */
    public Mode mode() {
        return mode;
    }

    /** The accepted issuers given; empty means the reference PKI's client CA. */
    public List<X509Certificate> issuers() {
        return issuers;
    }

    @Override
    public String toString() {
        return "ClientCertificatePolicy[" + mode + (issuers.isEmpty() ? "" : ", issuers="
                + issuers.stream().map(c -> c.getSubjectX500Principal().getName()).toList())
                + (checksIssuer ? "" : ", any issuer") + (checksValidity ? "" : ", expired accepted")
                + (checksCommonName ? "" : ", any CN") + "]";
    }
}
