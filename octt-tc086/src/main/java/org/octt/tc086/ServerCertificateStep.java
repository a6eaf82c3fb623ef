package org.octt.tc086;

import org.octt.core.spi.CheckResult;
import org.octt.core.spi.Step;
import org.octt.core.spi.TestContext;
import org.octt.core.spi.Verdict;
import org.octt.tls.cert.CertificateFacts;
import org.octt.tls.cert.CertificateInspector;
import org.octt.tls.cert.Inspection;
import org.octt.tls.cert.PublicKeyFacts;
import org.octt.tls.probe.CapturedCertificate;
import org.octt.tls.trust.CommonNameCheck;
import org.octt.tls.trust.FqdnMatcher;
import org.octt.tls.trust.TrustValidator;
import org.octt.tls.trust.ValidationResult;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The card's certificate validations on every distinct leaf certificate the server presented (the
 * RSA suites and the ECDSA suites bring different ones): key size, X.509 in PEM, serial number,
 * commonName = FQDN, and the certification path against the configured Central System root(s).
 * Each check id is reported once, over all leaves; it fails when one leaf fails.
 */
final class ServerCertificateStep implements Step {

    static final int MIN_RSA_DSA_BITS = 2048;
    static final int MIN_EC_BITS = 224;

    @Override
    public String name() {
        return "server-certificates";
    }

    @Override
    public List<String> checkIds() {
        return List.of(CheckIds.CERT_KEY_SIZE, CheckIds.CERT_X509_PEM, CheckIds.CERT_SERIAL_NUMBER,
                CheckIds.CERT_SUBJECT_CN, CheckIds.CERT_TRUST);
    }

    @Override
    public String description() {
        return "server certificates: key size, X.509/PEM, serial number, commonName, trust";
    }

    @Override
    public Flux<CheckResult> run(TestContext context) {
        // off the event loop: inspection is CPU work, and the JDK's default trust store is read from disk
        return Flux.defer(() -> Flux.fromIterable(checks(context))).subscribeOn(Schedulers.boundedElastic());
    }

    private List<CheckResult> checks(TestContext context) {
        List<ServerCertificates.Seen> leaves = context.state().get(ServerCertificates.KEY)
                .map(ServerCertificates::leaves).orElse(List.of());
        if (leaves.isEmpty()) {
            String reason = "no server certificate was received: no handshake got as far as the server's Certificate message";
            return List.of(CheckIds.CERT_KEY_SIZE, CheckIds.CERT_X509_PEM, CheckIds.CERT_SERIAL_NUMBER,
                            CheckIds.CERT_SUBJECT_CN, CheckIds.CERT_TRUST).stream()
                    .map(id -> CheckResult.inconclusive(id, reason)).toList();
        }
        List<Leaf> inspected = leaves.stream().map(s -> new Leaf(s, CertificateInspector.inspect(s.leaf().encoded()))).toList();
        String host = context.target().host();
        Instant now = context.clock().instant();
        TrustValidator validator = ServerCertificates.validator(context);

        CheckResult trust = combine(CheckIds.CERT_TRUST, inspected, (leaf, facts) -> trust(validator, leaf, now));
        context.state().put(ServerCertificates.TRUSTED, trust.verdict() == Verdict.PASSED);
        return List.of(
                combine(CheckIds.CERT_KEY_SIZE, inspected, (leaf, facts) -> keySize(facts)),
                pemCheck(inspected),
                combine(CheckIds.CERT_SERIAL_NUMBER, inspected, (leaf, facts) -> serial(facts)),
                combine(CheckIds.CERT_SUBJECT_CN, inspected, (leaf, facts) -> commonName(host, facts)),
                trust);
    }

    /** One leaf with its inspection. */
    private record Leaf(ServerCertificates.Seen seen, Inspection inspection) {
        /** A short name for messages, e.g. {@code RSA-2048 certificate}, {@code EC secp256r1 certificate}. */
        String label() {
            return inspection.facts().map(f -> {
                PublicKeyFacts key = f.publicKey();
                String kind = key.algorithm() == org.octt.tls.cert.KeyAlgorithm.EC
                        ? "EC " + key.curveName().orElse(key.sizeBits() + "-bit")
                        : key.algorithm().name().replace('_', '-') + "-" + key.sizeBits();
                return kind + " certificate";
            }).orElse("unreadable certificate");
        }
    }

    /** The finding for one certificate: verdict, sentence, warnings, evidence. */
    private record Finding(Verdict verdict, String message, List<String> warnings, Map<String, Object> evidence) {
        static Finding of(Verdict verdict, String message) {
            return new Finding(verdict, message, List.of(), Map.of());
        }

        Finding withEvidence(String key, Object value) {
            Map<String, Object> e = new LinkedHashMap<>(evidence);
            e.put(key, value);
            return new Finding(verdict, message, warnings, e);
        }
    }

    private static CheckResult combine(String id, List<Leaf> leaves, BiFunction<Leaf, CertificateFacts, Finding> judge) {
        List<Verdict> verdicts = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<Object> evidence = new ArrayList<>();
        for (Leaf leaf : leaves) {
            Finding f = leaf.inspection() instanceof Inspection.Parsed p
                    ? judge.apply(leaf, p.certificate())
                    : Finding.of(Verdict.FAILED, "cannot be read as X.509: "
                            + ((Inspection.Malformed) leaf.inspection()).reason());
            verdicts.add(f.verdict());
            String prefix = leaves.size() > 1 ? leaf.label() + ": " : "";
            messages.add(prefix + f.message());
            f.warnings().forEach(w -> warnings.add(prefix + w));
            Map<String, Object> ev = new LinkedHashMap<>();
            ev.put("certificate", leaf.label());
            ev.put("subject", leaf.seen().leaf().subject());
            ev.put("sentFor", leaf.seen().offers());
            leaf.inspection().facts().ifPresent(facts -> ev.put("sha256", facts.sha256Fingerprint()));
            ev.put("verdict", f.verdict().name());
            ev.putAll(f.evidence());
            evidence.add(ev);
        }
        return CheckResult.of(id, Verdict.combine(verdicts), String.join("; ", messages))
                .withWarnings(warnings)
                .withEvidence("certificates", evidence);
    }

    static Finding keySize(CertificateFacts facts) {
        PublicKeyFacts key = facts.publicKey();
        int bits = key.sizeBits();
        Finding f = switch (key.algorithm()) {
            case RSA, RSASSA_PSS, DSA -> bits >= MIN_RSA_DSA_BITS
                    ? Finding.of(Verdict.PASSED, key.algorithm().name().replace('_', '-') + " key of " + bits + " bits (at least " + MIN_RSA_DSA_BITS + " required)")
                    : Finding.of(Verdict.FAILED, key.algorithm().name().replace('_', '-') + " key of " + bits + " bits is too small: at least "
                            + MIN_RSA_DSA_BITS + " bits required (A00.FR.501-503); issue a certificate with an RSA-2048 or larger key");
            case EC -> bits >= MIN_EC_BITS
                    ? Finding.of(Verdict.PASSED, "EC key on " + key.curveName().orElse("an unnamed curve") + " with a "
                            + bits + "-bit field (at least " + MIN_EC_BITS + " required)")
                    : Finding.of(Verdict.FAILED, "EC key on " + key.curveName().orElse("an unnamed curve") + " with a "
                            + bits + "-bit field is too small: at least " + MIN_EC_BITS
                            + " bits required (A00.FR.501-503); use P-256 or larger");
            case ED25519, ED448 -> Finding.of(Verdict.PASSED, key.describe() + " key of " + bits
                    + " bits (elliptic curve, at least " + MIN_EC_BITS + " required)");
            default -> Finding.of(Verdict.FAILED, "key algorithm " + key.describe()
                    + " is neither RSA, DSA nor elliptic curve; the card admits only those");
        };
        return f.withEvidence("algorithm", key.algorithm().name()).withEvidence("bits", bits)
                .withEvidence("curve", key.curveName().orElse(""));
    }

    private static CheckResult pemCheck(List<Leaf> leaves) {
        return combine(CheckIds.CERT_X509_PEM, leaves, (leaf, facts) -> x509Evidence(facts.pemRoundTrips()
                ? Finding.of(Verdict.PASSED, "parses as X.509 and round-trips through PEM")
                : Finding.of(Verdict.FAILED, "parses as X.509 but its DER does not survive PEM encoding unchanged"
                        + " (non-canonical DER); re-issue the certificate with a conforming encoder"), facts));
    }

    /**
     * The certificate as a report shows it, beside the subject and SHA-256 every check carries: issuer,
     * validity, SHA-1 fingerprint (as {@code openssl x509 -fingerprint -sha1} prints it) and the PEM.
     */
    static Finding x509Evidence(Finding f, CertificateFacts facts) {
        return f.withEvidence("issuer", facts.issuer())
                .withEvidence("notBefore", facts.notBefore().toString())
                .withEvidence("notAfter", facts.notAfter().toString())
                .withEvidence("sha1", sha1Fingerprint(facts.der()))
                .withEvidence("pem", facts.pem());
    }

    /** SHA-1 of the DER, upper-case hex octets separated by colons. */
    static String sha1Fingerprint(byte[] der) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    static Finding serial(CertificateFacts facts) {
        var serial = facts.serial();
        Finding f = Finding.of(Verdict.PASSED, "serial number " + serial.hex() + " (" + serial.octets() + " octets)");
        List<String> warnings = new ArrayList<>();
        if (serial.signum() == 0) {
            warnings.add("serial number is zero; RFC 5280 requires a positive serial number");
        } else if (serial.signum() < 0) {
            warnings.add("serial number " + serial.hex() + " is negative; RFC 5280 requires a positive serial number");
        }
        if (serial.octets() > 20) {
            warnings.add("serial number is " + serial.octets() + " octets long; RFC 5280 allows at most 20");
        }
        return new Finding(f.verdict(), f.message(), warnings, Map.of("serial", serial.hex(), "octets", serial.octets()));
    }

    static Finding commonName(String host, CertificateFacts facts) {
        CommonNameCheck check = FqdnMatcher.checkCommonName(host, facts);
        return new Finding(check.passed() ? Verdict.PASSED : Verdict.FAILED, check.message(), check.warnings(),
                Map.of("commonNames", check.commonNames(), "fqdn", check.host().name(),
                        "outcome", check.outcome().name(), "subjectAltName", check.subjectAltName().name()));
    }

    /** What to do about a chain that reached no trust anchor, and who must do it. */
    static String advice(ValidationResult.MissingTrust missing) {
        return switch (missing.cause()) {
            case SELF_SIGNED -> ": it cannot be trusted unless you pass it with --ca-file, and a Central System should"
                    + " use a CA-issued certificate";
            case UNTRUSTED_ROOT -> ": pass that root with --ca-file if you trust it";
            case ISSUER_NOT_SENT -> ": if '" + missing.issuer() + "' is an intermediate CA, the Central System must serve"
                    + " the full chain (leaf and intermediates); if it is a root CA you trust, pass it with --ca-file";
        };
    }

    private static Finding trust(TrustValidator validator, Leaf leaf, Instant now) {
        List<X509Certificate> chain = new ArrayList<>();
        for (CapturedCertificate c : leaf.seen().chain()) {
            Optional<X509Certificate> x = c.certificate();
            if (x.isEmpty()) {
                return Finding.of(Verdict.FAILED, "the chain holds a certificate the JDK cannot parse ("
                        + c.parseError().orElse("unknown reason") + "); a Charge Point could not validate it");
            }
            chain.add(x.get());
        }
        ValidationResult r = validator.validate(chain, now);
        String anchors = validator.usesJdkDefaultTrustStore() ? "the JDK's default trust store"
                : validator.anchors().size() + " configured Central System root certificate(s)";
        if (r instanceof ValidationResult.Invalid invalid) {
            Finding f = Finding.of(Verdict.FAILED, invalid.message() + invalid.missingTrust().map(m -> advice(m)).orElse("")
                            + " (validated against " + anchors + "; a Charge Point must refuse this connection, A00.FR.307/309)")
                    .withEvidence("reason", invalid.reason().name());
            if (invalid.missingTrust().isPresent()) {
                f = f.withEvidence("missingTrust", invalid.missingTrust().get().cause().name());
            }
            return f;
        }
        return Finding.of(Verdict.PASSED, r.message() + " (validated against " + anchors + ")");
    }
}
