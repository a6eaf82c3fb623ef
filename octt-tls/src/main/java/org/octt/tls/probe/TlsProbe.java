package org.octt.tls.probe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.channel.ChannelOption;
import io.netty.resolver.AddressResolverGroup;
import org.octt.tls.probe.internal.HandshakeSession;
import org.octt.tls.probe.internal.ProbeCrypto;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.TcpClient;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Performs one TLS handshake per {@link ProbeRequest} and reports what the server did, as data.
 *
 * <p>Each probe opens one new TCP connection (TCP_NODELAY, no pooling) to the request's connect
 * address and drives Bouncy Castle's low-level TLS client in non-blocking mode from a Netty handler.
 * It offers exactly the request's versions and cipher suites (whatever the JDK's
 * {@code jdk.tls.disabledAlgorithms} says: JSSE is not involved), every named group and signature
 * algorithm Bouncy Castle supports, SNI for a host name, and never a session to resume. The server's
 * certificate chain is captured before any judgment and the handshake is then closed with
 * close_notify. Nothing JVM-wide is changed.
 *
 * <p>When the server asks for a client certificate, the probe presents the request's
 * {@link ProbeRequest#clientCredential() client credential}, or an empty Certificate when it has none;
 * outcomes other than accepted then say so in their message. In TLS 1.3 the server judges the client's
 * certificate only after the client's Finished, so the probe then waits for the server's next record:
 * a fatal alert (e.g. {@code certificate_required}) makes the outcome refused, anything else (usually
 * a NewSessionTicket), or silence for up to a second (at most half the handshake timeout), accepted.
 *
 * <p>Immutable and thread-safe: each {@code with...} method returns a copy. Probes may run
 * concurrently; use {@link ProbeScheduler} to bound connections per target.
 *
 * <pre>{@code
 * TlsProbe probe = TlsProbe.create().withHandshakeTimeout(Duration.ofSeconds(5));
 * ProbeOutcome outcome = probe.probe(ProbeRequest.of("csms.example.com", 443, TlsVersion.TLS1_2,
 *         "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")).block();
 * }</pre>
 */
public final class TlsProbe {

    /** Name of the Micrometer timer recorded per probe. */
    public static final String TIMER_NAME = "octt.tls.handshake";

    private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Duration connectTimeout;
    private final Duration handshakeTimeout;
    private final MeterRegistry meterRegistry;
    private final LoopResources loopResources;
    private final Scheduler timeoutScheduler;
    private final AddressResolverGroup<?> resolver;

    private TlsProbe(Duration connectTimeout, Duration handshakeTimeout, MeterRegistry meterRegistry,
                     LoopResources loopResources, Scheduler timeoutScheduler, AddressResolverGroup<?> resolver) {
        this.connectTimeout = connectTimeout;
        this.handshakeTimeout = handshakeTimeout;
        this.meterRegistry = meterRegistry;
        this.loopResources = loopResources;
        this.timeoutScheduler = timeoutScheduler;
        this.resolver = resolver;
    }

    /**
     * A probe with 10 s connect and handshake timeouts, no metrics, Reactor Netty's default event
     * loops and the parallel scheduler for timeouts.
     */
    public static TlsProbe create() {
        return new TlsProbe(DEFAULT_CONNECT_TIMEOUT, DEFAULT_HANDSHAKE_TIMEOUT, null, null, Schedulers.parallel(), null);
    }

    /** A copy whose TCP connect gives up after {@code timeout} (positive). */
    public TlsProbe withConnectTimeout(Duration timeout) {
        return new TlsProbe(positive(timeout, "connect timeout"), handshakeTimeout, meterRegistry, loopResources,
                timeoutScheduler, resolver);
    }

    /** A copy whose handshake (from connected to the server's Finished) gives up after {@code timeout}. */
    public TlsProbe withHandshakeTimeout(Duration timeout) {
        return new TlsProbe(connectTimeout, positive(timeout, "handshake timeout"), meterRegistry, loopResources,
                timeoutScheduler, resolver);
    }

    /**
     * A copy that records the {@value #TIMER_NAME} timer on {@code registry}, tagged {@code outcome}
     * ({@link ProbeOutcome#label()}), {@code protocol} and {@code suite} (negotiated when accepted;
     * otherwise the one offered, or {@code multiple}). Without a registry nothing is recorded.
     */
    public TlsProbe withMeterRegistry(MeterRegistry registry) {
        return new TlsProbe(connectTimeout, handshakeTimeout, Objects.requireNonNull(registry, "registry"),
                loopResources, timeoutScheduler, resolver);
    }

    /** A copy whose connections run on {@code loops} instead of Reactor Netty's default event loops. */
    public TlsProbe withLoopResources(LoopResources loops) {
        return new TlsProbe(connectTimeout, handshakeTimeout, meterRegistry, Objects.requireNonNull(loops, "loops"),
                timeoutScheduler, resolver);
    }

    /** A copy whose timeouts fire on {@code scheduler} (e.g. a virtual-time scheduler in tests). */
    public TlsProbe withTimeoutScheduler(Scheduler scheduler) {
        return new TlsProbe(connectTimeout, handshakeTimeout, meterRegistry, loopResources,
                Objects.requireNonNull(scheduler, "scheduler"), resolver);
    }

    /**
     * A copy that resolves unresolved connect addresses with {@code resolver} instead of Reactor
     * Netty's default (non-blocking DNS reading {@code /etc/hosts} and {@code resolv.conf}).
     */
    public TlsProbe withResolver(AddressResolverGroup<?> resolver) {
        return new TlsProbe(connectTimeout, handshakeTimeout, meterRegistry, loopResources, timeoutScheduler,
                Objects.requireNonNull(resolver, "resolver"));
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** The registry metrics go to, or empty when none was given (then nothing is recorded). */
    public Optional<MeterRegistry> meterRegistry() {
        return Optional.ofNullable(meterRegistry);
    }

    /**
     * Performs the handshake {@code request} describes; lazy (nothing happens until subscribed) and
     * each subscription is a new connection.
     *
     * <p>The Mono emits exactly one outcome: accepted, refused, aborted or a transport failure
     * (including {@link ProbeOutcome.TransportFailure.Kind#TIMED_OUT TIMED_OUT} when the connect
     * timeout, the handshake timeout or the request's deadline passes, whichever is first). It errors
     * only for programming faults. Cancelling closes the connection.
     */
    public Mono<ProbeOutcome> probe(ProbeRequest request) {
        Objects.requireNonNull(request, "request");
        return Mono.defer(() -> {
            long start = System.nanoTime();
            Duration verdictWait = min(HandshakeSession.DEFAULT_VERDICT_WAIT, handshakeTimeout.dividedBy(2));
            HandshakeSession session = new HandshakeSession(request, new ProbeCrypto(RANDOM), start,
                    verdictWait.isZero() ? handshakeTimeout : verdictWait);
            Duration connectLimit = min(connectTimeout, request.timeout());
            TcpClient client = TcpClient.newConnection()
                    .remoteAddress(request::connectAddress)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.max(1, connectLimit.toMillis()))
                    .doOnConnected(connection -> connection.addHandlerLast("octt.tls.probe", session));
            if (loopResources != null) {
                client = client.runOn(loopResources);
            }
            if (resolver != null) {
                client = client.resolver(resolver);
            }
            return client.connect()
                    .flatMap(connection -> session.outcome()
                            .timeout(handshakeTimeout, Mono.fromSupplier(() -> session.timedOut(handshakeTimeout)),
                                    timeoutScheduler)
                            .doFinally(signal -> connection.dispose()))
                    .onErrorResume(IOException.class, e -> Mono.fromSupplier(() -> session.connectFailed(e)))
                    .timeout(request.timeout(), Mono.fromSupplier(() -> session.timedOut(request.timeout())),
                            timeoutScheduler)
                    .doOnNext(outcome -> record(request, outcome));
        });
    }

    private void record(ProbeRequest request, ProbeOutcome outcome) {
        if (meterRegistry == null) {
            return;
        }
        String protocol;
        String suite;
        if (outcome instanceof ProbeOutcome.Accepted a) {
            protocol = a.version().protocolName();
            suite = a.cipherSuite();
        } else {
            protocol = request.versions().size() == 1 ? request.versions().get(0).protocolName() : "multiple";
            suite = request.cipherSuites().size() == 1 ? request.cipherSuites().get(0) : "multiple";
        }
        Timer.builder(TIMER_NAME)
                .description("TLS handshake probes, by outcome, protocol and cipher suite")
                .tag("outcome", outcome.label())
                .tag("protocol", protocol)
                .tag("suite", suite)
                .register(meterRegistry)
                .record(outcome.elapsed());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive, was: " + d);
        }
        return d;
    }
}
