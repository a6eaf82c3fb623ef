package org.octt.ocpp.cp;

import org.octt.core.spi.CheckResult;
import org.octt.core.spi.KeyMaterial;
import org.octt.core.spi.Target;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Verdict;
import org.octt.tls.probe.ClientCredential;
import org.octt.tls.probe.ProbeOutcome;
import org.octt.tls.probe.ProbeRequest;
import org.octt.tls.probe.TlsProbe;
import org.octt.tls.probe.TlsVersion;
import reactor.netty.resources.LoopResources;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The TLS handshakes a Charge Point card makes before its WebSocket (TC_086_CSMS and TC_087_CSMS,
 * step "before finishing the TLS handshake"), and their two checks: {@value #TLS_VERSION} (TLS 1.2
 * or above when offered TLS 1.2 and 1.3; TLS 1.0/1.1 accepted alone is a warning) and
 * {@value #TLS_CIPHER_SUITES} (each of the four suites of A00.FR.317 accepted alone in TLS 1.2).
 * Stateless; the probes are made from a {@link TestContext} (timeouts, scheduler, meters, the
 * {@code --resolve} address, shared event loops).
 */
public final class TlsHandshakes {

    /** The check id of the protocol version check. */
    public static final String TLS_VERSION = "tls.version";
    /** The check id of the four required cipher suites. */
    public static final String TLS_CIPHER_SUITES = "tls.cipher-suites";

    /** The four suites A00.FR.317 requires, with their OpenSSL names for hints. */
    public static final Map<String, String> REQUIRED_SUITES = requiredSuites();

    /** What a modern Charge Point offers: TLS 1.3 suites, then the TLS 1.2 AEAD suites. */
    public static final List<String> MODERN_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_256_GCM_SHA384");

    /** Suites that exist in TLS 1.0 and 1.1, to see whether the server still speaks those versions. */
    public static final List<String> LEGACY_SUITES = List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
            "TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_256_CBC_SHA");

    /** The TLS alert a server sends when it does not speak the offered protocol version. */
    private static final int PROTOCOL_VERSION_ALERT = 70;

    private TlsHandshakes() {
    }

    private static Map<String, String> requiredSuites() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256");
        m.put("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "ECDHE-ECDSA-AES256-GCM-SHA384");
        m.put("TLS_RSA_WITH_AES_128_GCM_SHA256", "AES128-GCM-SHA256");
        m.put("TLS_RSA_WITH_AES_256_GCM_SHA384", "AES256-GCM-SHA384");
        return Collections.unmodifiableMap(m);
    }

    /** A probe with the context's network timeout, scheduler, meter registry and (if any) event loops. */
    public static TlsProbe probe(TestContext context) {
        TlsProbe probe = TlsProbe.create()
                .withConnectTimeout(context.timeouts().network())
                .withHandshakeTimeout(context.timeouts().network())
                .withTimeoutScheduler(context.scheduler())
                .withMeterRegistry(context.meterRegistry());
        return context.resource(LoopResources.class).map(probe::withLoopResources).orElse(probe);
    }

    /**
     * A handshake to the context's target offering {@code versions} and {@code suites}, with the
     * network timeout and the connect address; no client certificate.
     */
    public static ProbeRequest request(TestContext context, List<TlsVersion> versions, List<String> suites) {
        Target target = context.target();
        ProbeRequest r = ProbeRequest.of(target.host(), target.port(), versions, suites)
                .withTimeout(context.timeouts().network());
        return target.connectAddress().map(r::withConnectAddress).orElse(r);
    }

    /** The probe's credential for the SPI's key material. */
    public static ClientCredential credential(KeyMaterial material) {
        return new ClientCredential(material.chain(), material.key());
    }

    /** Whether the request offers only TLS 1.0 or 1.1 (a legacy probe). */
    public static boolean legacy(ProbeRequest request) {
        return request.versions().size() == 1 && request.versions().get(0).compareTo(TlsVersion.TLS1_2) < 0;
    }

    /**
     * {@value #TLS_VERSION}: PASSED when the handshake offering TLS 1.2 and 1.3 ({@code modern},
     * {@code first}) negotiated TLS 1.2 or above; a warning for each of {@code legacy} accepted.
     */
    public static CheckResult versionCheck(ProbeRequest modern, ProbeOutcome first, Map<TlsVersion, ProbeOutcome> legacy) {
        CheckResult result;
        if (first instanceof ProbeOutcome.Accepted a) {
            boolean modernVersion = a.version().compareTo(TlsVersion.TLS1_2) >= 0;
            result = CheckResult.of(TLS_VERSION, modernVersion ? Verdict.PASSED : Verdict.FAILED,
                    modernVersion
                            ? "negotiated " + a.version().protocolName() + " with " + a.cipherSuite()
                              + " when offered TLS 1.2 and 1.3 (TLS 1.2 or above required)"
                            : "negotiated " + a.version().protocolName() + " although TLS 1.2 and 1.3 were offered;"
                              + " enable TLS 1.2 or 1.3 on the server")
                    .withEvidence("negotiatedVersion", a.version().protocolName())
                    .withEvidence("cipherSuite", a.cipherSuite())
                    .withEvidence("compression", a.compression());
            if (a.namedGroup().isPresent()) {
                result = result.withEvidence("namedGroup", a.namedGroup().get());
            }
        } else {
            result = CheckResult.failed(TLS_VERSION, "the server completed no handshake offering TLS 1.2 and 1.3 ("
                    + String.join(", ", modern.cipherSuites()) + "): " + first.message()
                    + "; enable TLS 1.2 (and 1.3) with AEAD cipher suites")
                    .withEvidence("outcome", first.label());
        }
        Map<String, Object> legacyEvidence = new LinkedHashMap<>();
        List<String> accepted = new ArrayList<>();
        legacy.forEach((v, o) -> {
            legacyEvidence.put(v.protocolName(), o.isAccepted() ? "accepted" : o.label() + ": " + o.message());
            if (o instanceof ProbeOutcome.Accepted) {
                accepted.add(v.protocolName());
            }
        });
        result = result.withEvidence("legacyVersions", legacyEvidence);
        if (!accepted.isEmpty()) {
            result = result.withWarning("also accepts " + String.join(" and ", accepted)
                    + ": allowed only while Charge Points that cannot use TLS 1.2 are expected"
                    + " (whitepaper A00.FR.312, A00.FR.314); disable it otherwise");
        }
        return result;
    }

    /**
     * Whether a suite probe got an answer that is not an acceptance: the server (which completed the
     * first handshake, so it speaks TLS) closed or reset the connection, or sent bytes that are not
     * TLS, in answer to a ClientHello offering that suite alone. Some TLS stacks refuse that way
     * rather than with an alert (Java-WebSocket 1.5.2 over JSSE sends a buffer of zeros). A timeout
     * or an unreachable server determines nothing.
     */
    private static boolean answeredWithoutAccepting(ProbeOutcome.TransportFailure t) {
        return switch (t.kind()) {
            case NOT_TLS, CLOSED_BEFORE_HANDSHAKE, CONNECTION_RESET -> true;
            default -> false;
        };
    }

    /**
     * {@value #TLS_CIPHER_SUITES}: PASSED when each of {@link #REQUIRED_SUITES}, offered alone in
     * TLS 1.2 ({@code bySuite}), was accepted; FAILED naming each refused one and what to enable;
     * INCONCLUSIVE when a probe determined nothing (a timeout).
     */
    public static CheckResult cipherSuiteCheck(Map<String, ProbeOutcome> bySuite) {
        List<String> refused = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        Map<String, Object> evidence = new LinkedHashMap<>();
        boolean ecdsaRefused = false;
        for (Map.Entry<String, String> e : REQUIRED_SUITES.entrySet()) {
            String suite = e.getKey();
            ProbeOutcome o = bySuite.get(suite);
            Map<String, Object> ev = new LinkedHashMap<>();
            if (o instanceof ProbeOutcome.Accepted a) {
                lines.add(suite + ": accepted");
                ev.put("result", "accepted");
                a.leaf().ifPresent(c -> ev.put("certificate", c.subject()));
            } else if (o instanceof ProbeOutcome.TransportFailure t && !answeredWithoutAccepting(t)) {
                unknown.add(suite);
                lines.add(suite + ": not determined (" + t.message() + ")");
                ev.put("result", t.label());
                ev.put("message", t.message());
            } else {
                refused.add(suite);
                String alert = o instanceof ProbeOutcome.Refused r ? r.alert()
                        : o instanceof ProbeOutcome.Aborted ab ? ab.alert()
                        : o instanceof ProbeOutcome.TransportFailure t ? "no alert: " + t.message() : "no outcome";
                // protocol_version: the server refuses TLS 1.2 itself, whatever the suite and certificate
                boolean versionRefused = o instanceof ProbeOutcome.Refused r && r.alertCode() == PROTOCOL_VERSION_ALERT
                        || o instanceof ProbeOutcome.Aborted ab && ab.alertCode() == PROTOCOL_VERSION_ALERT;
                lines.add(suite + ": refused (" + alert + "); " + (versionRefused ? "the server refuses TLS 1.2 itself:"
                        + " enable TLS 1.2 and " : "enable ") + e.getValue() + " in the server's cipher list");
                ev.put("result", o == null ? "not probed" : o.label());
                ev.put("alert", alert);
                ev.put("message", o == null ? "not probed" : o.message());
                ev.put("openSslName", e.getValue());
                ecdsaRefused |= suite.contains("ECDSA") && !versionRefused;
            }
            evidence.put(suite, ev);
        }
        String summary = String.join("; ", lines);
        if (ecdsaRefused) {
            summary += ". The ECDSA suites need an ECDSA certificate beside the RSA one (A00.FR.317)";
        }
        Verdict verdict = !refused.isEmpty() ? Verdict.FAILED : !unknown.isEmpty() ? Verdict.INCONCLUSIVE : Verdict.PASSED;
        String head = switch (verdict) {
            case PASSED -> "all four required cipher suites are accepted in TLS 1.2: ";
            case FAILED -> refused.size() + " of the four required cipher suites refused in TLS 1.2: ";
            default -> "could not determine every required cipher suite: ";
        };
        return CheckResult.of(TLS_CIPHER_SUITES, verdict, head + summary).withEvidence("suites", evidence)
                .withEvidence("refused", List.copyOf(refused));
    }
}
