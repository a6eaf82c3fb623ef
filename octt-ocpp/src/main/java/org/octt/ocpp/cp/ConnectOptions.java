package org.octt.ocpp.cp;

import org.octt.core.spi.KeyMaterial;
import org.octt.core.spi.OcppVersion;
import org.octt.core.spi.Secret;
import org.octt.ocpp.j.CallResponder;
import org.octt.tls.trust.TrustValidator;
import org.octt.tls.ws.WebSocketTimeouts;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link ChargePoint#connect(org.octt.core.spi.TestContext, ConnectOptions)} departs from what
 * the test context says: other credentials (another password, another user, none; another client
 * certificate, none), other subprotocols, another ChargePointId, timeouts, the answers to the
 * Central System's CALLs. {@link #defaults()} departs from nothing. Immutable; each {@code with...}
 * returns a copy. {@link #toString()} never shows a secret.
 */
public final class ConnectOptions {

    /** Where a credential comes from. */
    enum Source { CONTEXT, GIVEN, NONE }

    private static final ConnectOptions DEFAULTS = new ConnectOptions(null, Source.CONTEXT, null, null, null,
            Source.CONTEXT, null, List.of(OcppVersion.OCPP_16J.subprotocol()), null, null, null, null);

    private final String chargePointId;
    private final Source basicAuth;
    private final String user;
    private final Secret password;
    private final byte[] rawPassword;
    private final Source clientCertificate;
    private final KeyMaterial keyMaterial;
    private final List<String> subprotocols;
    private final TrustValidator trustValidator;
    private final WebSocketTimeouts timeouts;
    private final Duration callTimeout;
    private final CallResponder responder;

    private ConnectOptions(String chargePointId, Source basicAuth, String user, Secret password,
                           byte[] rawPassword, Source clientCertificate, KeyMaterial keyMaterial, List<String> subprotocols,
                           TrustValidator trustValidator, WebSocketTimeouts timeouts, Duration callTimeout,
                           CallResponder responder) {
        this.chargePointId = chargePointId;
        this.basicAuth = basicAuth;
        this.user = user;
        this.password = password;
        this.rawPassword = rawPassword;
        this.clientCertificate = clientCertificate;
        this.keyMaterial = keyMaterial;
        this.subprotocols = subprotocols;
        this.trustValidator = trustValidator;
        this.timeouts = timeouts;
        this.callTimeout = callTimeout;
        this.responder = responder;
    }

    /**
     * The context's settings: the security profile's credentials, the subprotocol {@code ocpp1.6},
     * the context's ChargePointId, trust anchors and network timeout, the default answers
     * ({@link org.octt.ocpp.j.ChargePointResponder#defaults()}).
     */
    public static ConnectOptions defaults() {
        return DEFAULTS;
    }

    /** Connects as {@code chargePointId} instead of the URL's last path segment. */
    public ConnectOptions withChargePointId(String chargePointId) {
        Objects.requireNonNull(chargePointId, "chargePointId");
        if (chargePointId.isBlank()) {
            throw new IllegalArgumentException("the ChargePointId must not be blank, was: '" + chargePointId + "'");
        }
        return new ConnectOptions(chargePointId, basicAuth, user, password, rawPassword, clientCertificate, keyMaterial,
                subprotocols, trustValidator, timeouts, callTimeout, responder);
    }

    /** Basic auth with this password (e.g. a wrong one) as the ChargePointId, whatever the profile. */
    public ConnectOptions withBasicAuth(Secret password) {
        return new ConnectOptions(chargePointId, Source.GIVEN, null, Objects.requireNonNull(password, "password"), null,
                clientCertificate, keyMaterial, subprotocols, trustValidator, timeouts, callTimeout, responder);
    }

    /**
     * Basic auth as the ChargePointId with the password {@code key} stands for (the decoded bytes of
     * a hex key, the UTF-8 of a text key), whatever the profile: e.g. the AuthorizationKey the
     * Central System has just set.
     */
    public ConnectOptions withBasicAuth(AuthorizationKey key) {
        Objects.requireNonNull(key, "key");
        return new ConnectOptions(chargePointId, Source.GIVEN, null, key.value(), key.password(),
                clientCertificate, keyMaterial, subprotocols, trustValidator, timeouts, callTimeout, responder);
    }

    /** Basic auth as {@code user} (e.g. another Charge Point's identity) with this password. */
    public ConnectOptions withBasicAuth(String user, Secret password) {
        Objects.requireNonNull(user, "user");
        return new ConnectOptions(chargePointId, Source.GIVEN, user, Objects.requireNonNull(password, "password"), null,
                clientCertificate, keyMaterial, subprotocols, trustValidator, timeouts, callTimeout, responder);
    }

    /** No {@code Authorization} header, whatever the profile (e.g. to see the upgrade refused). */
    public ConnectOptions withoutBasicAuth() {
        return new ConnectOptions(chargePointId, Source.NONE, null, null, null, clientCertificate, keyMaterial,
                subprotocols, trustValidator, timeouts, callTimeout, responder);
    }

    /** Offers this client certificate and key (e.g. one the Central System must refuse), whatever the profile. */
    public ConnectOptions withClientKeyMaterial(KeyMaterial material) {
        return new ConnectOptions(chargePointId, basicAuth, user, password, rawPassword, Source.GIVEN,
                Objects.requireNonNull(material, "material"), subprotocols, trustValidator, timeouts, callTimeout,
                responder);
    }

    /** Offers no client certificate, whatever the profile. */
    public ConnectOptions withoutClientCertificate() {
        return new ConnectOptions(chargePointId, basicAuth, user, password, rawPassword, Source.NONE, null, subprotocols,
                trustValidator, timeouts, callTimeout, responder);
    }

    /**
     * Offers these subprotocols in this order ({@code Sec-WebSocket-Protocol: ocpp0.1,ocpp1.6}), e.g.
     * only {@code ocpp0.1} to see what the Central System does; none when empty.
     */
    public ConnectOptions withSubprotocols(String... subprotocols) {
        for (String p : subprotocols) {
            if (p == null || p.isBlank() || p.contains(",") || !p.strip().equals(p)) {
                throw new IllegalArgumentException("a subprotocol must be one non-blank token, was: '" + p + "'");
            }
        }
        return new ConnectOptions(chargePointId, basicAuth, user, password, rawPassword, clientCertificate, keyMaterial,
                List.of(subprotocols), trustValidator, timeouts, callTimeout, responder);
    }

    /**
     * Judges the server's chain with this validator instead of one made from the context's trust
     * anchors (e.g. one a test case already built, so the chain is not validated twice).
     */
    public ConnectOptions withTrustValidator(TrustValidator validator) {
        return new ConnectOptions(chargePointId, basicAuth, user, password, rawPassword, clientCertificate, keyMaterial,
                subprotocols, Objects.requireNonNull(validator, "validator"), timeouts, callTimeout, responder);
    }

    /** The timeouts of the connection's phases, instead of the context's network timeout for each. */
    public ConnectOptions withTimeouts(WebSocketTimeouts timeouts) {
        return new ConnectOptions(chargePointId, basicAuth, user, password, rawPassword, clientCertificate, keyMaterial,
                subprotocols, trustValidator, Objects.requireNonNull(timeouts, "timeouts"), callTimeout, responder);
    }

    /** How long a call waits for its answer by default, instead of the context's network timeout. */
    public ConnectOptions withCallTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("call timeout must be positive, was: " + timeout);
        }
        return new ConnectOptions(chargePointId, basicAuth, user, password, rawPassword, clientCertificate, keyMaterial,
                subprotocols, trustValidator, timeouts, timeout, responder);
    }

    /**
     * Answers the Central System's CALLs with {@code responder} (it runs on the event loop: it must
     * answer at once and never block) instead of the defaults; the session can replace it later.
     */
    public ConnectOptions withResponder(CallResponder responder) {
        return new ConnectOptions(chargePointId, basicAuth, user, password, rawPassword, clientCertificate, keyMaterial,
                subprotocols, trustValidator, timeouts, callTimeout, Objects.requireNonNull(responder, "responder"));
    }

    Optional<String> chargePointId() {
        return Optional.ofNullable(chargePointId);
    }

    Source basicAuth() {
        return basicAuth;
    }

    Optional<String> user() {
        return Optional.ofNullable(user);
    }

    Optional<Secret> password() {
        return Optional.ofNullable(password);
    }

    /** The password's bytes when they are not the UTF-8 of {@link #password()} (a hex AuthorizationKey). */
    Optional<byte[]> rawPassword() {
        return Optional.ofNullable(rawPassword).map(byte[]::clone);
    }

    Source clientCertificate() {
        return clientCertificate;
    }

    Optional<KeyMaterial> keyMaterial() {
        return Optional.ofNullable(keyMaterial);
    }

    /** The subprotocols offered, in order. */
    public List<String> subprotocols() {
        return subprotocols;
    }

    Optional<TrustValidator> trustValidator() {
        return Optional.ofNullable(trustValidator);
    }

    Optional<WebSocketTimeouts> timeouts() {
        return Optional.ofNullable(timeouts);
    }

    Optional<Duration> callTimeout() {
        return Optional.ofNullable(callTimeout);
    }

    Optional<CallResponder> responder() {
        return Optional.ofNullable(responder);
    }

    @Override
    public String toString() {
        return "ConnectOptions[" + chargePointId().map(id -> "chargePointId=" + id + ", ").orElse("")
                + "basicAuth=" + (basicAuth == Source.GIVEN ? user().orElse("(ChargePointId)") + ":****" : basicAuth)
                + ", clientCertificate=" + (clientCertificate == Source.GIVEN ? "given" : clientCertificate)
                + ", subprotocols=" + subprotocols + "]";
    }
}
