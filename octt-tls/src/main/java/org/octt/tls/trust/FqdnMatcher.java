package org.octt.tls.trust;

import org.octt.tls.cert.CertificateFacts;
import org.octt.tls.cert.CertificateInspector;
import org.octt.tls.cert.Inspection;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Name checks on server certificates. Two different questions:
 * <ul>
 *   <li>{@link #checkCommonName}: does the commonName hold the endpoint's FQDN, as the OCPP 1.6
 *       security whitepaper demands (A00.FR.308/510)? Strict: exact match only, no wildcard, no IP.</li>
 *   <li>{@link #matchesForConnection}: would an ordinary TLS client accept the certificate for the host
 *       (RFC 6125 / RFC 2818, as the JDK's HTTPS checks do)? subjectAltName first, a wildcard allowed as
 *       the whole left-most label, CN only when there is no DNS subjectAltName.</li>
 * </ul>
 * Stateless and thread-safe; never resolves names.
 */
public final class FqdnMatcher {

    private FqdnMatcher() {
    }

    /**
     * Checks the commonName of {@code leaf} against the host of {@code urlHost}.
     *
     * @param urlHost a URL, authority or host, as {@link EndpointHost#parse} takes; not null
     * @param leaf    the server certificate's facts; not null
     * @throws IllegalArgumentException when {@code urlHost} holds no valid host
     */
    public static CommonNameCheck checkCommonName(String urlHost, CertificateFacts leaf) {
        Objects.requireNonNull(leaf, "leaf");
        return checkCommonName(EndpointHost.parse(urlHost), leaf.commonNames(), leaf.dnsNames(), leaf.ipAddresses());
    }

    /**
     * Checks CN values against the host: passes when one CN equals the FQDN; a wildcard CN, an IP-literal
     * endpoint and a missing CN fail; a subjectAltName present without the host gives a warning.
     *
     * @param host           the endpoint host; not null
     * @param commonNames    every CN value of the subject; not null
     * @param sanDnsNames    subjectAltName dNSName entries; not null
     * @param sanIpAddresses subjectAltName iPAddress entries as text; not null
     * @return the result, with every CN value and a message
     */
    public static CommonNameCheck checkCommonName(EndpointHost host, List<String> commonNames,
                                                  List<String> sanDnsNames, List<String> sanIpAddresses) {
        Objects.requireNonNull(host, "host");
        List<String> cns = List.copyOf(commonNames);
        List<String> dns = List.copyOf(sanDnsNames);
        List<String> ips = List.copyOf(sanIpAddresses);
        CommonNameCheck.SubjectAltNameStatus san = sanStatus(host, dns, ips);
        List<String> warnings = new ArrayList<>();
        if (san == CommonNameCheck.SubjectAltNameStatus.LACKS_HOST) {
            warnings.add("subjectAltName lists " + sanText(dns, ips) + " but not " + host.name()
                    + ": ordinary TLS clients check only subjectAltName when it is present and will refuse the"
                    + " connection; " + (host.isIpLiteral() ? host.dnsNameAdvice()
                    : "add DNS:" + host.name() + " to subjectAltName, or leave subjectAltName out (A00.FR.511)"));
        }
        String seen = cns.isEmpty() ? "no CN" : cns.stream().map(c -> "CN=" + c).collect(Collectors.joining(", "));
        String shownHost = shown(host);
        if (host.isIpLiteral()) {
            return new CommonNameCheck(CommonNameCheck.Outcome.IP_LITERAL_ENDPOINT, host, cns, san, warnings,
                    "the endpoint " + host.name() + " is an IP address, which cannot match an FQDN in the commonName"
                            + " (seen " + seen + "); " + host.dnsNameAdvice());
        }
        if (cns.isEmpty()) {
            return new CommonNameCheck(CommonNameCheck.Outcome.NO_COMMON_NAME, host, cns, san, warnings,
                    "expected CN=" + shownHost + ", seen no CN in the subject; issue the certificate with CN="
                            + host.name());
        }
        for (String cn : cns) {
            if (EndpointHost.normalizeName(cn).equals(host.name())) {
                return new CommonNameCheck(CommonNameCheck.Outcome.MATCH, host, cns, san, warnings,
                        "commonName " + cn + " is the FQDN " + shownHost
                                + (cns.size() > 1 ? " (CN values: " + String.join(", ", cns) + ")" : ""));
            }
        }
        List<String> wildcards = cns.stream().filter(c -> c.contains("*")).toList();
        if (!wildcards.isEmpty()) {
            return new CommonNameCheck(CommonNameCheck.Outcome.WILDCARD, host, cns, san, warnings,
                    "expected CN=" + shownHost + ", seen " + seen + ": a wildcard is not the FQDN (A00.FR.510);"
                            + " issue the certificate with CN=" + host.name());
        }
        return new CommonNameCheck(CommonNameCheck.Outcome.MISMATCH, host, cns, san, warnings,
                "expected CN=" + shownHost + ", seen " + seen + "; issue the certificate with CN=" + host.name()
                        + ", or connect with the name in its CN");
    }

    /**
     * RFC 6125 server identity check, as an ordinary TLS client does it: for an IP literal, a
     * subjectAltName iPAddress must equal it; for a DNS name, the subjectAltName dNSName entries are
     * checked when there is at least one, else the most specific (last) CN; a wildcard is allowed only as
     * the whole left-most label of a name with at least three labels and matches exactly one label.
     *
     * @param host a URL, authority or host; not null
     * @param leaf the server certificate; not null
     * @return true when the certificate identifies the host; false also when the host or certificate cannot be parsed
     */
    public static boolean matchesForConnection(String host, X509Certificate leaf) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(leaf, "leaf");
        EndpointHost endpoint;
        try {
            endpoint = EndpointHost.parse(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
        Inspection inspection = CertificateInspector.inspect(leaf);
        return inspection.facts().map(f -> matchesForConnection(endpoint, f)).orElse(false);
    }

    /** {@link #matchesForConnection(String, X509Certificate)} on a parsed host and inspected certificate. */
    public static boolean matchesForConnection(EndpointHost host, CertificateFacts leaf) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(leaf, "leaf");
        if (host.isIpLiteral()) {
            return leaf.ipAddresses().stream().map(EndpointHost::ipText).anyMatch(host.name()::equals);
        }
        if (!leaf.dnsNames().isEmpty()) {
            return leaf.dnsNames().stream().anyMatch(n -> dnsMatches(n, host.name()));
        }
        List<String> cns = leaf.commonNames();
        return !cns.isEmpty() && dnsMatches(cns.get(cns.size() - 1), host.name());
    }

    /**
     * RFC 6125 §6.4.3 matching of a presented DNS identifier (possibly a wildcard) against a normalized host.
     */
    static boolean dnsMatches(String presented, String host) {
        String p = EndpointHost.normalizeName(presented);
        if (!p.contains("*")) {
            return p.equals(host);
        }
        String[] labels = p.split("\\.", -1);
        if (!labels[0].equals("*") || labels.length < 3
                || Stream.of(labels).skip(1).anyMatch(l -> l.isEmpty() || l.contains("*"))) {
            return false;
        }
        String suffix = p.substring(1);
        if (!host.endsWith(suffix)) {
            return false;
        }
        String first = host.substring(0, host.length() - suffix.length());
        return !first.isEmpty() && !first.contains(".");
    }

    private static CommonNameCheck.SubjectAltNameStatus sanStatus(EndpointHost host, List<String> dns, List<String> ips) {
        if (dns.isEmpty() && ips.isEmpty()) {
            return CommonNameCheck.SubjectAltNameStatus.ABSENT;
        }
        boolean listed = host.isIpLiteral()
                ? ips.stream().map(EndpointHost::ipText).anyMatch(host.name()::equals)
                : dns.stream().anyMatch(n -> dnsMatches(n, host.name()));
        return listed ? CommonNameCheck.SubjectAltNameStatus.LISTS_HOST : CommonNameCheck.SubjectAltNameStatus.LACKS_HOST;
    }

    private static String sanText(List<String> dns, List<String> ips) {
        return Stream.concat(dns.stream().map(d -> "DNS:" + d), ips.stream().map(i -> "IP:" + i))
                .collect(Collectors.joining(", "));
    }

    private static String shown(EndpointHost host) {
        String input = host.input();
        boolean idn = host.name().contains("xn--") && !input.toLowerCase(java.util.Locale.ROOT).contains(host.name());
        return idn ? host.name() + " (" + input + ")" : host.name();
    }
}
