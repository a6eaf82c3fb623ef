package org.octt.ocpp.cp;

import org.octt.ocpp.j.MessageLog;
import org.octt.tls.ws.WebSocketOutcome;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How {@link ChargePoint#connect} ended: an open session, a connection the Central System refused or
 * that failed (the transport's outcome, with the HTTP status when there was one), or no attempt at
 * all because the configuration does not allow one. Every outcome is data with a message; none is an
 * exception. Each carries the session's {@link MessageLog}, holding the upgrade exchange when the
 * upgrade request went out.
 */
public sealed interface Connection {

    /** A sentence saying what happened, with the values seen; never a credential. */
    String message();

    /** The upgrade exchange and, for an open session, every frame since (credentials redacted). */
    MessageLog log();

    /** The transport's outcome; empty when nothing was attempted. */
    Optional<WebSocketOutcome> outcome();

    /** Closes an open session (close frame 1000, waiting at most 2 s for the answer); nothing otherwise. Never fails. */
    default Mono<Void> close() {
        return Mono.empty();
    }

    /** The WebSocket is open and the session is ready. The caller closes it ({@link #close()}). */
    record Open(ChargePointSession session) implements Connection {
        public Open {
            Objects.requireNonNull(session, "session");
        }

        @Override
        public String message() {
            return session.upgrade().message();
        }

        @Override
        public MessageLog log() {
            return session.log();
        }

        @Override
        public Optional<WebSocketOutcome> outcome() {
            return Optional.of(session.upgrade());
        }

        @Override
        public Mono<Void> close() {
            return session.close(Duration.ofSeconds(2)).then().onErrorResume(e -> Mono.empty());
        }
    }

    /**
     * No session: the Central System answered the upgrade with another status than 101
     * ({@link WebSocketOutcome.Rejected}), or TLS, the transport or a timeout ended the attempt.
     */
    record Failed(WebSocketOutcome failure, MessageLog log) implements Connection {
        public Failed {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(log, "log");
            if (failure instanceof WebSocketOutcome.Connected) {
                throw new IllegalArgumentException("a connected outcome is an Open connection");
            }
        }

        /** The HTTP status of the answer to the upgrade request, when there was one (e.g. 401). */
        public OptionalInt status() {
            return failure instanceof WebSocketOutcome.Rejected r ? OptionalInt.of(r.status()) : OptionalInt.empty();
        }

        @Override
        public String message() {
            return failure.message();
        }

        @Override
        public Optional<WebSocketOutcome> outcome() {
            return Optional.of(failure);
        }
    }

    /**
     * Nothing was attempted: the configuration does not allow a connection (no ChargePointId, a
     * credential the security profile needs is missing, a {@code ws://} URL for a profile that needs
     * TLS).
     *
     * @param reason what is missing or wrong, and what to configure
     */
    record NotAttempted(String reason, MessageLog log) implements Connection {
        public NotAttempted {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(log, "log");
        }

        @Override
        public String message() {
            return reason;
        }

        @Override
        public Optional<WebSocketOutcome> outcome() {
            return Optional.empty();
        }
    }
}
