package org.octt.tls.probe;

import org.octt.tls.internal.Addresses;
import reactor.core.publisher.Flux;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * Runs many probes with a bound on concurrent connections per target (the connect address), since
 * some servers fail under parallel scans. Immutable and thread-safe; the bound applies within one
 * {@link #probeAll} call.
 */
public final class ProbeScheduler {

    /** The default bound on concurrent connections per target. */
    public static final int DEFAULT_MAX_CONCURRENT_PER_TARGET = 2;

    private final TlsProbe probe;
    private final int maxConcurrentPerTarget;

    private ProbeScheduler(TlsProbe probe, int maxConcurrentPerTarget) {
        this.probe = probe;
        this.maxConcurrentPerTarget = maxConcurrentPerTarget;
    }

    /** A scheduler running {@code probe} with at most {@value #DEFAULT_MAX_CONCURRENT_PER_TARGET} connections per target. */
    public static ProbeScheduler of(TlsProbe probe) {
        return new ProbeScheduler(Objects.requireNonNull(probe, "probe"), DEFAULT_MAX_CONCURRENT_PER_TARGET);
    }

    /** A copy allowing at most {@code max} (at least 1) concurrent connections per target. */
    public ProbeScheduler withMaxConcurrentPerTarget(int max) {
        return new ProbeScheduler(probe, validMax(max));
    }

    public int maxConcurrentPerTarget() {
        return maxConcurrentPerTarget;
    }

    /**
     * Probes every request, at most {@link #maxConcurrentPerTarget()} at a time per target; results
     * come as they complete, each with its request. Lazy; cancelling closes open connections.
     */
    public Flux<ProbeResult> probeAll(List<ProbeRequest> requests) {
        return probeAll(requests, maxConcurrentPerTarget);
    }

    /** As {@link #probeAll(List)} with an explicit bound {@code maxConcurrent} (at least 1) per target. */
    public Flux<ProbeResult> probeAll(List<ProbeRequest> requests, int maxConcurrent) {
        List<ProbeRequest> all = List.copyOf(requests);
        int max = validMax(maxConcurrent);
        return Flux.fromIterable(all)
                .groupBy(ProbeScheduler::targetKey)
                .flatMap(group -> group.flatMap(
                        request -> probe.probe(request).map(outcome -> new ProbeResult(request, outcome)), max),
                        Integer.MAX_VALUE);
    }

    private static String targetKey(ProbeRequest request) {
        return Addresses.hostPort(request.connectAddress());
    }

    private static int validMax(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max concurrent connections per target must be at least 1, was: " + max);
        }
        return max;
    }
}
