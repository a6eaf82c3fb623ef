package org.octt.security16;

import org.octt.core.spi.CheckResult;
import org.octt.core.spi.OperatorAction;
import org.octt.core.spi.OptionDescriptor;
import org.octt.core.spi.Step;
import org.octt.core.spi.TestContext;
import org.octt.ocpp.cp.BootSequence;
import org.octt.ocpp.cp.CertificateHashes;
import org.octt.ocpp.cp.CertificateStore;
import org.octt.ocpp.cp.ChargePointSession;
import org.octt.ocpp.cp.ExpectedCall;
import org.octt.ocpp.cp.Ocpp16Checks;
import org.octt.ocpp.j.CallAnswer;
import org.octt.ocpp.v16.message.CertificateHashData;
import org.octt.ocpp.v16.message.CertificateUse;
import org.octt.ocpp.v16.message.DeleteCertificateRequest;
import org.octt.ocpp.v16.message.HashAlgorithm;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * TC_076_CSMS "Delete a specific certificate from the Charge Point" (security profile 2 or 3,
 * operator actions). On a booted session, one cycle per hash algorithm (SHA256, SHA384, SHA512): the
 * Central System installs a ManufacturerRootCertificate ({@code cert.install-certificate-<alg>}), asks
 * for the installed certificate ids, which octt reports in the cycle's algorithm
 * ({@code cert.get-installed-certificate-ids-<alg>}), and deletes the certificate
 * ({@code cert.delete-certificate-<alg>}): DeleteCertificate.req must use the cycle's algorithm and
 * each certificateHashData field (issuerNameHash, issuerKeyHash, serialNumber) must equal octt's own
 * computation (RFC 6960 CertID, {@link CertificateHashes}); octt then answers Accepted.
 *
 * <p>When the Central System does not send a CALL an action asks for, the check is INCONCLUSIVE and
 * the checks after it are SKIPPED (nobody is acting; waiting for each would take minutes).
 */
public final class Tc076TestCase extends CertificateCards {

    public static final String ID = "TC_076_CSMS";
    public static final String TITLE = "Delete a specific certificate from the Charge Point";

    /** The certificate use the cycles install and delete. */
    static final CertificateUse USE = CertificateUse.ManufacturerRootCertificate;

    private static final BootSequence BOOT = BootSequence.of(BOOT_NOTIFICATION, STATUS_NOTIFICATION, "octt-tc076");
    private static final List<OptionDescriptor> OPTIONS = options("octt-tc076", USE);

    private final List<Step> steps = List.of(Step.of("delete-certificate", "upgrade, BootNotification,"
                    + " StatusNotification; then for SHA256, SHA384 and SHA512: the Central System installs a "
                    + USE + ", asks for the installed ids and deletes it with the reported hash data",
            allCheckIds(), Tc076TestCase::run));

    /** InstallCertificate.req of the cycle in {@code algorithm}: the right type, a root octt installs. */
    public static String installCheckId(HashAlgorithm algorithm) {
        return "cert.install-certificate-" + suffix(algorithm);
    }

    /** GetInstalledCertificateIds.req of the cycle in {@code algorithm}. */
    public static String getIdsCheckId(HashAlgorithm algorithm) {
        return "cert.get-installed-certificate-ids-" + suffix(algorithm);
    }

    /** DeleteCertificate.req of the cycle: the algorithm and every field as octt computes them. */
    public static String deleteCheckId(HashAlgorithm algorithm) {
        return "cert.delete-certificate-" + suffix(algorithm);
    }

    private static String suffix(HashAlgorithm algorithm) {
        return algorithm.name().toLowerCase(Locale.ROOT);
    }

    private static List<String> allCheckIds() {
        List<String> ids = new ArrayList<>(List.of(UPGRADE, BOOT_NOTIFICATION, STATUS_NOTIFICATION));
        for (HashAlgorithm a : HashAlgorithm.values()) {
            ids.addAll(roundIds(a));
        }
        return List.copyOf(ids);
    }

    private static List<String> roundIds(HashAlgorithm a) {
        return List.of(installCheckId(a), getIdsCheckId(a), deleteCheckId(a));
    }

    public Tc076TestCase() {
        super(ID, TITLE);
    }

    @Override
    public List<Step> steps() {
        return steps;
    }

    /** {@code ocpp.vendor}, {@code ocpp.model}, {@code ocpp.connectors} and {@code cert.manufacturer-root-file}. */
    @Override
    public List<OptionDescriptor> options() {
        return OPTIONS;
    }

    private static Flux<CheckResult> run(TestContext context) {
        Configured configured = Configured.read(context, USE);
        CertificateStore store = CertificateStore.create();
        List<String> partIds = allCheckIds().subList(3, allCheckIds().size());
        return onBootedSession(context, BOOT, store, partIds, cp -> rounds(context, cp, store, configured, 0));
    }

    /** How one cycle ended: its checks, and why the later ones cannot run (nobody acted), if so. */
    private record Round(List<CheckResult> checks, Optional<String> stop) {
    }

    private static Flux<CheckResult> rounds(TestContext context, ChargePointSession cp, CertificateStore store,
                                            Configured configured, int index) {
        HashAlgorithm[] all = HashAlgorithm.values();
        if (index == all.length) {
            return Flux.empty();
        }
        return round(context, cp, store, configured, all[index]).flatMapMany(r -> {
            Flux<CheckResult> checks = Flux.fromIterable(r.checks());
            if (r.stop().isPresent()) {
                List<String> later = new ArrayList<>();
                for (int i = index + 1; i < all.length; i++) {
                    later.addAll(roundIds(all[i]));
                }
                return checks.concatWith(skipped(later, r.stop().get()));
            }
            return checks.concatWith(Flux.defer(() -> rounds(context, cp, store, configured, index + 1)));
        });
    }

    private static Mono<Round> round(TestContext context, ChargePointSession cp, CertificateStore store,
                                     Configured configured, HashAlgorithm algorithm) {
        store.reportHashesIn(algorithm);
        String target = chargePoint(context);
        int before = store.installations().size();
        int installMark = cp.log().size();
        OperatorAction install = parameters(configured.into(action(context, "install-certificate", "make the Central"
                + " System send InstallCertificate.req with certificateType " + USE + " and "
                + configured.file().map(f -> "the certificate of " + f).orElse("a " + USE) + " to " + target
                + " (the " + algorithm + " cycle)", "InstallCertificate")), algorithm);
        return cp.expectCall(context, install, store::answer).flatMap(installed -> {
            if (!(installed instanceof ExpectedCall.Received r)) {
                CheckResult notReceived = Ocpp16Checks.notReceived(installCheckId(algorithm), installed).orElseThrow();
                return Mono.just(stopped(installed, logged(notReceived, cp, installMark), getIdsCheckId(algorithm),
                        deleteCheckId(algorithm)));
            }
            Optional<CertificateStore.Installation> installation = store.installations().stream().skip(before).findFirst();
            CheckResult installCheck = logged(installCheck(installCheckId(algorithm), r, USE, installation, true), cp,
                    installMark);
            int getMark = cp.log().size();
            OperatorAction get = parameters(action(context, "get-installed-certificate-ids", "make the Central System"
                    + " send GetInstalledCertificateIds.req with certificateType " + USE + " to " + target + " (the "
                    + algorithm + " cycle: " + target + " reports " + algorithm + " hash data)",
                    "GetInstalledCertificateIds"), algorithm);
            return cp.expectCall(context, get, store::answer).flatMap(got -> {
                CheckResult getCheck = logged(InstallCertificateCard.getIdsCheck(getIdsCheckId(algorithm), got, USE),
                        cp, getMark);
                if (!(got instanceof ExpectedCall.Received)) {
                    return Mono.just(stopped(got, installCheck, getCheck, deleteCheckId(algorithm)));
                }
                int deleteMark = cp.log().size();
                OperatorAction delete = parameters(configured.into(action(context, "delete-certificate", "make the"
                        + " Central System send DeleteCertificate.req for the " + USE + " it installed, with the "
                        + algorithm + " hash data " + target + " reported in GetInstalledCertificateIds.conf",
                        "DeleteCertificate")), algorithm);
                Optional<X509Certificate> installedCertificate = installation
                        .filter(i -> i.status() == org.octt.ocpp.v16.message.InstallCertificateStatus.Accepted)
                        .flatMap(CertificateStore.Installation::certificate);
                return cp.expectCall(context, delete, store::answer).map(deleted -> {
                    CheckResult deleteCheck = logged(deleteCheck(deleteCheckId(algorithm), deleted, algorithm,
                            installedCertificate, installation), cp, deleteMark);
                    return deleted instanceof ExpectedCall.Received
                            ? new Round(List.of(installCheck, getCheck, deleteCheck), Optional.empty())
                            : stopped(deleted, installCheck, getCheck, deleteCheck);
                });
            });
        });
    }

    private static OperatorAction parameters(OperatorAction action, HashAlgorithm algorithm) {
        return action.withParameter(CERTIFICATE_TYPE, USE.name()).withParameter(HASH_ALGORITHM, algorithm.name());
    }

    /** A cycle cut short because the CALL of {@code outcome} did not come: the rest SKIPPED. */
    private static Round stopped(ExpectedCall outcome, Object... checksThenSkippedIds) {
        String reason = "not run: " + outcome.message();
        List<CheckResult> checks = new ArrayList<>();
        for (Object o : checksThenSkippedIds) {
            checks.add(o instanceof CheckResult c ? c : CheckResult.skipped((String) o, reason));
        }
        return new Round(List.copyOf(checks), Optional.of(reason));
    }

    /**
     * The check of the cycle's DeleteCertificate.req: its hash data must be octt's computation for the
     * certificate installed in this cycle, in the cycle's algorithm.
     */
    static CheckResult deleteCheck(String checkId, ExpectedCall outcome, HashAlgorithm algorithm,
                                   Optional<X509Certificate> installed,
                                   Optional<CertificateStore.Installation> installation) {
        if (!(outcome instanceof ExpectedCall.Received r)) {
            return Ocpp16Checks.notReceived(checkId, outcome).orElseThrow();
        }
        Optional<CheckResult> invalid = schemaViolations(checkId, r);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        if (installed.isEmpty()) {
            return CheckResult.inconclusive(checkId, "octt installed no certificate in the " + algorithm + " cycle ("
                    + installation.map(i -> "InstallCertificate.req answered " + i.status() + ": " + i.reason())
                    .orElse("no InstallCertificate.req octt could read") + "), so there is no hash data to compare"
                    + " DeleteCertificate.req with");
        }
        CertificateHashData expected = CertificateHashes.ofSelfSigned(installed.get(), algorithm);
        CertificateHashData seen = DeleteCertificateRequest.fromJson(r.call().payload()).certificateHashData();
        List<CertificateHashes.Mismatch> mismatches = CertificateHashes.compare(expected, seen);
        String answer = r.answer() instanceof CallAnswer.Result result && result.payload().has("status")
                ? result.payload().get("status").asText() : r.answer().toString();
        CheckResult check;
        if (!mismatches.isEmpty()) {
            check = CheckResult.failed(checkId, "expected DeleteCertificate.req with the " + algorithm + " hash data octt"
                    + " reported for " + describe(installed.get()) + ", seen other values: "
                    + mismatches.stream().map(CertificateHashes.Mismatch::toString).collect(Collectors.joining("; "))
                    + " (octt answered " + answer + "); change the Central System to send the certificateHashData the"
                    + " Charge Point reported in GetInstalledCertificateIds.conf, in its hashAlgorithm (RFC 6960 CertID:"
                    + " issuerNameHash over the DER issuer name, issuerKeyHash over the issuer's public key BIT STRING)")
                    .withEvidence("mismatchedFields", mismatches.stream().map(CertificateHashes.Mismatch::field).toList());
        } else {
            check = CheckResult.passed(checkId, "DeleteCertificate.req with " + algorithm + " hash data equal to octt's for "
                    + describe(installed.get()) + ": octt answered " + answer);
            List<String> spelling = CertificateHashes.spellingDifferences(expected, seen);
            if (!spelling.isEmpty()) {
                check = check.withWarning("spelled otherwise than octt reported them: " + String.join(", ", spelling)
                        + "; a Charge Point comparing the strings as reported may not find the certificate; send the"
                        + " values as reported (lower-case hex, no leading zeros in the serial number)");
            }
        }
        return check.withEvidence("expected", fields(expected)).withEvidence("seen", fields(seen));
    }

    private static Map<String, String> fields(CertificateHashData d) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("hashAlgorithm", d.hashAlgorithm().name());
        m.put("issuerNameHash", d.issuerNameHash());
        m.put("issuerKeyHash", d.issuerKeyHash());
        m.put("serialNumber", d.serialNumber());
        return m;
    }
}
