package org.octt.testkit.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

import java.nio.charset.StandardCharsets;

/** Handlers for the transport faults: a server that never answers, and one that speaks plain HTTP. */
public final class NonTlsHandlers {

    private static final byte[] BAD_REQUEST = ("HTTP/1.1 400 Bad Request\r\n"
            + "Content-Type: text/plain\r\nContent-Length: 37\r\nConnection: close\r\n\r\n"
            + "This is a plain HTTP server, not TLS\n").getBytes(StandardCharsets.US_ASCII);

    private NonTlsHandlers() {
    }

    /** Reads and discards every byte, never writes: the client's handshake waits forever. */
    public static ChannelInboundHandlerAdapter silent() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ReferenceCountUtil.release(msg);
            }

            @Override
            public void channelReadComplete(ChannelHandlerContext ctx) {
                // swallowed with the bytes
            }
        };
    }

    /** Answers the first bytes (a ClientHello) with an HTTP 400 response in clear text, then closes. */
    public static ChannelInboundHandlerAdapter plainHttp() {
        return new ChannelInboundHandlerAdapter() {
            private boolean answered;

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ReferenceCountUtil.release(msg);
                if (!answered) {
                    answered = true;
                    ctx.writeAndFlush(Unpooled.wrappedBuffer(BAD_REQUEST)).addListener(ChannelFutureListener.CLOSE);
                }
            }

            @Override
            public void channelReadComplete(ChannelHandlerContext ctx) {
                // swallowed with the bytes
            }
        };
    }
}
