package org.octt.tls.ws;

import java.time.Duration;
import java.util.Objects;

/**
 * The timeouts of a secured WebSocket connection, one per phase. Immutable; each {@code with...}
 * returns a copy and rejects a non-positive value with a message naming it.
 *
 * @param connect   the TCP connect
 * @param handshake the TLS handshake, from the TCP connection to the end of the handshake
 * @param upgrade   the HTTP upgrade, from the end of the TLS handshake to the server's answer
 * @param close     the WebSocket close, from sending the close frame to the server's close frame
 */
public record WebSocketTimeouts(Duration connect, Duration handshake, Duration upgrade, Duration close) {

    /** 5 s for each phase. */
    public static final WebSocketTimeouts DEFAULTS = new WebSocketTimeouts(Duration.ofSeconds(5),
            Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5));

    public WebSocketTimeouts {
        requirePositive(connect, "connect timeout");
        requirePositive(handshake, "handshake timeout");
        requirePositive(upgrade, "upgrade timeout");
        requirePositive(close, "close timeout");
    }

    /** The same timeout for every phase. */
    public static WebSocketTimeouts of(Duration each) {
        return new WebSocketTimeouts(each, each, each, each);
    }

    public WebSocketTimeouts withConnect(Duration connect) {
        return new WebSocketTimeouts(connect, handshake, upgrade, close);
    }

    public WebSocketTimeouts withHandshake(Duration handshake) {
        return new WebSocketTimeouts(connect, handshake, upgrade, close);
    }

    public WebSocketTimeouts withUpgrade(Duration upgrade) {
        return new WebSocketTimeouts(connect, handshake, upgrade, close);
    }

    public WebSocketTimeouts withClose(Duration close) {
        return new WebSocketTimeouts(connect, handshake, upgrade, close);
    }

    /** The timeout of one phase of the connection. */
    public Duration of(WebSocketOutcome.Phase phase) {
        return switch (phase) {
            case CONNECT -> connect;
            case HANDSHAKE -> handshake;
            case UPGRADE -> upgrade;
        };
    }

    static void requirePositive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was: " + d);
        }
    }
}
