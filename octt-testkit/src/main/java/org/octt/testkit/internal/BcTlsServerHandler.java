package org.octt.testkit.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.UnsupportedMessageTypeException;
import io.netty.util.ReferenceCountUtil;
import org.bouncycastle.tls.TlsServerProtocol;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * Terminates TLS with Bouncy Castle's non-blocking {@link TlsServerProtocol}: ciphertext read from
 * the socket is offered to the protocol, the records it produces are written back, and decrypted
 * application data goes on up the pipeline as plain {@link ByteBuf}s (to Reactor Netty's HTTP
 * codec). Writes from above are held until the handshake completes, then encrypted. Placed first in
 * the pipeline; every method runs on the channel's event loop and none blocks.
 */
public final class BcTlsServerHandler extends ChannelDuplexHandler {

    private final Supplier<ReferenceTlsServer> serverFactory;
    private final ArrayDeque<PendingWrite> pending = new ArrayDeque<>();
    private TlsServerProtocol protocol;
    private ReferenceTlsServer server;
    private boolean failed;
    private boolean deliveredInThisRead;

    private record PendingWrite(ByteBuf data, ChannelPromise promise) {
    }

    public BcTlsServerHandler(Supplier<ReferenceTlsServer> serverFactory) {
        this.serverFactory = serverFactory;
    }

    /** The CN of the client certificate presented on this connection, when one was. */
    public java.util.Optional<String> clientCommonName() {
        return server == null ? java.util.Optional.empty() : server.clientCommonName();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        server = serverFactory.get();
        protocol = new TlsServerProtocol();
        try {
            protocol.accept(server);
        } catch (IOException e) {
            // never let plain text through: without a TLS engine, the connection is dropped
            failed = true;
            ctx.close();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        byte[] bytes;
        try {
            bytes = ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
        if (failed || protocol.isClosed()) {
            return;
        }
        try {
            protocol.offerInput(bytes);
        } catch (IOException e) {
            // Bouncy Castle has queued the fatal alert: send it, then close.
            failed = true;
            writeOutput(ctx, ctx.newPromise());
            ctx.flush();
            failPending(e);
            ctx.close();
            return;
        }
        writeOutput(ctx, ctx.newPromise());
        ctx.flush();
        if (server.isHandshakeComplete()) {
            writePending(ctx);
        }
        deliverInput(ctx);
        if (protocol.isClosed()) {
            ctx.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        boolean delivered = deliveredInThisRead;
        deliveredInThisRead = false;
        if (!delivered && !ctx.channel().config().isAutoRead()) {
            // Only TLS records were read (handshake, partial record): nobody above asked for them,
            // so ask for more bytes ourselves, as Netty's SslHandler does.
            ctx.read();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf buf)) {
            ReferenceCountUtil.release(msg);
            promise.setFailure(new UnsupportedMessageTypeException(msg, ByteBuf.class));
            return;
        }
        if (failed || protocol.isClosed()) {
            buf.release();
            promise.setFailure(new ClosedChannelException());
            return;
        }
        if (!server.isHandshakeComplete()) {
            pending.add(new PendingWrite(buf, promise));
            return;
        }
        encrypt(ctx, buf, promise);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (!failed && server.isHandshakeComplete() && !protocol.isClosed()) {
            try {
                protocol.close(); // queues close_notify
                writeOutput(ctx, ctx.newPromise());
                ctx.flush();
            } catch (IOException e) {
                // the connection is being closed anyway; nothing more to send
                failed = true;
            }
        }
        failPending(new ClosedChannelException());
        ctx.close(promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        failPending(new ClosedChannelException());
        ctx.fireChannelInactive();
    }

    private void encrypt(ChannelHandlerContext ctx, ByteBuf buf, ChannelPromise promise) {
        try {
            if (buf.isReadable()) {
                byte[] plain = ByteBufUtil.getBytes(buf);
                protocol.writeApplicationData(plain, 0, plain.length);
            }
        } catch (IOException e) {
            promise.setFailure(e);
            return;
        } finally {
            buf.release();
        }
        writeOutput(ctx, promise);
    }

    private void writePending(ChannelHandlerContext ctx) {
        boolean any = !pending.isEmpty();
        PendingWrite w;
        while ((w = pending.poll()) != null) {
            encrypt(ctx, w.data(), w.promise());
        }
        if (any) {
            ctx.flush();
        }
    }

    private void failPending(Throwable cause) {
        PendingWrite w;
        while ((w = pending.poll()) != null) {
            w.data().release();
            w.promise().tryFailure(cause);
        }
    }

    /** Writes whatever TLS records the protocol has produced; completes {@code promise} with that write. */
    private void writeOutput(ChannelHandlerContext ctx, ChannelPromise promise) {
        int n = protocol.getAvailableOutputBytes();
        if (n <= 0) {
            ctx.write(Unpooled.EMPTY_BUFFER, promise);
            return;
        }
        ByteBuf out = ctx.alloc().buffer(n);
        byte[] chunk = new byte[n];
        int read = protocol.readOutput(chunk, 0, n);
        out.writeBytes(chunk, 0, read);
        ctx.write(out, promise);
    }

    private void deliverInput(ChannelHandlerContext ctx) {
        int n;
        while ((n = protocol.getAvailableInputBytes()) > 0) {
            byte[] plain = new byte[n];
            int read = protocol.readInput(plain, 0, n);
            deliveredInThisRead = true;
            ctx.fireChannelRead(Unpooled.wrappedBuffer(plain, 0, read));
        }
    }
}
