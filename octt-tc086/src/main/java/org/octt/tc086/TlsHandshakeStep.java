package org.octt.tc086;

import org.octt.core.spi.CheckResult;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.Step;
import org.octt.core.spi.StepAbortedException;
import org.octt.core.spi.TestContext;
import org.octt.ocpp.cp.TlsHandshakes;
import org.octt.tls.probe.CapturedCertificate;
import org.octt.tls.probe.ProbeOutcome;
import org.octt.tls.probe.ProbeRequest;
import org.octt.tls.probe.ProbeResult;
import org.octt.tls.probe.ProbeScheduler;
import org.octt.tls.probe.TlsProbe;
import org.octt.tls.probe.TlsVersion;
import reactor.core.publisher.Flux;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Step 2 of the card, "before finishing the TLS handshake": the protocol versions and cipher suites
 * the Central System accepts, and the certificates it presents.
 *
 * <p>One handshake offering TLS 1.2 and 1.3 goes first: when it meets no TLS server at all
 * (connection refused, no answer, not TLS) the step aborts after that one timeout. The other
 * handshakes (each required suite alone in TLS 1.2; TLS 1.0 and TLS 1.1 alone) then run
 * concurrently within the context's per-target connection bound.
 */
final class TlsHandshakeStep implements Step {

    @Override
    public String name() {
        return "tls-handshakes";
    }

    @Override
    public List<String> checkIds() {
        return List.of(CheckIds.TLS_VERSION, CheckIds.TLS_CIPHER_SUITES);
    }

    @Override
    public String description() {
        return "TLS handshakes: versions, the four required cipher suites, server certificates";
    }

    @Override
    public Flux<CheckResult> run(TestContext context) {
        TlsProbe probe = TlsHandshakes.probe(context);
        ProbeRequest modern = request(context, List.of(TlsVersion.TLS1_2, TlsVersion.TLS1_3), TlsHandshakes.MODERN_SUITES);
        return probe.probe(modern).flatMapMany(first -> {
            if (first instanceof ProbeOutcome.TransportFailure failure) {
                return Flux.error(new StepAbortedException("cannot carry out the TLS handshakes: "
                        + failure.message()));
            }
            List<ProbeRequest> others = new ArrayList<>();
            TlsHandshakes.REQUIRED_SUITES.keySet().forEach(s -> others.add(request(context, List.of(TlsVersion.TLS1_2), List.of(s))));
            others.add(request(context, List.of(TlsVersion.TLS1_0), TlsHandshakes.LEGACY_SUITES));
            others.add(request(context, List.of(TlsVersion.TLS1_1), TlsHandshakes.LEGACY_SUITES));
            return ProbeScheduler.of(probe)
                    .probeAll(others, context.maxConnectionsPerTarget())
                    .collectList()
                    .flatMapMany(results -> Flux.fromIterable(judge(context, modern, first, results)));
        });
    }

    private static ProbeRequest request(TestContext context, List<TlsVersion> versions, List<String> suites) {
        ProbeRequest r = TlsHandshakes.request(context, versions, suites);
        // as a Charge Point does under profile 3 (scenario step 3), present the client certificate
        if (context.securityProfile() == SecurityProfile.TLS_CLIENT_CERTIFICATE && context.clientKeyMaterial().isPresent()) {
            r = r.withClientCertificate(TlsHandshakes.credential(context.clientKeyMaterial().get()));
        }
        return r;
    }

    private List<CheckResult> judge(TestContext context, ProbeRequest modern, ProbeOutcome first,
                                    List<ProbeResult> others) {
        Map<String, ProbeOutcome> bySuite = new LinkedHashMap<>();
        // by version, not by completion order: the warning names them in a stable order
        Map<TlsVersion, ProbeOutcome> legacy = new java.util.TreeMap<>();
        for (ProbeResult r : others) {
            if (r.request().versions().size() == 1 && r.request().versions().get(0).compareTo(TlsVersion.TLS1_2) < 0) {
                legacy.put(r.request().versions().get(0), r.outcome());
            } else {
                bySuite.put(r.request().cipherSuites().get(0), r.outcome());
            }
        }
        Map<String, List<CapturedCertificate>> chains = new LinkedHashMap<>();
        chains.put("TLS 1.2/1.3 offer", first.chain());
        bySuite.forEach((suite, o) -> chains.put("TLSv1.2 " + suite, o.chain()));
        legacy.forEach((v, o) -> chains.put(v.protocolName() + " offer", o.chain()));
        context.state().put(ServerCertificates.KEY, ServerCertificates.collect(chains));
        return List.of(TlsHandshakes.versionCheck(modern, first, legacy), TlsHandshakes.cipherSuiteCheck(bySuite));
    }
}
