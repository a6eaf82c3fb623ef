package org.octt.ocpp.csr;

import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The checks of a CertificateSigned.req {@code certificateChain} against the {@link ChargePointCsr}
 * it answers (OCPP 1.6 security whitepaper, A00.FR.4xx; TC_074_CSMS): each a
 * {@link SignedChainCheck} with what was expected and what was seen, in this order:
 * <ol>
 *   <li>{@link SignedChainCheck.Name#PEM}: the text is one or more PEM {@code CERTIFICATE} blocks,
 *       nothing else but white space, each an X.509 certificate; the others are NOT_CHECKED when
 *       it fails;</li>
 *   <li>{@link SignedChainCheck.Name#PUBLIC_KEY}: the leaf (the first certificate) carries the CSR's
 *       public key;</li>
 *   <li>{@link SignedChainCheck.Name#COMMON_NAME}: the leaf's subject has one CN, the serial number;</li>
 *   <li>{@link SignedChainCheck.Name#KEY_SIZE}: the leaf's key is RSA of at least 2048 bits or EC of
 *       at least 224 bits;</li>
 *   <li>{@link SignedChainCheck.Name#VALIDITY}: every certificate of the chain is valid at {@code now};</li>
 *   <li>{@link SignedChainCheck.Name#ISSUER}: with a Charge Point CA given, the leaf is signed by it
 *       or by a certificate of the chain that chains to it (signatures and names, not validity,
 *       which the check before judges); NOT_CHECKED without one.</li>
 * </ol>
 * Never throws on a bad chain: a bad chain is a failed check. Immutable.
 */
public final class SignedChainVerification {

    /** RSA keys below this many bits fail {@link SignedChainCheck.Name#KEY_SIZE}. */
    public static final int MIN_RSA_BITS = 2048;
    /** EC keys below this many bits fail {@link SignedChainCheck.Name#KEY_SIZE}. */
    public static final int MIN_EC_BITS = 224;

    private static final int MAX_CERTIFICATES = 10;

    private final List<SignedChainCheck> checks;
    private final List<X509Certificate> chain;

    private SignedChainVerification(List<SignedChainCheck> checks, List<X509Certificate> chain) {
        this.checks = List.copyOf(checks);
        this.chain = List.copyOf(chain);
    }

    /**
     * Checks {@code pemChain}.
     *
     * @param pemChain       the certificateChain as received
     * @param csr            the CSR it answers
     * @param commonName     the CN the leaf must have (the configured serial number)
     * @param chargePointCa  the Charge Point CA, when known
     * @param now            the time the chain must be valid at
     */
    public static SignedChainVerification verify(String pemChain, ChargePointCsr csr, String commonName,
                                                 Optional<X509Certificate> chargePointCa, Instant now) {
        Objects.requireNonNull(pemChain, "pemChain");
        Objects.requireNonNull(csr, "csr");
        Objects.requireNonNull(commonName, "commonName");
        Objects.requireNonNull(chargePointCa, "chargePointCa");
        Objects.requireNonNull(now, "now");
        List<SignedChainCheck> checks = new ArrayList<>();
        List<X509Certificate> chain = new ArrayList<>();
        Optional<String> pemProblem = parse(pemChain, chain);
        String pemExpected = "one or more PEM CERTIFICATE blocks, each an X.509 certificate";
        if (pemProblem.isPresent()) {
            checks.add(new SignedChainCheck(SignedChainCheck.Name.PEM, SignedChainCheck.Status.FAILED, pemExpected,
                    pemProblem.get()));
            for (SignedChainCheck.Name n : SignedChainCheck.Name.values()) {
                if (n != SignedChainCheck.Name.PEM) {
                    checks.add(new SignedChainCheck(n, SignedChainCheck.Status.NOT_CHECKED, "",
                            "the certificateChain is not a PEM certificate chain"));
                }
            }
            return new SignedChainVerification(checks, List.of());
        }
        checks.add(new SignedChainCheck(SignedChainCheck.Name.PEM, SignedChainCheck.Status.PASSED, pemExpected,
                chain.size() + " certificate(s): " + String.join(" <- ", chain.stream().map(SignedChainVerification::subject).toList())));
        X509Certificate leaf = chain.get(0);
        checks.add(publicKey(leaf, csr));
        checks.add(commonName(leaf, commonName));
        checks.add(keySize(leaf));
        checks.add(validity(chain, now));
        checks.add(issuer(chain, chargePointCa));
        return new SignedChainVerification(checks, chain);
    }

    /** Reads the certificates into {@code chain}; the problem, if any. */
    private static Optional<String> parse(String text, List<X509Certificate> chain) {
        if (text.isBlank()) {
            return Optional.of("an empty certificateChain");
        }
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
        }
        String rest = text;
        try (PemReader reader = new PemReader(new StringReader(text))) {
            int index = 0;
            while (true) {
                PemObject block = reader.readPemObject();
                if (block == null) {
                    break;
                }
                index++;
                if (index > MAX_CERTIFICATES) {
                    return Optional.of("more than " + MAX_CERTIFICATES + " PEM blocks");
                }
                if (!block.getType().equals("CERTIFICATE")) {
                    return Optional.of("PEM block " + index + " is a " + safe(block.getType()) + ", not a CERTIFICATE");
                }
                try {
                    chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.getContent())));
                } catch (CertificateException | RuntimeException e) {
                    chain.clear();
                    return Optional.of("PEM block " + index + " is not an X.509 certificate (" + safe(String.valueOf(e.getMessage())) + ")");
                }
            }
        } catch (IOException | RuntimeException e) {
            chain.clear();
            return Optional.of("text that is not valid PEM (" + safe(String.valueOf(e.getMessage())) + ")");
        }
        if (chain.isEmpty()) {
            return Optional.of("no PEM CERTIFICATE block, the text begins '" + safe(rest.strip().substring(0,
                    Math.min(24, rest.strip().length()))) + "'");
        }
        String outside = text.replaceAll("(?s)-----BEGIN ([A-Z0-9 ]+)-----.*?-----END \\1-----", "").strip();
        if (!outside.isEmpty()) {
            chain.clear();
            return Optional.of("text outside the PEM blocks, beginning '" + safe(outside.substring(0,
                    Math.min(24, outside.length()))) + "'");
        }
        return Optional.empty();
    }

    /** At most 80 characters, control characters escaped. */
    private static String safe(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (sb.length() >= 80) {
                return sb.append("...").toString();
            }
            if (Character.isISOControl(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static SignedChainCheck publicKey(X509Certificate leaf, ChargePointCsr csr) {
        PublicKey seen = leaf.getPublicKey();
        boolean same = Arrays.equals(seen.getEncoded(), csr.publicKey().getEncoded());
        return new SignedChainCheck(SignedChainCheck.Name.PUBLIC_KEY,
                same ? SignedChainCheck.Status.PASSED : SignedChainCheck.Status.FAILED,
                "the leaf carries the CSR's " + describe(csr.publicKey()) + " key",
                same ? "the CSR's key" : "another " + describe(seen) + " key than the CSR's");
    }

    private static SignedChainCheck commonName(X509Certificate leaf, String expected) {
        List<String> cns = new ArrayList<>();
        for (RDN rdn : X500Name.getInstance(leaf.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN)) {
            cns.add(IETFUtils.valueToString(rdn.getFirst().getValue()));
        }
        boolean ok = cns.size() == 1 && cns.get(0).equals(expected);
        String seen = cns.isEmpty() ? "no CN (subject " + subject(leaf) + ")"
                : String.join(", ", cns.stream().map(cn -> "CN=" + safe(cn)).toList());
        return new SignedChainCheck(SignedChainCheck.Name.COMMON_NAME,
                ok ? SignedChainCheck.Status.PASSED : SignedChainCheck.Status.FAILED, "CN=" + safe(expected), seen);
    }

    private static SignedChainCheck keySize(X509Certificate leaf) {
        PublicKey key = leaf.getPublicKey();
        int bits = bits(key);
        boolean ok = (key instanceof RSAPublicKey && bits >= MIN_RSA_BITS) || (key instanceof ECPublicKey && bits >= MIN_EC_BITS);
        return new SignedChainCheck(SignedChainCheck.Name.KEY_SIZE,
                ok ? SignedChainCheck.Status.PASSED : SignedChainCheck.Status.FAILED,
                "RSA of at least " + MIN_RSA_BITS + " bits or EC of at least " + MIN_EC_BITS + " bits", describe(key));
    }

    private static SignedChainCheck validity(List<X509Certificate> chain, Instant now) {
        List<String> problems = new ArrayList<>();
        for (X509Certificate c : chain) {
            Instant from = c.getNotBefore().toInstant();
            Instant to = c.getNotAfter().toInstant();
            if (now.isBefore(from)) {
                problems.add(subject(c) + " not valid before " + from);
            } else if (now.isAfter(to)) {
                problems.add(subject(c) + " expired at " + to);
            }
        }
        X509Certificate leaf = chain.get(0);
        return new SignedChainCheck(SignedChainCheck.Name.VALIDITY,
                problems.isEmpty() ? SignedChainCheck.Status.PASSED : SignedChainCheck.Status.FAILED,
                "every certificate valid at " + now,
                problems.isEmpty() ? "the leaf valid from " + leaf.getNotBefore().toInstant() + " to "
                        + leaf.getNotAfter().toInstant() + (chain.size() > 1 ? ", its issuers valid too" : "")
                        : String.join("; ", problems));
    }

    private static SignedChainCheck issuer(List<X509Certificate> chain, Optional<X509Certificate> ca) {
        if (ca.isEmpty()) {
            return new SignedChainCheck(SignedChainCheck.Name.ISSUER, SignedChainCheck.Status.NOT_CHECKED, "",
                    "the Charge Point CA is not known; the leaf is issued by " + issuerName(chain.get(0)));
        }
        X509Certificate anchor = ca.get();
        String expected = "issued by the Charge Point CA " + subject(anchor) + " (directly or through the chain)";
        X509Certificate current = chain.get(0);
        List<X509Certificate> rest = new ArrayList<>(chain.subList(1, chain.size()));
        for (int hop = 0; hop <= chain.size(); hop++) {
            if (current.equals(anchor) || signedBy(current, anchor)) {
                return new SignedChainCheck(SignedChainCheck.Name.ISSUER, SignedChainCheck.Status.PASSED, expected,
                        hop == 0 ? "the leaf is signed by it" : "the leaf chains to it in " + (hop + 1) + " step(s)");
            }
            X509Certificate next = null;
            for (X509Certificate candidate : rest) {
                if (signedBy(current, candidate)) {
                    next = candidate;
                    break;
                }
            }
            if (next == null) {
                break;
            }
            rest.remove(next);
            current = next;
        }
        return new SignedChainCheck(SignedChainCheck.Name.ISSUER, SignedChainCheck.Status.FAILED, expected,
                "the chain ends at " + subject(current) + ", issued by " + issuerName(current)
                        + ", which the Charge Point CA did not sign");
    }

    /** Whether {@code issuer}'s subject is {@code cert}'s issuer and its key verifies {@code cert}'s signature. */
    private static boolean signedBy(X509Certificate cert, X509Certificate issuer) {
        if (!cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            cert.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static String subject(X509Certificate c) {
        return safe(c.getSubjectX500Principal().getName());
    }

    private static String issuerName(X509Certificate c) {
        return safe(c.getIssuerX500Principal().getName());
    }

    /** E.g. {@code RSA 2048-bit}, {@code EC 256-bit}. */
    private static String describe(PublicKey key) {
        int bits = bits(key);
        return key.getAlgorithm() + (bits > 0 ? " " + bits + "-bit" : "");
    }

    private static int bits(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getOrder().bitLength();
        }
        return 0;
    }

    /** Every check, in the order made. */
    public List<SignedChainCheck> checks() {
        return checks;
    }

    /** The check of this name. */
    public SignedChainCheck check(SignedChainCheck.Name name) {
        return checks.stream().filter(c -> c.name() == name).findFirst().orElseThrow();
    }

    /** The certificates read, leaf first; empty when the PEM check failed. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** Whether no check failed (a check not made, such as the issuer without a CA, does not count). */
    public boolean acceptable() {
        return checks.stream().noneMatch(c -> c.status() == SignedChainCheck.Status.FAILED);
    }

    /** The failed checks' messages, {@code name: message}, joined by {@code "; "}; empty when none failed. */
    public String problems() {
        return String.join("; ", checks.stream().filter(c -> c.status() == SignedChainCheck.Status.FAILED)
                .map(c -> c.name().id() + ": " + c.message()).toList());
    }

    @Override
    public String toString() {
        return "SignedChainVerification[" + checks.stream().map(c -> c.name().id() + "=" + c.status()).toList() + "]";
    }
}
