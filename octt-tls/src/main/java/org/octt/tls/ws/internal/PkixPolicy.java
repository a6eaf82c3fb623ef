package org.octt.tls.ws.internal;

import org.octt.tls.ws.ServerCertificatePolicy;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.net.IDN;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The default {@link ServerCertificatePolicy}: JDK PKIX path validation and a host name check. */
public final class PkixPolicy implements ServerCertificatePolicy {

    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private final Set<TrustAnchor> anchors;
    private final List<X509Certificate> anchorCertificates;

    private PkixPolicy(Collection<X509Certificate> anchors) {
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException("at least one trust anchor is needed, was: none");
        }
        this.anchorCertificates = List.copyOf(anchors);
        Set<TrustAnchor> set = new HashSet<>();
        for (X509Certificate c : anchorCertificates) {
            set.add(new TrustAnchor(c, null));
        }
        this.anchors = Set.copyOf(set);
    }

    public static PkixPolicy of(Collection<X509Certificate> anchors) {
        return new PkixPolicy(anchors);
    }

    public static PkixPolicy jdkDefault() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            for (var tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    return new PkixPolicy(List.of(x.getAcceptedIssuers()));
                }
            }
            throw new IllegalStateException("the JDK default trust manager factory has no X509TrustManager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the JDK default trust store: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<String> reject(List<X509Certificate> chain, String host) {
        if (chain.isEmpty()) {
            return Optional.of("the server sent no certificate");
        }
        Optional<String> path = validatePath(chain);
        if (path.isPresent()) {
            return path;
        }
        return checkHost(chain.get(0), host);
    }

    private Optional<String> validatePath(List<X509Certificate> chain) {
        List<X509Certificate> path = new ArrayList<>(chain);
        // A server may send the root too: the path ends before the anchor.
        while (path.size() > 1 && anchorCertificates.contains(path.get(path.size() - 1))) {
            path.remove(path.size() - 1);
        }
        if (anchorCertificates.contains(path.get(0))) {
            return Optional.empty();
        }
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(certPath, params);
            return Optional.empty();
        } catch (CertPathValidatorException e) {
            String subject = e.getIndex() >= 0 && e.getIndex() < path.size()
                    ? " at certificate " + e.getIndex() + " (" + path.get(e.getIndex()).getSubjectX500Principal().getName() + ")"
                    : "";
            return Optional.of("certification path of " + chain.get(0).getSubjectX500Principal().getName()
                    + " is not valid" + subject + ": " + reason(e) + " (" + e.getMessage() + ")");
        } catch (GeneralSecurityException e) {
            return Optional.of("certification path cannot be validated: " + e.getMessage());
        }
    }

    private static String reason(CertPathValidatorException e) {
        CertPathValidatorException.Reason r = e.getReason();
        if (r == CertPathValidatorException.BasicReason.EXPIRED) {
            return "certificate expired";
        } else if (r == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
            return "certificate not yet valid";
        } else if (r == CertPathValidatorException.BasicReason.INVALID_SIGNATURE) {
            return "bad signature";
        } else if (r == CertPathValidatorException.BasicReason.REVOKED) {
            return "certificate revoked";
        } else if (r == CertPathValidatorException.BasicReason.ALGORITHM_CONSTRAINED) {
            return "algorithm not allowed";
        } else if (r == java.security.cert.PKIXReason.NO_TRUST_ANCHOR) {
            return "unknown issuer (no configured trust anchor)";
        }
        return "bad path (" + r + ")";
    }

    /** Host name check of {@code leaf} for {@code host}; empty when it matches. */
    public static Optional<String> checkHost(X509Certificate leaf, String host) {
        String wanted = normalize(host);
        boolean ipLiteral = isIpLiteral(wanted);
        List<String> dnsNames = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        try {
            Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    Object type = san.get(0);
                    if (type instanceof Integer t && t == SAN_DNS) {
                        dnsNames.add(String.valueOf(san.get(1)));
                    } else if (type instanceof Integer t && t == SAN_IP) {
                        ips.add(String.valueOf(san.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return Optional.of("cannot read the subjectAltName of the server certificate: " + e.getMessage());
        }
        if (ipLiteral) {
            for (String ip : ips) {
                if (sameIp(ip, wanted)) {
                    return Optional.empty();
                }
            }
            return Optional.of("server certificate does not match IP address " + host
                    + ": subjectAltName IP addresses " + ips);
        }
        List<String> candidates = dnsNames;
        String source = "subjectAltName DNS names";
        if (dnsNames.isEmpty()) {
            candidates = commonNames(leaf);
            source = "commonName (no DNS subjectAltName)";
        }
        for (String c : candidates) {
            if (matches(normalize(c), wanted)) {
                return Optional.empty();
            }
        }
        return Optional.of("server certificate does not match host " + host + ": " + source + " " + candidates);
    }

    private static String normalize(String name) {
        String n = name.trim();
        if (n.startsWith("[") && n.endsWith("]")) {
            n = n.substring(1, n.length() - 1);
        }
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        try {
            n = IDN.toASCII(n, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            // not a valid IDN: compared as written
        }
        return n.toLowerCase(Locale.ROOT);
    }

    private static boolean matches(String pattern, String host) {
        if (pattern.equals(host)) {
            return true;
        }
        if (pattern.startsWith("*.") && !isIpLiteral(host)) {
            int dot = host.indexOf('.');
            return dot > 0 && host.substring(dot + 1).equals(pattern.substring(2));
        }
        return false;
    }

    private static boolean isIpLiteral(String host) {
        return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static boolean sameIp(String a, String b) {
        try {
            return java.util.Arrays.equals(java.net.InetAddress.getByName(a).getAddress(),
                    java.net.InetAddress.getByName(b).getAddress());
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static List<String> commonNames(X509Certificate leaf) {
        List<String> cns = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(leaf.getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    cns.add(String.valueOf(rdn.getValue()));
                }
            }
        } catch (InvalidNameException e) {
            // an unparsable subject has no usable commonName
        }
        return cns;
    }
}
