package org.octt.testkit.internal;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.octt.core.spi.OcppVersion;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.WebsocketServerSpec;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP side of the reference Central System: {@code /ocpp/<ChargePointId>} upgrades to an OCPP-J
 * WebSocket (subprotocol {@code ocpp1.6}) after Basic authentication (security profile 2; profile 3
 * relies on the client certificate checked during the handshake). Thread-safe.
 */
public final class CentralSystemHttpHandler
        implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

    /** The WebSocket subprotocol of OCPP 1.6J. */
    public static final String SUBPROTOCOL = OcppVersion.OCPP_16J.subprotocol();
    /** The Basic auth realm of the 401 answers. */
    public static final String REALM = "octt";

    private static final Pattern PATH = Pattern.compile("/ocpp/([^/]+)");

    private final int securityProfile;
    private final byte[] expectedPassword;
    private final WebsocketServerSpec websocketSpec;
    private final OcppMessageHandler ocpp;
    private final TrafficRecorder traffic;

    public CentralSystemHttpHandler(int securityProfile, char[] expectedPassword, boolean selectSubprotocol,
            OcppMessageHandler ocpp, TrafficRecorder traffic) {
        this.securityProfile = securityProfile;
        this.expectedPassword = new String(expectedPassword).getBytes(StandardCharsets.UTF_8);
        WebsocketServerSpec.Builder spec = WebsocketServerSpec.builder().handlePing(false);
        if (selectSubprotocol) {
            spec.protocols(SUBPROTOCOL);
        }
        this.websocketSpec = spec.build();
        this.ocpp = ocpp;
        this.traffic = traffic;
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
        if (securityProfile == 2 && !authorized(authorization, chargePointId)) {
            response.header(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
            return plain(response, HttpResponseStatus.UNAUTHORIZED, "Basic authentication failed");
        }
        if (!request.requestHeaders().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            return plain(response, HttpResponseStatus.BAD_REQUEST, "expected a WebSocket upgrade request");
        }
        return response.sendWebsocket((in, out) -> {
            traffic.webSocketSession();
            OcppMessageHandler.Session session = ocpp.session();
            Flux<String> answers = in.aggregateFrames().receiveFrames()
                    .ofType(TextWebSocketFrame.class)
                    .map(TextWebSocketFrame::text)
                    .concatMapIterable(session::handle);
            return out.sendString(answers);
        }, websocketSpec);
    }

    private boolean authorized(String authorization, String chargePointId) {
        Optional<String[]> credentials = basicCredentials(authorization);
        if (credentials.isEmpty()) {
            return false;
        }
        boolean userOk = credentials.get()[0].equals(chargePointId);
        boolean passwordOk = MessageDigest.isEqual(credentials.get()[1].getBytes(StandardCharsets.UTF_8),
                expectedPassword);
        return userOk & passwordOk;
    }

    private static Optional<String[]> basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        return Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
    }

    private static Publisher<Void> plain(HttpServerResponse response, HttpResponseStatus status, String body) {
        return response.status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .sendString(Mono.just(body + "\n"))
                .then();
    }
}
