package org.octt.cli;

import reactor.core.publisher.Mono;
import reactor.netty.http.HttpResources;
import reactor.netty.tcp.TcpResources;

import java.time.Duration;

/**
 * What {@link Main#main} does just before {@code System.exit}: shuts down Reactor Netty's shared
 * event loops ({@link TcpResources} for the TLS probes, {@link HttpResources} for the secured
 * WebSocket), which octt's library code uses when the embedder supplies none.
 *
 * <p>Why: at exit HotSpot waits up to 300 ms for every thread that is in native code ({@code
 * VM_Exit::wait_for_threads_in_native_to_block}), and an idle Netty event loop sits in
 * {@code epoll_wait}. Measured on a 2-core machine: a TC_086_CSMS run spent 345 ms in {@code
 * System.exit} with the loops alive and 20 to 30 ms after shutting them down, which itself took 6 to
 * 8 ms (docs/performance.md, section 7).
 *
 * <p>Only the command line calls this: an embedder owns its JVM and its resources.
 */
final class ExitCleanup {

    /** The longest the shutdown may take before the process exits regardless. */
    static final Duration BOUND = Duration.ofMillis(500);

    private ExitCleanup() {
    }

    /**
     * Shuts the shared loops down with no quiet period, waiting at most {@link #BOUND}. Never fails:
     * the process exits next either way.
     *
     * @return whether both were shut down within the bound
     */
    static boolean releaseSharedEventLoops() {
        try {
            Mono.whenDelayError(
                            HttpResources.disposeLoopsAndConnectionsLater(Duration.ZERO, BOUND),
                            TcpResources.disposeLoopsAndConnectionsLater(Duration.ZERO, BOUND))
                    .block(BOUND.plusMillis(100));
            return true;
        } catch (RuntimeException e) {
            return false; // the exit goes on; at worst it waits as it did before
        }
    }
}
