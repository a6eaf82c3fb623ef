package org.octt.tls.ws;

import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.buffer.ByteBufUtil;
import org.octt.tls.internal.HumanDuration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.Connection;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * An open WebSocket, as handed out by {@link WebSocketOutcome.Connected}. Text messages are sent
 * with {@link #send(String)} and received from {@link #inbound()}; {@link #close(Duration)} ends
 * the session with a close frame. Thread-safe; callbacks run on the connection's Netty event loop,
 * so subscribers must not block.
 */
public final class WebSocketSession {

    /** Largest message accepted from the server (aggregated frames), in bytes. */
    static final int MAX_MESSAGE_BYTES = 1 << 20;

    /**
     * One message received from the server.
     *
     * @param text    true for a text message, false for a binary one
     * @param content the text; for a binary message its bytes in hex
     */
    public record Message(boolean text, String content) {
        public Message {
            Objects.requireNonNull(content, "content");
        }
    }

    /**
     * How the WebSocket ended.
     *
     * @param code   the close code (RFC 6455 section 7.4); 1006 when no close frame was received
     * @param reason the reason text of the close frame, or what happened instead
     */
    public record CloseStatus(int code, String reason) {
        public CloseStatus {
            Objects.requireNonNull(reason, "reason");
        }
    }

    private final WebsocketInbound in;
    private final WebsocketOutbound out;
    private final Duration defaultCloseTimeout;
    private final Sinks.Many<String> outgoing = Sinks.many().unicast().onBackpressureBuffer();
    private final Sinks.Many<Message> incoming = Sinks.many().unicast().onBackpressureBuffer();
    private final Sinks.One<CloseStatus> closed = Sinks.one();
    private final Object lock = new Object();
    private boolean closing;
    private volatile CloseStatus ended;

    WebSocketSession(WebsocketInbound in, WebsocketOutbound out, Duration defaultCloseTimeout) {
        this.in = in;
        this.out = out;
        this.defaultCloseTimeout = defaultCloseTimeout;
    }

    /** The session's life: receives until the server or the client ends it. Returned to Reactor Netty. */
    Mono<Void> run() {
        in.receiveCloseStatus().subscribe(
                s -> terminate(new CloseStatus(s.code(), s.reasonText())),
                e -> terminate(new CloseStatus(1006, "connection failed: " + e.getMessage())),
                () -> terminate(new CloseStatus(1006, "connection closed without a close frame")));
        Mono<Void> receive = in.aggregateFrames(MAX_MESSAGE_BYTES).receiveFrames()
                .doOnNext(this::onFrame)
                .then()
                .doFinally(s -> {
                    stopSending();
                    incoming.tryEmitComplete();
                });
        Mono<Void> send = out.sendString(outgoing.asFlux(), StandardCharsets.UTF_8).then();
        return Mono.when(receive, send);
    }

    private void onFrame(WebSocketFrame frame) {
        Message m;
        if (frame instanceof TextWebSocketFrame t) {
            m = new Message(true, t.text());
        } else if (frame instanceof BinaryWebSocketFrame b) {
            m = new Message(false, ByteBufUtil.hexDump(b.content()));
        } else {
            m = new Message(false, ByteBufUtil.hexDump(frame.content()));
        }
        incoming.tryEmitNext(m);
    }

    /** Marks the session ended; the first status wins. */
    void terminate(CloseStatus status) {
        stopSending();
        synchronized (lock) {
            if (ended != null) {
                return;
            }
            ended = status;
        }
        closed.tryEmitValue(status);
        incoming.tryEmitComplete();
    }

    private void stopSending() {
        synchronized (lock) {
            closing = true;
            outgoing.tryEmitComplete();
        }
    }

    /**
     * The messages from the server, in order, buffered until subscribed. One subscriber only; completes
     * when the WebSocket closes.
     */
    public Flux<Message> inbound() {
        return incoming.asFlux();
    }

    /**
     * Queues a text message. Fails with {@link WebSocketClosedException} when the session is closed or
     * closing.
     */
    public Mono<Void> send(String text) {
        Objects.requireNonNull(text, "text");
        return Mono.defer(() -> {
            synchronized (lock) {
                if (closing || outgoing.tryEmitNext(text).isFailure()) {
                    CloseStatus s = ended;
                    return Mono.error(new WebSocketClosedException("cannot send: the WebSocket is "
                            + (s == null ? "closing" : "closed (" + s.code() + " " + s.reason() + ")")));
                }
            }
            return Mono.empty();
        });
    }

    /** Emits how the session ended, once it has. */
    public Mono<CloseStatus> closeStatus() {
        return closed.asMono();
    }

    /** True once the session has ended. */
    public boolean isClosed() {
        return ended != null;
    }

    /** How the session ended; empty while it is open. */
    public Optional<CloseStatus> closedWith() {
        return Optional.ofNullable(ended);
    }

    /** {@link #close(int, String, Duration)} with 1000 (normal closure) and the default close timeout. */
    public Mono<CloseStatus> close() {
        return close(1000, "", defaultCloseTimeout);
    }

    /** {@link #close(int, String, Duration)} with 1000 (normal closure). */
    public Mono<CloseStatus> close(Duration timeout) {
        return close(1000, "", timeout);
    }

    /**
     * Sends a close frame and waits for the server's. When none comes within {@code timeout} the
     * connection is dropped and the status is 1006 saying so. Never fails; emits the status the session
     * ended with (the server's close code when it answered).
     */
    public Mono<CloseStatus> close(int code, String reason, Duration timeout) {
        Objects.requireNonNull(reason, "reason");
        WebSocketTimeouts.requirePositive(timeout, "close timeout");
        return Mono.defer(() -> {
            CloseStatus s = ended;
            if (s != null) {
                return Mono.just(s);
            }
            stopSending();
            return out.sendClose(code, reason)
                    .onErrorResume(e -> Mono.empty())
                    .then(closed.asMono())
                    .timeout(timeout, Mono.fromSupplier(() -> {
                        terminate(new CloseStatus(1006, "no close frame from the server within "
                                + HumanDuration.format(timeout) + "; connection dropped"));
                        dispose();
                        return ended;
                    }));
        });
    }

    /** Drops the connection at once, without a close frame. */
    public void dispose() {
        in.withConnection(Connection::dispose);
    }
}
