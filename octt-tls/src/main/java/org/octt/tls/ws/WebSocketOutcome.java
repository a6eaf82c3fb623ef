package org.octt.tls.ws;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a secured WebSocket connection attempt ended. Every outcome is data with a message saying
 * what happened; none is an exception.
 */
public sealed interface WebSocketOutcome {

    /** A sentence saying what happened, with the values seen. Never contains a credential. */
    String message();

    /** What was seen of the server's certificate. */
    TlsObservation tls();

    /** Time from the start of the attempt to this outcome. */
    Duration elapsed();

    /** The phase of a connection attempt. */
    enum Phase {
        /** The TCP connect (name resolution included). */
        CONNECT,
        /** The TLS handshake. */
        HANDSHAKE,
        /** The HTTP upgrade request and its answer. */
        UPGRADE
    }

    /** The kind of a transport failure. */
    enum TransportFailure {
        /** The host name could not be resolved. */
        UNKNOWN_HOST,
        /** The server refused the TCP connection. */
        CONNECTION_REFUSED,
        /** The server reset the connection. */
        CONNECTION_RESET,
        /** The server closed the connection before the exchange was complete. */
        CLOSED,
        /** The server's answer was not a valid HTTP or WebSocket upgrade answer. */
        PROTOCOL_ERROR,
        /** Any other I/O failure. */
        OTHER
    }

    /**
     * The server answered 101 and the WebSocket is open.
     *
     * @param session              the open WebSocket; the caller closes it
     * @param tlsProtocol          the negotiated TLS version, e.g. {@code TLSv1.3}; empty for plain {@code ws}
     * @param cipherSuite          the negotiated cipher suite; empty for plain {@code ws}
     * @param requestedSubprotocol the value of {@code Sec-WebSocket-Protocol} offered, e.g. {@code ocpp1.6}
     *                             or {@code ocpp0.1,ocpp1.6}
     * @param selectedSubprotocol  the subprotocol the server selected, as it sent it; empty when it
     *                             selected none (which is reported, not refused)
     * @param responseHeaders      the headers of the 101 answer, names in lower case
     */
    record Connected(WebSocketSession session, String tlsProtocol, String cipherSuite,
                     Optional<String> requestedSubprotocol, Optional<String> selectedSubprotocol,
                     Map<String, List<String>> responseHeaders, TlsObservation tls, Duration elapsed,
                     String message) implements WebSocketOutcome {
        public Connected {
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(tlsProtocol, "tlsProtocol");
            Objects.requireNonNull(cipherSuite, "cipherSuite");
            Objects.requireNonNull(requestedSubprotocol, "requestedSubprotocol");
            Objects.requireNonNull(selectedSubprotocol, "selectedSubprotocol");
            responseHeaders = Map.copyOf(responseHeaders);
            Objects.requireNonNull(tls, "tls");
            Objects.requireNonNull(elapsed, "elapsed");
            Objects.requireNonNull(message, "message");
        }

        /**
         * True when the server selected one of the offered subprotocols, or none when none was
         * offered.
         */
        public boolean subprotocolAgreed() {
            if (requestedSubprotocol.isEmpty() || selectedSubprotocol.isEmpty()) {
                return selectedSubprotocol.equals(requestedSubprotocol);
            }
            return List.of(requestedSubprotocol.get().split(",")).stream().map(String::strip)
                    .anyMatch(selectedSubprotocol.get()::equals);
        }
    }

    /**
     * The server answered the upgrade request with something other than 101.
     *
     * @param status          the HTTP status code, e.g. 401
     * @param reasonPhrase    the reason phrase as sent
     * @param wwwAuthenticate the {@code WWW-Authenticate} header, if any
     * @param responseHeaders the answer's headers, names in lower case
     */
    record Rejected(int status, String reasonPhrase, Optional<String> wwwAuthenticate,
                    Map<String, List<String>> responseHeaders, TlsObservation tls, Duration elapsed,
                    String message) implements WebSocketOutcome {
        public Rejected {
            Objects.requireNonNull(reasonPhrase, "reasonPhrase");
            Objects.requireNonNull(wwwAuthenticate, "wwwAuthenticate");
            responseHeaders = Map.copyOf(responseHeaders);
            Objects.requireNonNull(tls, "tls");
            Objects.requireNonNull(elapsed, "elapsed");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The TLS handshake failed: the server's certificate was rejected by the policy (see
     * {@code tls().policyRejection()}), or the server or the JDK ended the handshake with an alert.
     */
    record TlsFailed(TlsObservation tls, Duration elapsed, String message) implements WebSocketOutcome {
        public TlsFailed {
            Objects.requireNonNull(tls, "tls");
            Objects.requireNonNull(elapsed, "elapsed");
            Objects.requireNonNull(message, "message");
        }
    }

    /** The connection failed below TLS or HTTP: name resolution, TCP, an early close, a bad answer. */
    record TransportFailed(TransportFailure kind, Phase phase, TlsObservation tls, Duration elapsed, String message)
            implements WebSocketOutcome {
        public TransportFailed {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(tls, "tls");
            Objects.requireNonNull(elapsed, "elapsed");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * A phase did not finish within its timeout; the connection was closed.
     *
     * @param timeout the timeout of that phase
     */
    record TimedOut(Phase phase, Duration timeout, TlsObservation tls, Duration elapsed, String message)
            implements WebSocketOutcome {
        public TimedOut {
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(tls, "tls");
            Objects.requireNonNull(elapsed, "elapsed");
            Objects.requireNonNull(message, "message");
        }
    }
}
