package org.octt.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.TcpClient;
import reactor.netty.tcp.TcpServer;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExitCleanupTests {

    @Test
    @Timeout(30)
    void endsTheSharedEventLoopThreadsThatWouldDelayTheJvmsExit() {
        LoopResources serverLoops = LoopResources.create("exit-cleanup-test-server", 1, 1, true);
        DisposableServer server = TcpServer.create().runOn(serverLoops).host("127.0.0.1").port(0)
                .handle((in, out) -> out.sendString(reactor.core.publisher.Mono.just("hello")))
                .bindNow();
        try {
            useTheSharedLoops(server.port());
            assertThat(sharedLoopThreads()).as("the shared loops run before").isNotEmpty();

            assertThat(ExitCleanup.releaseSharedEventLoops()).isTrue();

            assertThat(sharedLoopThreads()).as("shared loop threads still alive").isEmpty();
            // the command line's tests run in one JVM: the shared resources come back on the next use
            useTheSharedLoops(server.port());
        } finally {
            server.disposeNow();
            serverLoops.disposeLater().block(Duration.ofSeconds(5));
        }
    }

    @Test
    @Timeout(30)
    void succeedsWhenNoSharedLoopIsRunning() {
        ExitCleanup.releaseSharedEventLoops();

        assertThat(ExitCleanup.releaseSharedEventLoops()).isTrue();
        assertThat(sharedLoopThreads()).isEmpty();
    }

    private static void useTheSharedLoops(int port) {
        String received = TcpClient.create().host("127.0.0.1").port(port).connect()
                .flatMap(c -> c.inbound().receive().asString().next().doFinally(s -> c.dispose()))
                .block(Duration.ofSeconds(10));
        assertThat(received).isEqualTo("hello");
        // an HTTP request to a plain TCP server fails, but it starts HttpResources' loops, as the WebSocket does
        HttpClient.create().get().uri("http://127.0.0.1:" + port + "/").response()
                .onErrorResume(e -> reactor.core.publisher.Mono.empty())
                .block(Duration.ofSeconds(10));
    }

    private static List<String> sharedLoopThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("reactor-tcp-") || n.startsWith("reactor-http-"))
                .toList();
    }
}
