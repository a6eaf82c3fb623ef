package org.octt.testkit.internal;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** The open OCPP sessions of one reference Central System, by Charge Point id. Thread-safe. */
public final class SessionRegistry {

    private final AtomicInteger numbers = new AtomicInteger();
    private final List<OcppSession> open = new ArrayList<>();
    private final Sinks.Many<String> opened = Sinks.many().multicast().directBestEffort();

    /** The next session's number, from 1. */
    public int nextNumber() {
        return numbers.incrementAndGet();
    }

    public void opened(OcppSession session) {
        synchronized (this) {
            open.add(session);
            opened.tryEmitNext(session.chargePointId()); // serialised by the lock
        }
    }

    public synchronized void closed(OcppSession session) {
        open.remove(session);
    }

    /** The latest open session of this Charge Point. */
    public synchronized Optional<OcppSession> latest(String chargePointId) {
        for (int i = open.size() - 1; i >= 0; i--) {
            if (open.get(i).chargePointId().equals(chargePointId)) {
                return Optional.of(open.get(i));
            }
        }
        return Optional.empty();
    }

    /** Completes once a session of this Charge Point is open (at once if one is). */
    public Mono<Void> connected(String chargePointId) {
        return Flux.merge(opened.asFlux().filter(chargePointId::equals),
                        Mono.fromCallable(() -> latest(chargePointId).map(OcppSession::chargePointId))
                                .flatMap(Mono::justOrEmpty))
                .next().then();
    }
}
