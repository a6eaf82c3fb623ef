package org.octt.tc086;

import org.octt.core.spi.StateKey;
import org.octt.core.spi.TestContext;
import org.octt.tls.trust.TrustValidator;
import org.octt.tls.probe.CapturedCertificate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The distinct leaf certificates the server presented during the handshakes, each with the chain it
 * came in and the handshakes that brought it. Passed from the handshake step to the certificate step.
 *
 * @param leaves in the order first seen
 */
record ServerCertificates(List<Seen> leaves) {

    static final StateKey<ServerCertificates> KEY = StateKey.of("tc086.server-certificates", ServerCertificates.class);

    /** Whether {@code cert.trust} passed for every leaf; read by the WebSocket step. */
    static final StateKey<Boolean> TRUSTED = StateKey.of("tc086.trusted", Boolean.class);

    /**
     * The run's trust validator, shared by the certificate and WebSocket steps, so that the chain the
     * WebSocket receives (one of those the probes captured) is not validated twice.
     */
    static final StateKey<TrustValidator> VALIDATOR = StateKey.of("tc086.trust-validator", TrustValidator.class);

    /** The run's trust validator: the one in the state, else a new one for the context's anchors, kept there. */
    static TrustValidator validator(TestContext context) {
        return context.state().get(VALIDATOR).orElseGet(() -> {
            TrustValidator validator = TrustValidator.of(context.trustAnchors());
            context.state().put(VALIDATOR, validator);
            return validator;
        });
    }

    ServerCertificates {
        leaves = List.copyOf(leaves);
    }

    /**
     * One distinct leaf.
     *
     * @param chain  the chain as sent, leaf first
     * @param offers the handshakes (e.g. {@code TLSv1.2 TLS_RSA_WITH_AES_128_GCM_SHA256}) that brought it
     */
    record Seen(List<CapturedCertificate> chain, List<String> offers) {
        Seen {
            chain = List.copyOf(chain);
            offers = List.copyOf(offers);
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("a seen certificate needs its chain");
            }
        }

        CapturedCertificate leaf() {
            return chain.get(0);
        }
    }

    /** Collects distinct leaves by their encoding, keeping the first chain and every offer. */
    static ServerCertificates collect(Map<String, List<CapturedCertificate>> chainsByOffer) {
        List<Seen> seen = new ArrayList<>();
        chainsByOffer.forEach((offer, chain) -> {
            if (chain.isEmpty()) {
                return;
            }
            for (int i = 0; i < seen.size(); i++) {
                Seen s = seen.get(i);
                if (Objects.equals(s.leaf(), chain.get(0))) {
                    List<String> offers = new ArrayList<>(s.offers());
                    offers.add(offer);
                    seen.set(i, new Seen(s.chain(), offers));
                    return;
                }
            }
            seen.add(new Seen(chain, List.of(offer)));
        });
        return new ServerCertificates(seen);
    }
}
