package org.octt.ocpp.cp;

import org.octt.core.spi.KeyMaterial;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.TestContext;
import org.octt.ocpp.j.ChargePointResponder;
import org.octt.ocpp.j.MessageLog;
import org.octt.ocpp.v16.Ocpp16Schemas;
import org.octt.tls.trust.TrustValidator;
import org.octt.tls.ws.ClientKeyMaterial;
import org.octt.tls.ws.SecureWebSocketClient;
import org.octt.tls.ws.ServerCertificatePolicy;
import org.octt.tls.ws.WebSocketOutcome;
import org.octt.tls.ws.WebSocketRequest;
import org.octt.tls.ws.WebSocketTimeouts;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Opens Charge Point sessions to the Central System of a {@link TestContext}, in one call:
 *
 * <pre>{@code
 * return ChargePoint.connect(context).flatMapMany(connection -> {
 *     if (!(connection instanceof Connection.Open open)) {
 *         return Flux.just(CheckResult.failed("my.upgrade", connection.message()));
 *     }
 *     ChargePointSession cp = open.session();
 *     return cp.call(new HeartbeatRequest())
 *             .map(outcome -> Ocpp16Checks.answered("my.heartbeat", outcome))
 *             .map(check -> Ocpp16Checks.withMessageLog(check, cp.log().entries()))
 *             .flux()
 *             .concatWith(connection.close().then(Mono.empty()));
 * });
 * }</pre>
 *
 * <p>From the context it takes: the URL, split into the endpoint and the ChargePointId (its last path
 * segment); the security profile's credentials (profile 1: {@code ws://} and Basic auth; profile 2:
 * {@code wss://} and Basic auth; profile 3: {@code wss://} and the client certificate; the Basic auth
 * user is the ChargePointId); the trust anchors (the JDK's trust store when there are none) and the
 * host name check, with "no credentials to an unverified server": over TLS, the {@code Authorization}
 * header and the client certificate go out only after the server's chain validated, unless
 * {@link TestContext#insecure()}; the {@code --resolve} connect address; the network timeout for each
 * phase and each call; the scheduler for timers; the meter registry. {@link ConnectOptions} departs
 * from any of it (another password, another user, no credentials, another client certificate, other
 * subprotocols...). Opening several sessions in one test case is ordinary: each {@code connect} is a
 * new connection.
 *
 * <p>Credentials are never sent over {@code ws://} unless the profile is 1.
 */
public final class ChargePoint {

    private static final Ocpp16Schemas SCHEMAS = new Ocpp16Schemas();

    private ChargePoint() {
    }

    /** {@link #connect(TestContext, ConnectOptions)} with {@link ConnectOptions#defaults()}. */
    public static Mono<Connection> connect(TestContext context) {
        return connect(context, ConnectOptions.defaults());
    }

    /**
     * Opens one session. Lazy; emits exactly one {@link Connection} (never an error but for a local
     * set-up fault, e.g. an unreadable JDK trust store) within the sum of the phase timeouts.
     * The caller closes an {@link Connection.Open} connection.
     */
    public static Mono<Connection> connect(TestContext context, ConnectOptions options) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(options, "options");
        // the JDK trust store may be read from disk: never on an event loop
        return Mono.fromCallable(() -> prepare(context, options))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(p -> p.notAttempted != null ? Mono.just(p.notAttempted) : attempt(context, options, p));
    }

    /** A connection attempt made ready, or the reason there is none. */
    private record Prepared(Connection notAttempted, SecureWebSocketClient client, WebSocketRequest request,
                            MessageLog log) {
    }

    private static Prepared prepare(TestContext context, ConnectOptions options) {
        MessageLog log = MessageLog.create(context.clock());
        URI url = context.target().url();
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        SecurityProfile profile = context.securityProfile();
        Optional<String> chargePointId = options.chargePointId().or(context::chargePointId);
        String refusal = null;
        if (chargePointId.isEmpty()) {
            refusal = "the URL has no ChargePointId as its last path segment: " + url;
        } else if (!scheme.equals("wss") && !scheme.equals("ws")) {
            refusal = "a Charge Point connects to a wss:// URL (ws:// for security profile 1), was: " + url;
        } else if (scheme.equals("ws") && profile != SecurityProfile.UNSECURED_BASIC_AUTH) {
            refusal = "security profile " + profile.number() + " needs a wss:// URL; ws:// (no TLS) is only for"
                    + " security profile 1, was: " + url;
        }
        if (refusal != null) {
            return new Prepared(new Connection.NotAttempted(refusal, log), null, null, log);
        }
        WebSocketRequest request = WebSocketRequest.to(endpoint(url), chargePointId.get())
                .withSubprotocols(options.subprotocols());
        if (context.target().connectAddress().isPresent()) {
            request = request.withConnectAddress(context.target().connectAddress().get());
        }
        switch (options.basicAuth()) {
            case GIVEN -> {
                String password = options.password().orElseThrow().reveal();
                log.markSecret(password);
                String user = options.user().orElse(chargePointId.get());
                Optional<byte[]> raw = options.rawPassword();
                request = raw.isPresent() ? request.withBasicAuth(user, raw.get())
                        : request.withBasicAuth(user, password.toCharArray());
            }
            case CONTEXT -> {
                if (profile != SecurityProfile.TLS_CLIENT_CERTIFICATE) {
                    if (context.basicAuthPassword().isEmpty()) {
                        return new Prepared(new Connection.NotAttempted("security profile " + profile.number()
                                + " needs the Basic auth password, and none is configured", log), null, null, log);
                    }
                    String password = context.basicAuthPassword().get().reveal();
                    log.markSecret(password);
                    request = request.withBasicAuth(password.toCharArray());
                }
            }
            case NONE -> { }
        }
        switch (options.clientCertificate()) {
            case GIVEN -> request = request.withClientKeyMaterial(clientKeyMaterial(options.keyMaterial().orElseThrow()));
            case CONTEXT -> {
                if (profile == SecurityProfile.TLS_CLIENT_CERTIFICATE) {
                    if (context.clientKeyMaterial().isEmpty()) {
                        return new Prepared(new Connection.NotAttempted("security profile 3 needs a client"
                                + " certificate and key, and none is configured", log), null, null, log);
                    }
                    request = request.withClientKeyMaterial(clientKeyMaterial(context.clientKeyMaterial().get()));
                }
            }
            case NONE -> { }
        }
        SecureWebSocketClient client = SecureWebSocketClient.create()
                .withInsecure(context.insecure())
                .withTimeouts(options.timeouts().orElseGet(() -> WebSocketTimeouts.of(context.timeouts().network())))
                .withMeterRegistry(context.meterRegistry());
        if (request.secure()) {
            TrustValidator validator = options.trustValidator().orElseGet(() -> TrustValidator.of(context.trustAnchors()));
            client = client.withServerCertificatePolicy(ServerCertificatePolicy.of(validator, context.clock()));
        }
        return new Prepared(null, client, request, log);
    }

    private static Mono<Connection> attempt(TestContext context, ConnectOptions options, Prepared p) {
        Instant start = context.clock().instant();
        return p.client.connect(p.request).map(outcome -> {
            logUpgrade(p.log, p.request, start, outcome);
            if (outcome instanceof WebSocketOutcome.Connected c) {
                return new Connection.Open(new ChargePointSession(c,
                        options.responder().orElseGet(ChargePointResponder::defaults), SCHEMAS,
                        options.callTimeout().orElse(context.timeouts().network()), context.scheduler(), p.log));
            }
            return new Connection.Failed(outcome, p.log);
        });
    }

    /**
     * The Central System's endpoint of a Charge Point URL: the URL without its last path segment
     * (the ChargePointId) and without query, e.g. {@code wss://csms.example.com/ocpp} for
     * {@code wss://csms.example.com/ocpp/CP001/}.
     */
    public static URI endpoint(URI url) {
        String s = url.toString();
        int query = s.indexOf('?');
        String withoutQuery = query >= 0 ? s.substring(0, query) : s;
        String trimmed = withoutQuery.endsWith("/") ? withoutQuery.substring(0, withoutQuery.length() - 1) : withoutQuery;
        int authorityEnd = trimmed.indexOf('/', trimmed.indexOf("//") + 2);
        return URI.create(authorityEnd < 0 ? trimmed : trimmed.substring(0, trimmed.lastIndexOf('/')));
    }

    /** The SPI's client key material as the transport's (the one conversion between the two types). */
    static ClientKeyMaterial clientKeyMaterial(KeyMaterial material) {
        return new ClientKeyMaterial(material.chain(), material.key());
    }

    /** Logs the upgrade request and answer, when the request went out (not when TLS failed first). */
    private static void logUpgrade(MessageLog log, WebSocketRequest request, Instant start, WebSocketOutcome outcome) {
        boolean sent = outcome instanceof WebSocketOutcome.Connected || outcome instanceof WebSocketOutcome.Rejected
                || (outcome instanceof WebSocketOutcome.TransportFailed t && t.phase() == WebSocketOutcome.Phase.UPGRADE)
                || (outcome instanceof WebSocketOutcome.TimedOut o && o.phase() == WebSocketOutcome.Phase.UPGRADE);
        if (!sent) {
            return;
        }
        URI uri = request.uri();
        StringBuilder req = new StringBuilder("GET ").append(uri.getRawPath()).append(" HTTP/1.1")
                .append("\nHost: ").append(uri.getRawAuthority())
                .append("\nUpgrade: websocket");
        request.subprotocol().ifPresent(p -> req.append("\nSec-WebSocket-Protocol: ").append(p));
        if (request.hasBasicAuth()) {
            req.append("\nAuthorization: Basic ").append(MessageLog.REDACTED).append(" (user ")
                    .append(request.basicAuthUser().orElse("?")).append(')');
        }
        request.clientKeyMaterial().ifPresent(k -> req.append("\n(client certificate offered: ")
                .append(k.certificate().getSubjectX500Principal().getName()).append(')'));
        log.add(MessageLog.Direction.SENT, start, req.toString());
        Instant answered = start.plus(outcome.elapsed());
        if (outcome instanceof WebSocketOutcome.Connected c) {
            log.add(MessageLog.Direction.RECEIVED, answered, response(101, "Switching Protocols", c.responseHeaders()));
        } else if (outcome instanceof WebSocketOutcome.Rejected r) {
            log.add(MessageLog.Direction.RECEIVED, answered, response(r.status(), r.reasonPhrase(), r.responseHeaders()));
        }
    }

    private static String response(int status, String reason, Map<String, List<String>> headers) {
        StringBuilder s = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason);
        for (String name : List.of("sec-websocket-protocol", "www-authenticate", "location", "retry-after")) {
            List<String> values = headers.get(name);
            if (values != null) {
                for (String v : values) {
                    s.append('\n').append(name).append(": ").append(v);
                }
            }
        }
        return s.toString();
    }
}
