package org.octt.security16;

import org.octt.core.spi.CheckResult;
import org.octt.core.spi.KeyMaterial;
import org.octt.core.spi.Step;
import org.octt.core.spi.StepAbortedException;
import org.octt.core.spi.TestContext;
import org.octt.ocpp.cp.TlsHandshakes;
import org.octt.tls.probe.ClientCredential;
import org.octt.tls.probe.ProbeOutcome;
import org.octt.tls.probe.ProbeRequest;
import org.octt.tls.probe.ProbeResult;
import org.octt.tls.probe.ProbeScheduler;
import org.octt.tls.probe.TlsProbe;
import org.octt.tls.probe.TlsVersion;
import org.octt.tls.trust.FqdnMatcher;
import org.octt.tls.trust.TrustValidator;
import org.octt.tls.trust.ValidationResult;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * TC_087_CSMS "before finishing the TLS handshake", with the Charge Point's client certificate.
 *
 * <p>First one handshake offering TLS 1.2 and 1.3 <em>without</em> a client certificate: it shows
 * whether the server sends a CertificateRequest ({@value #CLIENT_CERTIFICATE_REQUESTED}) and brings
 * the server's chain, which is validated (trust anchors and host name) before the client
 * certificate is presented to anyone; a server meeting no TLS at all aborts the step. Then, as a
 * Charge Point under profile 3, the same offer and each of the four required suites alone (and TLS
 * 1.0 and 1.1 alone) presenting the client certificate: {@value TlsHandshakes#TLS_VERSION} and
 * {@value TlsHandshakes#TLS_CIPHER_SUITES}, as TC_086 judges them.
 */
final class Tc087HandshakeStep implements Step {

    static final String CLIENT_CERTIFICATE_REQUESTED = "tls.client-certificate-requested";

    @Override
    public String name() {
        return "tls-handshakes";
    }

    @Override
    public List<String> checkIds() {
        return List.of(TlsHandshakes.TLS_VERSION, TlsHandshakes.TLS_CIPHER_SUITES, CLIENT_CERTIFICATE_REQUESTED);
    }

    @Override
    public String description() {
        return "TLS handshakes with the client certificate: versions, the four required cipher suites,"
                + " the server's CertificateRequest";
    }

    @Override
    public Flux<CheckResult> run(TestContext context) {
        Optional<KeyMaterial> material = context.clientKeyMaterial();
        if (material.isEmpty()) {
            String why = "not attempted: security profile 3 needs the Charge Point's client certificate and key,"
                    + " and none is configured (--client-cert, --client-key)";
            return Flux.fromIterable(checkIds()).map(id -> CheckResult.skipped(id, why));
        }
        ClientCredential credential = TlsHandshakes.credential(material.get());
        TlsProbe probe = TlsHandshakes.probe(context);
        List<TlsVersion> modernVersions = List.of(TlsVersion.TLS1_2, TlsVersion.TLS1_3);
        ProbeRequest withoutCertificate = TlsHandshakes.request(context, modernVersions, TlsHandshakes.MODERN_SUITES);
        return probe.probe(withoutCertificate).flatMapMany(bare -> {
            if (bare instanceof ProbeOutcome.TransportFailure failure && !failure.clientCertificateRequested()) {
                return Flux.error(new StepAbortedException("cannot carry out the TLS handshakes: " + failure.message()));
            }
            CheckResult requested = requestedCheck(bare);
            return trustRejection(context, bare).flatMapMany(rejection -> {
                if (rejection.isPresent() && !context.insecure()) {
                    String why = "not attempted: the server certificate failed validation (" + rejection.get()
                            + "), and the client certificate is never presented to an unverified server; fix the"
                            + " certificate or the configured root (--ca-file), or pass --insecure to go on anyway";
                    return Flux.just(CheckResult.skipped(TlsHandshakes.TLS_VERSION, why),
                            CheckResult.skipped(TlsHandshakes.TLS_CIPHER_SUITES, why), requested);
                }
                ProbeRequest modern = withoutCertificate.withClientCertificate(credential);
                List<ProbeRequest> all = new ArrayList<>();
                all.add(modern);
                TlsHandshakes.REQUIRED_SUITES.keySet().forEach(s -> all.add(
                        TlsHandshakes.request(context, List.of(TlsVersion.TLS1_2), List.of(s)).withClientCertificate(credential)));
                all.add(TlsHandshakes.request(context, List.of(TlsVersion.TLS1_0), TlsHandshakes.LEGACY_SUITES)
                        .withClientCertificate(credential));
                all.add(TlsHandshakes.request(context, List.of(TlsVersion.TLS1_1), TlsHandshakes.LEGACY_SUITES)
                        .withClientCertificate(credential));
                return ProbeScheduler.of(probe).probeAll(all, context.maxConnectionsPerTarget()).collectList()
                        .flatMapMany(results -> Flux.fromIterable(judge(modern, results, requested)));
            });
        });
    }

    /** Why the chain the server sent fails validation (anchors, then host name), if it does. */
    private static Mono<Optional<String>> trustRejection(TestContext context, ProbeOutcome bare) {
        // the JDK trust store may be read from disk: never on an event loop
        return Mono.fromCallable(() -> {
            List<X509Certificate> chain = bare.certificates();
            if (chain.isEmpty()) {
                return Optional.of("the server sent no certificate in answer to a handshake without a client certificate");
            }
            ValidationResult result = TrustValidator.of(context.trustAnchors()).validate(chain, context.clock().instant());
            if (!result.valid()) {
                return Optional.of(result.message());
            }
            if (!FqdnMatcher.matchesForConnection(context.target().host(), chain.get(0))) {
                return Optional.of("the certificate " + chain.get(0).getSubjectX500Principal().getName()
                        + " does not name the host " + context.target().host());
            }
            return Optional.<String>empty();
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private static List<CheckResult> judge(ProbeRequest modern, List<ProbeResult> results, CheckResult requested) {
        ProbeOutcome first = null;
        Map<String, ProbeOutcome> bySuite = new LinkedHashMap<>();
        Map<TlsVersion, ProbeOutcome> legacy = new TreeMap<>();
        for (ProbeResult r : results) {
            if (r.request().equals(modern)) {
                first = r.outcome();
            } else if (TlsHandshakes.legacy(r.request())) {
                legacy.put(r.request().versions().get(0), r.outcome());
            } else {
                bySuite.put(r.request().cipherSuites().get(0), r.outcome());
            }
        }
        return List.of(TlsHandshakes.versionCheck(modern, first, legacy), TlsHandshakes.cipherSuiteCheck(bySuite),
                requested);
    }

    /**
     * {@value #CLIENT_CERTIFICATE_REQUESTED} from the handshake without a client certificate: PASSED
     * when the server sent a CertificateRequest (with a warning when it then completed the handshake
     * without a certificate); FAILED when it sent none (profile 3 is not in force).
     */
    static CheckResult requestedCheck(ProbeOutcome bare) {
        CheckResult check;
        if (!bare.clientCertificateRequested()) {
            check = CheckResult.failed(CLIENT_CERTIFICATE_REQUESTED, "the server sent no CertificateRequest in a"
                    + " handshake offering TLS 1.2 and 1.3 (" + bare.message() + "): without asking for a client"
                    + " certificate, security profile 3 is not in force; configure the Central System's TLS server to"
                    + " require client certificates issued by the Charge Points' CA");
        } else if (bare instanceof ProbeOutcome.Accepted) {
            check = CheckResult.passed(CLIENT_CERTIFICATE_REQUESTED, "the server sent a CertificateRequest in the"
                            + " handshake (" + bare.message() + ")")
                    .withWarning("it completed the handshake although octt answered the CertificateRequest with no"
                            + " certificate: the client certificate is optional at the TLS level, so the Central"
                            + " System must refuse such connections itself; make it required");
        } else {
            check = CheckResult.passed(CLIENT_CERTIFICATE_REQUESTED, "the server sent a CertificateRequest and ended"
                    + " the handshake in which octt sent no certificate: " + bare.message());
        }
        return check.withEvidence("withoutClientCertificate", bare.label())
                .withEvidence("message", bare.message());
    }
}
