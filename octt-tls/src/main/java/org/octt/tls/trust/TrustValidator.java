package org.octt.tls.trust;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyStore;
import java.security.SignatureException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Validates certification paths against a fixed set of trust anchors with the JDK's PKIX
 * {@link CertPathValidator} (RFC 5280 §6), revocation checking disabled, at a given time.
 *
 * <p>The anchors are the certificates given (e.g. {@code --ca-file}, several allowed), or, when none
 * are given, the JDK's default trust store as {@link TrustManagerFactory} loads it (which honours
 * {@code javax.net.ssl.trustStore} if set; nothing is changed JVM-wide).
 *
 * <p>PKIX applies the JVM's certification path algorithm constraints
 * ({@code jdk.certpath.disabledAlgorithms} in {@code java.security}). They may reject paths with small
 * keys (e.g. {@code EC keySize < 224}, so P-192) or weak signatures (MD5); such a path is reported as
 * {@link ValidationResult.Reason#ALGORITHM_CONSTRAINED} with the JDK's message, which is a finding in
 * its own right (a compliant Charge Point on a current JDK would refuse it too). Key-size checks
 * themselves belong to certificate inspection, which does not depend on the JDK accepting the key.
 *
 * <p>Thread-safe. A validator remembers the last {@value #REMEMBERED} paths that validated, so that
 * validating the same path again (a test case checks the chain the TLS probes captured, then the one
 * its secured WebSocket receives from the same server) skips the signature checks: a remembered path
 * is valid again at a time within every certificate's validity period and less than
 * {@link #REMEMBER_FOR} after the validation that succeeded. Invalid paths are always validated anew.
 */
public final class TrustValidator {

    /** How many valid paths a validator remembers. */
    static final int REMEMBERED = 16;
    /** How long a remembered validation counts. */
    static final Duration REMEMBER_FOR = Duration.ofMinutes(1);

    private final List<X509Certificate> anchors;
    private final Set<TrustAnchor> trustAnchors;
    private final boolean jdkDefault;
    private final Map<List<X509Certificate>, Remembered> remembered = Collections.synchronizedMap(
            new LinkedHashMap<>(REMEMBERED * 2, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<List<X509Certificate>, Remembered> eldest) {
                    return size() > REMEMBERED;
                }
            });

    /** A path that validated at {@code at}, anchored at {@code anchorSubject}. */
    private record Remembered(Instant at, String anchorSubject) {
    }

    private TrustValidator(List<X509Certificate> anchors, boolean jdkDefault) {
        this.anchors = List.copyOf(anchors);
        this.jdkDefault = jdkDefault;
        Set<TrustAnchor> set = new LinkedHashSet<>();
        for (X509Certificate c : this.anchors) {
            set.add(new TrustAnchor(c, null));
        }
        this.trustAnchors = Set.copyOf(set);
    }

    /**
     * A validator trusting exactly {@code anchors}; the JDK's default trust store when the list is empty.
     *
     * @param anchors trust anchor certificates, not null, no null elements
     * @throws TrustStoreException when the list is empty and the default trust store cannot be loaded
     */
    public static TrustValidator of(List<X509Certificate> anchors) {
        Objects.requireNonNull(anchors, "anchors");
        return anchors.isEmpty() ? jdkDefault() : new TrustValidator(anchors, false);
    }

    /**
     * A validator trusting the JDK's default trust store.
     *
     * @throws TrustStoreException when the default trust store cannot be loaded or is empty
     */
    public static TrustValidator jdkDefault() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            List<X509Certificate> issuers = new ArrayList<>();
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x509) {
                    issuers.addAll(Arrays.asList(x509.getAcceptedIssuers()));
                }
            }
            if (issuers.isEmpty()) {
                throw new TrustStoreException("the JDK's default trust store holds no certificates"
                        + " (java.home=" + System.getProperty("java.home") + "); give the trust anchors explicitly", null);
            }
            return new TrustValidator(issuers, true);
        } catch (GeneralSecurityException e) {
            throw new TrustStoreException("cannot load the JDK's default trust store: " + e.getMessage(), e);
        }
    }

    /** The trust anchors, in the order given (for the default store, the store's order). */
    public List<X509Certificate> anchors() {
        return anchors;
    }

    /** True when the anchors are the JDK's default trust store. */
    public boolean usesJdkDefaultTrustStore() {
        return jdkDefault;
    }

    /**
     * Validates {@code chain} (leaf first, each certificate followed by its issuer, as a TLS server sends
     * it) at time {@code at}. Trailing certificates that are themselves anchors (a root sent along) are
     * left out of the path; the leaf is always kept.
     *
     * @param chain the chain, leaf first; not null (an empty chain is {@link ValidationResult.Reason#OTHER})
     * @param at    the validation time; not null
     * @return valid, or invalid with the reason and a message naming the certificate; never throws for a
     *         bad chain
     */
    public ValidationResult validate(List<X509Certificate> chain, Instant at) {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(at, "at");
        if (chain.isEmpty()) {
            return new ValidationResult.Invalid(ValidationResult.Reason.OTHER, "no certificate to validate (empty chain)");
        }
        List<X509Certificate> path = new ArrayList<>(chain);
        while (path.size() > 1 && isAnchor(path.get(path.size() - 1))) {
            path.remove(path.size() - 1);
        }
        List<X509Certificate> key = List.copyOf(path);
        Remembered known = remembered.get(key);
        if (known != null && stillValid(known, path, at)) {
            return valid(path, at, known.anchorSubject());
        }
        CertPath certPath;
        try {
            certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
        } catch (GeneralSecurityException | RuntimeException e) {
            return new ValidationResult.Invalid(ValidationResult.Reason.OTHER,
                    "cannot build a certification path for " + subject(path.get(0)) + ": " + e.getMessage());
        }
        try {
            PKIXParameters params = new PKIXParameters(trustAnchors);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(at));
            PKIXCertPathValidatorResult result =
                    (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX").validate(certPath, params);
            TrustAnchor anchor = result.getTrustAnchor();
            String anchorSubject = anchor.getTrustedCert() != null
                    ? subject(anchor.getTrustedCert()) : anchor.getCAName();
            remembered.put(key, new Remembered(at, anchorSubject));
            return valid(path, at, anchorSubject);
        } catch (CertPathValidatorException e) {
            return invalid(e, path, at);
        } catch (InvalidAlgorithmParameterException | java.security.NoSuchAlgorithmException | RuntimeException e) {
            return new ValidationResult.Invalid(ValidationResult.Reason.OTHER,
                    "cannot validate the certification path of " + subject(path.get(0)) + ": " + e);
        }
    }

    private static ValidationResult valid(List<X509Certificate> path, Instant at, String anchorSubject) {
        return new ValidationResult.Valid(anchorSubject, "certification path of " + subject(path.get(0))
                + " is valid at " + at + ", anchored at " + anchorSubject);
    }

    /** Whether a remembered validation holds at {@code at}: close enough in time, every certificate in its period. */
    private static boolean stillValid(Remembered known, List<X509Certificate> path, Instant at) {
        if (Duration.between(known.at(), at).abs().compareTo(REMEMBER_FOR) >= 0) {
            return false;
        }
        Date date = Date.from(at);
        for (X509Certificate c : path) {
            if (date.before(c.getNotBefore()) || date.after(c.getNotAfter())) {
                return false;
            }
        }
        return true;
    }

    private ValidationResult invalid(CertPathValidatorException e, List<X509Certificate> path, Instant at) {
        int index = e.getIndex();
        X509Certificate cert = index >= 0 && index < path.size() ? path.get(index) : null;
        String who = cert != null ? "certificate " + subject(cert) : "the certification path of " + subject(path.get(0));
        CertPathValidatorException.Reason reason = e.getReason();
        String jdk = e.getMessage();
        if (reason == BasicReason.EXPIRED && cert != null) {
            return new ValidationResult.Invalid(ValidationResult.Reason.EXPIRED, who + " expired: valid until "
                    + cert.getNotAfter().toInstant() + ", validation time " + at + "; renew the certificate");
        }
        if (reason == BasicReason.NOT_YET_VALID && cert != null) {
            return new ValidationResult.Invalid(ValidationResult.Reason.NOT_YET_VALID, who + " is not yet valid: valid from "
                    + cert.getNotBefore().toInstant() + ", validation time " + at
                    + "; check the certificate's dates and the clocks");
        }
        if (reason == BasicReason.EXPIRED || reason == BasicReason.NOT_YET_VALID) {
            return new ValidationResult.Invalid(reason == BasicReason.EXPIRED
                    ? ValidationResult.Reason.EXPIRED : ValidationResult.Reason.NOT_YET_VALID, who + ": " + jdk);
        }
        if (reason == PKIXReason.NO_TRUST_ANCHOR) {
            return noTrustAnchor(path);
        }
        if (reason == BasicReason.INVALID_SIGNATURE || hasCause(e, SignatureException.class)) {
            String issuerText = cert != null ? " with the key of its issuer " + issuer(cert) : "";
            return new ValidationResult.Invalid(ValidationResult.Reason.BAD_SIGNATURE,
                    "the signature on " + who + " does not verify" + issuerText + " (" + jdk + ")");
        }
        if (reason == BasicReason.ALGORITHM_CONSTRAINED) {
            return new ValidationResult.Invalid(ValidationResult.Reason.ALGORITHM_CONSTRAINED,
                    "path rejected by the JDK's certification path algorithm constraints at " + who + ": " + jdk);
        }
        if (reason instanceof PKIXReason) {
            return new ValidationResult.Invalid(ValidationResult.Reason.BAD_PATH,
                    "invalid certification path at " + who + " (" + reason + "): " + jdk);
        }
        return new ValidationResult.Invalid(ValidationResult.Reason.OTHER,
                "certification path validation failed at " + who + ": " + jdk);
    }

    /**
     * Why the path reached no anchor, as facts and a sentence: the self-signed server certificate,
     * the chain ending at an untrusted root, or the issuer the server did not send.
     */
    private ValidationResult.Invalid noTrustAnchor(List<X509Certificate> path) {
        X509Certificate top = path.get(path.size() - 1);
        String last = subject(top);
        String issuer = issuer(top);
        ValidationResult.MissingTrustCause cause;
        String text;
        if (selfSigned(top) && path.size() == 1) {
            cause = ValidationResult.MissingTrustCause.SELF_SIGNED;
            text = "the server certificate is self-signed (" + last + ") and is not " + anchorsText();
        } else if (selfSigned(top)) {
            cause = ValidationResult.MissingTrustCause.UNTRUSTED_ROOT;
            text = "the chain ends at '" + last + "', which is not " + anchorsText();
        } else {
            cause = ValidationResult.MissingTrustCause.ISSUER_NOT_SENT;
            text = (path.size() == 1 ? "the server sent only its leaf certificate; its issuer '"
                    : "the chain the server sent ends at '" + last + "', whose issuer '")
                    + issuer + "' was not sent and is not " + anchorsText();
        }
        return new ValidationResult.Invalid(ValidationResult.Reason.UNKNOWN_ISSUER,
                "no trust anchor for " + subject(path.get(0)) + ": " + text,
                Optional.of(new ValidationResult.MissingTrust(cause, path.size(), last, issuer)));
    }

    /** Subject equals issuer and the signature verifies with the certificate's own key. */
    private static boolean selfSigned(X509Certificate c) {
        if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
            return false;
        }
        try {
            c.verify(c.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private String anchorsText() {
        if (jdkDefault) {
            return "in the JDK's default trust store";
        }
        String names = anchors.stream().limit(3).map(TrustValidator::subject).collect(Collectors.joining("; "));
        return "among the " + anchors.size() + " configured trust anchor(s) (" + names
                + (anchors.size() > 3 ? "; ..." : "") + ")";
    }

    private boolean isAnchor(X509Certificate certificate) {
        try {
            byte[] der = certificate.getEncoded();
            for (X509Certificate anchor : anchors) {
                if (Arrays.equals(der, anchor.getEncoded())) {
                    return true;
                }
            }
            return false;
        } catch (CertificateEncodingException e) {
            return false;
        }
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String subject(X509Certificate c) {
        return c.getSubjectX500Principal().getName();
    }

    private static String issuer(X509Certificate c) {
        return c.getIssuerX500Principal().getName();
    }
}
