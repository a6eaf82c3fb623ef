package org.octt.testkit;

import io.netty.channel.Channel;
import com.fasterxml.jackson.databind.JsonNode;
import org.octt.core.spi.ActionHandler;
import org.octt.core.spi.ActionOutcome;
import org.octt.testkit.internal.ChargePointAccounts;
import org.octt.testkit.internal.SessionRegistry;
import org.octt.testkit.internal.TrafficRecorder;
import reactor.core.publisher.Mono;
import org.octt.tls.pki.IssuedCertificate;
import org.octt.tls.pki.Pem;
import reactor.netty.DisposableServer;
import reactor.netty.resources.LoopResources;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A started {@link ReferenceCentralSystem}: where to reach it, what to trust, the credentials to
 * use, and what it has received. Close it to stop it. Thread-safe; {@link #toString()} shows no
 * secret.
 */
public final class RunningCentralSystem implements AutoCloseable {

    /** How long {@link #perform} waits for the Charge Point's session to be open. */
    private static final Duration SESSION_WAIT = Duration.ofSeconds(5);

    private final ReferenceCentralSystem config;
    private final String chargePointId;
    private final ReferencePki pki;
    private final ServerCertificates certificates;
    private final char[] password;
    private final DisposableServer server;
    private final LoopResources loops;
    private final Set<Channel> connections;
    private final TrafficRecorder traffic;
    private final AtomicBoolean closed;
    private final SessionRegistry sessions;
    private final ChargePointAccounts accounts;
    private final ReferenceFirmware firmware;

    RunningCentralSystem(ReferenceCentralSystem config, String chargePointId, ReferencePki pki,
            ServerCertificates certificates, char[] password, DisposableServer server, LoopResources loops,
            Set<Channel> connections, AtomicBoolean closed, TrafficRecorder traffic, SessionRegistry sessions,
            ChargePointAccounts accounts) {
        this.accounts = accounts;
        this.config = config;
        this.chargePointId = chargePointId;
        this.pki = pki;
        this.certificates = certificates;
        this.password = password;
        this.server = server;
        this.loops = loops;
        this.connections = connections;
        this.closed = closed;
        this.traffic = traffic;
        this.sessions = sessions;
        this.firmware = new ReferenceFirmware(pki, loops);
    }

    /**
     * The endpoint a Charge Point connects to: {@code wss://<hostName>:<port>/ocpp/<ChargePointId>}.
     * The host name does not resolve: connect to {@link #connectAddress()}.
     */
    public URI url() {
        return URI.create("wss://" + config.hostName() + ":" + port() + "/ocpp/" + chargePointId);
    }

    /**
     * The primary host name: the one {@link #url()} names, whose certificates clients get when they
     * send no server name (SNI) or one not served.
     */
    public String hostName() {
        return config.hostName();
    }

    /**
     * Every host name served, each with its own certificates: {@link #hostName()} first, then the
     * {@link ReferenceCentralSystem#additionalHostNames() additional} ones in the order given.
     * Unmodifiable; all reached at {@link #connectAddress()}, told apart by SNI.
     */
    public List<String> hostNames() {
        return config.hostNames();
    }

    /** The Charge Point identity at the end of {@link #url()} (and the Basic auth user name). */
    public String chargePointId() {
        return chargePointId;
    }

    /** The TCP port, on 127.0.0.1. */
    public int port() {
        return server.port();
    }

    /** 127.0.0.1 and {@link #port()}: where {@link #hostName()} is to be resolved to. */
    public InetSocketAddress connectAddress() {
        return new InetSocketAddress("127.0.0.1", port());
    }

    /** 2 or 3. */
    public int securityProfile() {
        return config.securityProfile();
    }

    /** The faults switched on. */
    public Set<Fault> faults() {
        return config.faults();
    }

    /** The root CA certificate a Charge Point must trust (the server certificates chain to it, unless {@link Fault#UNTRUSTED}). */
    public X509Certificate rootCertificate() {
        return pki.rootCertificate();
    }

    /** {@link #rootCertificate()} in PEM, e.g. to write a {@code --ca-file}. */
    public String rootCertificatePem() {
        return pki.rootCertificatePem();
    }

    /** The RSA server certificate of {@link #hostName()}, empty with {@link Fault#ECDSA_ONLY}. */
    public Optional<X509Certificate> rsaCertificate() {
        return certificates.rsa().map(IssuedCertificate::certificate);
    }

    /** The ECDSA server certificate of {@link #hostName()}, empty with {@link Fault#RSA_ONLY}. */
    public Optional<X509Certificate> ecCertificate() {
        return certificates.ec().map(IssuedCertificate::certificate);
    }

    /**
     * The Basic auth password handed to the Charge Point (accepted unless the {@link AuthPolicy}
     * refuses it, as under {@link Fault#WRONG_PASSWORD}). A fresh copy on each call: clear it when done.
     */
    public char[] chargePointPassword() {
        return password.clone();
    }

    /** {@link #chargePointPassword()} as a String, e.g. to write a password file. */
    public String chargePointPasswordAsString() {
        return new String(password);
    }

    /** The CA whose client certificates are accepted under security profile 3. */
    public X509Certificate clientCaCertificate() {
        return pki.clientCaCertificate();
    }

    /** {@link #clientCaCertificate()} in PEM. */
    public String clientCaCertificatePem() {
        return Pem.certificate(pki.clientCaCertificate());
    }

    /** A client certificate (with key) accepted under security profile 3; see {@link ReferencePki#issueClientCertificate(String)}. */
    public IssuedCertificate issueClientCertificate(String chargePointId) {
        return pki.issueClientCertificate(chargePointId);
    }

    /** The key material, to start more servers with the same root certificate. */
    public ReferencePki pki() {
        return pki;
    }

    /** What the server has received so far. */
    public ReceivedTraffic traffic() {
        return traffic.snapshot();
    }

    /** Well-formed BootNotification.req received so far. */
    public int bootNotificationCount() {
        return traffic().bootNotifications();
    }

    /** The connectorId of each StatusNotification.req received so far, in order. */
    public List<Integer> statusNotificationConnectorIds() {
        return traffic().statusNotificationConnectorIds();
    }

    /** For each HTTP request so far, whether it carried an Authorization header (never its value). */
    public List<Boolean> authorizationHeaders() {
        return traffic().authorizationHeaders();
    }

    /** Whether any HTTP request has reached the server. */
    public boolean anyRequestReceived() {
        return traffic().anyHttpRequest();
    }

    /** The TLS handshakes completed so far. */
    public List<ObservedHandshake> handshakes() {
        return traffic().handshakes();
    }

    /**
     * Sends a CALL to the Charge Point on its latest open WebSocket session (what an operator action
     * of a test case card does) and gives its answer. Cold: the CALL is sent on subscription, with
     * the UniqueId {@code octt-cs-<n>}; the payload is sent as given, not checked against the
     * action's schema. Bound it with {@code timeout(...)}: a Charge Point may never answer.
     * Cancelling forgets the CALL (a late answer is then ignored).
     *
     * <pre>{@code
     * cs.connected("CP001").block(Duration.ofSeconds(5));
     * ChargePointAnswer answer = cs.send("CP001", "TriggerMessage", "{\"requestedMessage\":\"Heartbeat\"}")
     *         .block(Duration.ofSeconds(5));
     * }</pre>
     *
     * @param payloadJson a JSON object
     * @return the CALLRESULT or CALLERROR; an {@link IllegalStateException} when no session of that
     *         Charge Point is open or it closes before answering
     * @throws IllegalArgumentException at once if the payload is not a JSON object
     */
    public Mono<ChargePointAnswer> send(String chargePointId, String action, String payloadJson) {
        return send(chargePointId, action, ScheduledCall.of(action, payloadJson).payload());
    }

    /** As {@link #send(String, String, String)}, with a payload that is copied. */
    public Mono<ChargePointAnswer> send(String chargePointId, String action, JsonNode payload) {
        JsonNode copy = ScheduledCall.of(action, payload).payload();
        return Mono.defer(() -> sessions.latest(chargePointId)
                .map(session -> session.send(action, copy))
                .orElseGet(() -> Mono.error(new IllegalStateException("no WebSocket session of Charge Point "
                        + chargePointId + " is open"))));
    }

    /** The operator action ids it can perform, in the order they were added. */
    public List<String> actionIds() {
        return List.copyOf(config.actions().keySet());
    }

    /**
     * Does what an operator makes a Central System do for the card's action {@code actionId}
     * ({@link CentralSystemAction}), for Charge Point {@code chargePointId}.
     *
     * Waits up to 5 s for a session of the Charge Point to be open first.
     *
     * @return one line saying what it did; an {@link IllegalArgumentException} naming the id and the
     *         known ones when it has no such action; an {@link IllegalStateException} when no session
     *         of the Charge Point opened; the action's own error when it could not
     */
    public Mono<String> perform(String actionId, String chargePointId, Map<String, String> parameters) {
        java.util.Objects.requireNonNull(actionId, "actionId");
        java.util.Objects.requireNonNull(chargePointId, "chargePointId");
        java.util.Objects.requireNonNull(parameters, "parameters");
        CentralSystemAction action = config.actions().get(actionId);
        if (action == null) {
            return Mono.error(new IllegalArgumentException("the reference Central System cannot perform action '"
                    + actionId + "'; it can: " + (config.actions().isEmpty() ? "none"
                    : String.join(", ", config.actions().keySet()))));
        }
        // as an operator acts on a connected Charge Point: wait (bounded) for its session first, so
        // that an action asked for right after the upgrade does not race the session's registration
        Map<String, String> copy = Map.copyOf(parameters);
        return connected(chargePointId)
                .timeout(SESSION_WAIT, Mono.error(() -> new IllegalStateException("no WebSocket session of Charge Point "
                        + chargePointId + " opened within " + SESSION_WAIT.toSeconds() + " s")))
                .then(Mono.defer(() -> action.perform(this, chargePointId, copy)));
    }

    /**
     * An {@link ActionHandler} that performs each requested action itself ({@link #perform}):
     * {@link ActionOutcome#triggered} with what it did, {@link ActionOutcome#failed} when it cannot.
     * The action's ChargePointId, or this server's, is the Charge Point acted on. How {@code octt demo}
     * runs the cards that need an operator.
     */
    public ActionHandler actionHandler() {
        return action -> perform(action.id(), action.chargePointId().orElse(chargePointId), action.parameters())
                .map(ActionOutcome::triggered)
                .defaultIfEmpty(ActionOutcome.triggered("the reference Central System performed " + action.id()))
                .onErrorResume(e -> Mono.just(ActionOutcome.failed("the reference Central System could not perform "
                        + action.id() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()))));
    }

    /**
     * Completes once a WebSocket session of this Charge Point is open (at once if one is): wait for
     * it before {@link #send}. Bound it with {@code timeout(...)}.
     */
    public Mono<Void> connected(String chargePointId) {
        return sessions.connected(java.util.Objects.requireNonNull(chargePointId, "chargePointId"));
    }

    /** The firmware it hands out in SignedUpdateFirmware.req, served over HTTP on 127.0.0.1 once asked for. */
    public ReferenceFirmware firmware() {
        return firmware;
    }

    /**
     * From now on the Basic auth password of {@code chargePointId} is {@code password} (the bytes its
     * new AuthorizationKey stands for: the decoded bytes of hex digits, the UTF-8 of text), and
     * {@link #chargePointPassword()} is refused for it (unless {@link Fault#OLD_PASSWORD_ACCEPTED}).
     * What a Central System does once the Charge Point accepted a new AuthorizationKey. The array is copied.
     */
    public void changePassword(String chargePointId, byte[] password) {
        java.util.Objects.requireNonNull(chargePointId, "chargePointId");
        if (java.util.Objects.requireNonNull(password, "password").length == 0) {
            throw new IllegalArgumentException("a password must not be empty");
        }
        accounts.password(chargePointId, password);
    }

    /**
     * From now on {@code chargePointId} must connect with security profile {@code profile}: under 3 it
     * is let in by its client certificate (CN = its ChargePointId, no Basic auth) and a connection
     * without one is refused with 403 (unless {@link Fault#OLD_PROFILE_ACCEPTED}). What a Central
     * System does once the Charge Point accepted a higher SecurityProfile. The TLS server requests
     * client certificates only under a {@link ClientCertificatePolicy} other than {@code none()}:
     * start it with {@link ClientCertificatePolicy#optional()} to serve both profiles.
     *
     * @throws IllegalArgumentException if {@code profile} is not 1 to 3
     */
    public void requireSecurityProfile(String chargePointId, int profile) {
        java.util.Objects.requireNonNull(chargePointId, "chargePointId");
        if (profile < 1 || profile > 3) {
            throw new IllegalArgumentException("a security profile is 1 to 3, was: " + profile);
        }
        accounts.requireProfile(chargePointId, profile);
    }

    /**
     * Forgets every {@link #changePassword} and {@link #requireSecurityProfile}: each Charge Point is back to the
     * password and profile it was started with, as a lab operator resets a Charge Point's account between cards
     * ({@code octt demo} does it before each test case).
     */
    public void resetAccounts() {
        accounts.clear();
    }

    /** The security profile {@code chargePointId} must connect with, once {@link #requireSecurityProfile} set one. */
    public java.util.OptionalInt requiredSecurityProfile(String chargePointId) {
        return accounts.requiredProfile(chargePointId);
    }

    /**
     * Stops the server, closing every connection, and releases its threads. Idempotent. Blocks up to
     * a few seconds: not to be called from an event loop.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                firmware.close();
                server.disposeNow(Duration.ofSeconds(5));
            } finally {
                for (Channel c : List.copyOf(connections)) {
                    c.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
                }
                loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
                java.util.Arrays.fill(password, '\0');
            }
        }
    }

    @Override
    public String toString() {
        return "RunningCentralSystem[url=" + (closed.get() ? "closed" : url()) + ", securityProfile="
                + securityProfile() + ", faults=" + faults() + ", password=****]";
    }
}
