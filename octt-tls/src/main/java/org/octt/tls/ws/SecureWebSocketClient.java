package org.octt.tls.ws;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Opens secured WebSockets ({@code wss}) for OCPP-J, playing the Charge Point: TLS 1.3 or 1.2 (JDK
 * provider), the server's chain recorded and judged by a {@link ServerCertificatePolicy} before any
 * credential is sent, then the HTTP upgrade with the subprotocol and, for security profile 2, Basic
 * auth. Every attempt ends in a {@link WebSocketOutcome}; only a local set-up fault is an error.
 *
 * <p>A request for a plain {@code ws} URL (security profile 1 only) skips TLS: no certificate is
 * seen or judged, and whatever credentials the request carries go out unencrypted; the outcome's
 * {@code tlsProtocol} and {@code cipherSuite} are empty.
 *
 * <p>Immutable and thread-safe; each {@code with...} returns a copy. Each {@link #connect} opens one
 * new connection (no pooling, no TLS session reuse across attempts).
 *
 * <pre>{@code
 * SecureWebSocketClient client = SecureWebSocketClient.create()
 *         .withServerCertificatePolicy(ServerCertificatePolicy.trustAnchors(List.of(root)));
 * client.connect(WebSocketRequest.to(URI.create("wss://csms.example.com/ocpp"), "CP001")
 *         .withBasicAuth(password))
 *     .subscribe(outcome -> ...);
 * }</pre>
 */
public final class SecureWebSocketClient {

    /** The TLS versions offered, newest first. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** The name of the Micrometer timer recorded per upgrade attempt (tag {@code outcome}). */
    public static final String UPGRADE_TIMER = "octt.ws.upgrade";

    private final ServerCertificatePolicy policy;
    private final boolean insecure;
    private final WebSocketTimeouts timeouts;
    private final MeterRegistry meterRegistry;

    private SecureWebSocketClient(ServerCertificatePolicy policy, boolean insecure, WebSocketTimeouts timeouts,
                                  MeterRegistry meterRegistry) {
        this.policy = policy;
        this.insecure = insecure;
        this.timeouts = timeouts;
        this.meterRegistry = meterRegistry;
    }

    /**
     * A client with the JDK's default trust store and host name check, secure, default timeouts
     * ({@link WebSocketTimeouts#DEFAULTS}), no metrics.
     */
    public static SecureWebSocketClient create() {
        return new SecureWebSocketClient(null, false, WebSocketTimeouts.DEFAULTS, null);
    }

    /** Judges the server's chain with {@code policy} (e.g. {@link ServerCertificatePolicy#trustAnchors}). */
    public SecureWebSocketClient withServerCertificatePolicy(ServerCertificatePolicy policy) {
        return new SecureWebSocketClient(Objects.requireNonNull(policy, "policy"), insecure, timeouts, meterRegistry);
    }

    /**
     * When true, a chain the policy rejects does not stop the connection: credentials are sent anyway
     * and the outcome records that validation was overridden ({@link TlsObservation#validationOverridden()}).
     * Only for an explicit {@code --insecure}.
     */
    public SecureWebSocketClient withInsecure(boolean insecure) {
        return new SecureWebSocketClient(policy, insecure, timeouts, meterRegistry);
    }

    public SecureWebSocketClient withTimeouts(WebSocketTimeouts timeouts) {
        return new SecureWebSocketClient(policy, insecure, Objects.requireNonNull(timeouts, "timeouts"), meterRegistry);
    }

    /** Records the {@value #UPGRADE_TIMER} timer in {@code registry} (never in the global registry). */
    public SecureWebSocketClient withMeterRegistry(MeterRegistry registry) {
        return new SecureWebSocketClient(policy, insecure, timeouts, Objects.requireNonNull(registry, "registry"));
    }

    /** The policy in use; the JDK default trust when none was set. */
    public ServerCertificatePolicy serverCertificatePolicy() {
        return policy != null ? policy : ServerCertificatePolicy.jdkDefaultTrust();
    }

    public boolean insecure() {
        return insecure;
    }

    public WebSocketTimeouts timeouts() {
        return timeouts;
    }

    public Optional<MeterRegistry> meterRegistry() {
        return Optional.ofNullable(meterRegistry);
    }

    /**
     * Opens one connection for {@code request}: TCP, TLS, HTTP upgrade. Lazy: nothing happens until
     * subscribed; cancelling before the outcome closes the connection. Emits exactly one outcome within
     * the sum of the phase timeouts (plus a small margin); fails only when the TLS context cannot be
     * built ({@link WebSocketSetupException}). The session of a {@link WebSocketOutcome.Connected} stays
     * open until the caller closes it.
     */
    public Mono<WebSocketOutcome> connect(WebSocketRequest request) {
        Objects.requireNonNull(request, "request");
        return Mono.defer(() -> new ConnectAttempt(this, request).run());
    }

    @Override
    public String toString() {
        return "SecureWebSocketClient[" + (insecure ? "INSECURE, " : "") + timeouts + "]";
    }
}
