package org.octt.tls.probe;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A plain TCP listener on a free loopback port that treats each connection with a {@link Behaviour}
 * on its own thread, and counts connections: accepted, open now, most open at once, closed.
 */
final class RawServer implements AutoCloseable {

    /** What the server does with one connection; the socket is closed after it returns. */
    @FunctionalInterface
    interface Behaviour {
        void handle(Socket socket) throws IOException;
    }

    private final ServerSocket serverSocket;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger maxOpen = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private final CountDownLatch firstClosed = new CountDownLatch(1);

    private RawServer(Behaviour behaviour) throws IOException {
        serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> acceptLoop(behaviour), "raw-server-" + serverSocket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static RawServer start(Behaviour behaviour) throws IOException {
        return new RawServer(behaviour);
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(serverSocket.getInetAddress(), port());
    }

    /** Connections accepted and not yet closed. */
    int open() {
        return open.get();
    }

    int maxOpen() {
        return maxOpen.get();
    }

    int accepted() {
        return accepted.get();
    }

    /** Counts down when the first connection has been closed (by the peer or the behaviour). */
    CountDownLatch firstClosed() {
        return firstClosed;
    }

    private void acceptLoop(Behaviour behaviour) {
        while (!serverSocket.isClosed()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException closed) {
                return;
            }
            accepted.incrementAndGet();
            maxOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
            Thread t = new Thread(() -> {
                try {
                    socket.setSoTimeout(15_000);
                    behaviour.handle(socket);
                } catch (IOException e) {
                    // the client went away; nothing to do in a test fixture
                } finally {
                    // count the connection as closed before the client can see the close
                    open.decrementAndGet();
                    closeQuietly(socket);
                    firstClosed.countDown();
                }
            }, "raw-server-connection");
            t.setDaemon(true);
            t.start();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
    }

    // ---- behaviours ----

    /** Reads what the client sends first (the ClientHello), or nothing if it sent nothing yet. */
    static byte[] readSome(Socket socket) throws IOException {
        byte[] buf = new byte[16 * 1024];
        int n = socket.getInputStream().read(buf);
        return n <= 0 ? new byte[0] : java.util.Arrays.copyOf(buf, n);
    }

    /** Reads until the client closes the connection. */
    static void drain(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[4096];
        while (in.read(buf) >= 0) {
            // discard
        }
    }
}
