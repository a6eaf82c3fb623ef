package org.octt.testkit.internal;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.octt.testkit.SubprotocolPolicy;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;

import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP side of the reference Central System: {@code /ocpp/<ChargePointId>} upgrades to an OCPP-J
 * WebSocket after the {@link org.octt.testkit.AuthPolicy} (Basic auth) and the {@link SubprotocolPolicy}
 * have let it through; each WebSocket is an {@link OcppSession}. Thread-safe.
 */
public final class CentralSystemHttpHandler
        implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

    /** The Basic auth realm of the 401 answers. */
    public static final String REALM = "octt";

    private static final WebsocketServerSpec NO_SUBPROTOCOL_SPEC = WebsocketServerSpec.builder().handlePing(false).build();

    private static final Pattern PATH = Pattern.compile("/ocpp/([^/]+)");

    private final Optional<BasicAuthenticator> auth;
    private final SubprotocolPolicy subprotocols;
    private final WebsocketServerSpec websocketSpec;
    private final OcppBehaviour behaviour;
    private final StandardAnswers standard;
    private final TrafficRecorder traffic;
    private final SessionRegistry sessions;
    private final boolean checkClientCommonName;
    private final ChargePointAccounts accounts;
    private final boolean oldProfileAccepted;

    /** @param auth the credentials check, empty when none is made */
    public CentralSystemHttpHandler(Optional<BasicAuthenticator> auth, SubprotocolPolicy subprotocols,
            OcppBehaviour behaviour, StandardAnswers standard, TrafficRecorder traffic, SessionRegistry sessions) {
        this(auth, subprotocols, behaviour, standard, traffic, sessions, false, new ChargePointAccounts(), false);
    }

    private CentralSystemHttpHandler(Optional<BasicAuthenticator> auth, SubprotocolPolicy subprotocols,
            OcppBehaviour behaviour, StandardAnswers standard, TrafficRecorder traffic, SessionRegistry sessions,
            boolean checkClientCommonName, ChargePointAccounts accounts, boolean oldProfileAccepted) {
        this.checkClientCommonName = checkClientCommonName;
        this.accounts = accounts;
        this.oldProfileAccepted = oldProfileAccepted;
        this.auth = auth;
        this.subprotocols = subprotocols;
        WebsocketServerSpec.Builder spec = WebsocketServerSpec.builder().handlePing(false);
        if (!subprotocols.subprotocols().isEmpty()) {
            spec.protocols(String.join(",", subprotocols.subprotocols()));
        }
        this.websocketSpec = spec.build();
        this.behaviour = behaviour;
        this.standard = standard;
        this.traffic = traffic;
        this.sessions = sessions;
    }

    /**
     * This handler, answering the upgrade 403 when a client certificate was presented whose CN is not
     * the ChargePointId of the URL (security profile 3), when {@code check}.
     */
    public CentralSystemHttpHandler withClientCommonNameCheck(boolean check) {
        return new CentralSystemHttpHandler(auth, subprotocols, behaviour, standard, traffic, sessions, check, accounts,
                oldProfileAccepted);
    }

    /**
     * This handler, applying what {@code accounts} says of each Charge Point: a Charge Point that must
     * connect with security profile 3 is let in by its client certificate (no Basic auth) and, unless
     * {@code oldProfileAccepted} (a fault), refused with 403 without one.
     */
    public CentralSystemHttpHandler withAccounts(ChargePointAccounts accounts, boolean oldProfileAccepted) {
        return new CentralSystemHttpHandler(auth, subprotocols, behaviour, standard, traffic, sessions,
                checkClientCommonName, accounts, oldProfileAccepted);
    }

    @Override
    public Publisher<Void> apply(HttpServerRequest request, HttpServerResponse response) {
        String authorization = request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION);
        traffic.httpRequest(authorization != null);
        Matcher path = PATH.matcher(new QueryStringDecoder(request.uri()).path());
        if (!path.matches()) {
            return plain(response, HttpResponseStatus.NOT_FOUND, "no Charge Point endpoint here: use /ocpp/<ChargePointId>");
        }
        String chargePointId = path.group(1);
        boolean profile3Required = accounts.requiredProfile(chargePointId).orElse(0) == 3;
        boolean byCertificate = profile3Required && clientCommonName(request).isPresent();
        if (profile3Required && !byCertificate && !oldProfileAccepted) {
            return plain(response, HttpResponseStatus.FORBIDDEN, "Charge Point " + chargePointId + " must connect with"
                    + " security profile 3 (a client certificate) since it accepted it; its old profile is refused");
        }
        BasicAuthenticator.Outcome outcome = byCertificate ? BasicAuthenticator.Outcome.ACCEPTED
                : auth.map(a -> a.check(authorization, chargePointId)).orElse(BasicAuthenticator.Outcome.ACCEPTED);
        if (outcome != BasicAuthenticator.Outcome.ACCEPTED) {
            response.header(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
            return plain(response, HttpResponseStatus.UNAUTHORIZED, outcome == BasicAuthenticator.Outcome.LOCKED
                    ? "account locked after repeated authentication failures" : "Basic authentication failed");
        }
        if (checkClientCommonName) {
            AtomicReference<Optional<String>> cn = new AtomicReference<>(clientCommonName(request));
            // without a certificate the TLS policy decided already (required: refused; optional: let in)
            if (cn.get().isPresent() && !cn.get().get().equals(chargePointId)) {
                return plain(response, HttpResponseStatus.FORBIDDEN, "the client certificate's CN ("
                        + (cn.get().get().isEmpty() ? "none" : cn.get().get()) + ") is not the ChargePointId "
                        + chargePointId);
            }
        }
        if (!request.requestHeaders().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            return plain(response, HttpResponseStatus.BAD_REQUEST, "expected a WebSocket upgrade request");
        }
        if (subprotocols.refusesUnacceptable() && !offersAcceptable(request)) {
            return plain(response, HttpResponseStatus.BAD_REQUEST, "no acceptable WebSocket subprotocol offered;"
                    + " this Central System speaks " + String.join(", ", subprotocols.subprotocols()));
        }
        if (subprotocols.closesUnacceptable() && !offersAcceptable(request)) {
            // OCPP-J: complete the handshake without Sec-WebSocket-Protocol, then close at once
            // (a spec without protocols: Reactor Netty does not call the handler when none it lists was selected)
            return response.sendWebsocket((in, out) -> out.sendClose(SubprotocolPolicy.UNACCEPTABLE_CLOSE_CODE,
                    "no supported subprotocol offered; this Central System speaks "
                            + String.join(", ", subprotocols.subprotocols())), NO_SUBPROTOCOL_SPEC);
        }
        return response.sendWebsocket((in, out) -> {
            traffic.webSocketSession();
            AtomicReference<Executor> loop = new AtomicReference<>();
            in.withConnection(c -> loop.set(c.channel().eventLoop()));
            Sinks.Many<String> frames = Sinks.many().unicast().onBackpressureBuffer();
            OcppSession session = new OcppSession(sessions.nextNumber(), chargePointId, behaviour, standard, traffic,
                    frames::tryEmitNext, loop.get());
            Mono<Void> inbound = in.aggregateFrames().receiveFrames()
                    .ofType(TextWebSocketFrame.class)
                    .map(TextWebSocketFrame::text)
                    .doOnNext(session::receive)
                    .then()
                    .doFinally(signal -> {
                        sessions.closed(session);
                        session.close();
                        try {
                            loop.get().execute(frames::tryEmitComplete);
                        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                            frames.tryEmitComplete();
                        }
                    });
            session.opened();
            sessions.opened(session);
            return Mono.when(inbound, out.sendString(frames.asFlux()).then());
        }, websocketSpec);
    }

    /** The CN of the client certificate presented on this connection ("" for none in it); empty without one. */
    private static Optional<String> clientCommonName(HttpServerRequest request) {
        AtomicReference<Optional<String>> cn = new AtomicReference<>(Optional.empty());
        request.withConnection(c -> {
            BcTlsServerHandler tls = c.channel().pipeline().get(BcTlsServerHandler.class);
            if (tls != null) {
                cn.set(tls.clientCommonName());
            }
        });
        return cn.get();
    }

    private boolean offersAcceptable(HttpServerRequest request) {
        return request.requestHeaders().getAll(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL).stream()
                .flatMap(h -> Arrays.stream(h.split(",")))
                .map(String::trim)
                .anyMatch(subprotocols.subprotocols()::contains);
    }

    private static Publisher<Void> plain(HttpServerResponse response, HttpResponseStatus status, String body) {
        return response.status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .sendString(Mono.just(body + "\n"))
                .then();
    }
}
