package org.octt.tls.ws.internal;

import org.octt.tls.cert.CertificateInspector;
import org.octt.tls.trust.EndpointHost;
import org.octt.tls.trust.FqdnMatcher;
import org.octt.tls.trust.TrustValidator;
import org.octt.tls.trust.ValidationResult;
import org.octt.tls.ws.ServerCertificatePolicy;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The default {@link ServerCertificatePolicy}: PKIX path validation with a {@link TrustValidator},
 * then the RFC 6125 host name check of {@link FqdnMatcher#matchesForConnection}.
 */
public final class PkixPolicy implements ServerCertificatePolicy {

    private final TrustValidator validator;
    private final Clock clock;

    private PkixPolicy(TrustValidator validator, Clock clock) {
        this.validator = Objects.requireNonNull(validator, "validator");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static PkixPolicy of(TrustValidator validator, Clock clock) {
        return new PkixPolicy(validator, clock);
    }

    @Override
    public Optional<String> reject(List<X509Certificate> chain, String host) {
        if (chain.isEmpty()) {
            return Optional.of("the server sent no certificate");
        }
        ValidationResult path = validator.validate(chain, clock.instant());
        if (!path.valid()) {
            return Optional.of(path.message());
        }
        X509Certificate leaf = chain.get(0);
        if (!FqdnMatcher.matchesForConnection(host, leaf)) {
            String names = CertificateInspector.inspect(leaf).facts()
                    .map(f -> f.dnsNames().isEmpty() && f.ipAddresses().isEmpty()
                            ? "commonName " + f.commonNames() + " (no subjectAltName)"
                            : "subjectAltName " + f.dnsNames() + (f.ipAddresses().isEmpty() ? "" : " " + f.ipAddresses()))
                    .orElse("an unreadable certificate");
            return Optional.of("the server certificate does not name the host " + shown(host) + ": it names " + names
                    + ipLiteralAdvice(host));
        }
        return Optional.empty();
    }

    /** The host as given; an IP literal in its RFC 5952 form. */
    private static String shown(String host) {
        return ipLiteral(host).map(EndpointHost::name).orElse(host);
    }

    /** For an IP-literal host, the advice every message gives ({@link EndpointHost#dnsNameAdvice()}). */
    private static String ipLiteralAdvice(String host) {
        return ipLiteral(host).map(h -> "; " + h.dnsNameAdvice()).orElse("");
    }

    private static Optional<EndpointHost> ipLiteral(String host) {
        try {
            return Optional.of(EndpointHost.parse(host)).filter(EndpointHost::isIpLiteral);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
