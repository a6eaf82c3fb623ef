package org.octt.ocpp.cp;

import org.octt.ocpp.j.CallAnswer;
import org.octt.ocpp.j.CallResponder;
import org.octt.ocpp.j.IncomingCall;
import org.octt.ocpp.v16.message.CertificateHashData;
import org.octt.ocpp.v16.message.CertificateUse;
import org.octt.ocpp.v16.message.DeleteCertificateRequest;
import org.octt.ocpp.v16.message.DeleteCertificateResponse;
import org.octt.ocpp.v16.message.DeleteCertificateStatus;
import org.octt.ocpp.v16.message.GetInstalledCertificateIdsRequest;
import org.octt.ocpp.v16.message.GetInstalledCertificateIdsResponse;
import org.octt.ocpp.v16.message.GetInstalledCertificateStatus;
import org.octt.ocpp.v16.message.HashAlgorithm;
import org.octt.ocpp.v16.message.InstallCertificateRequest;
import org.octt.ocpp.v16.message.InstallCertificateResponse;
import org.octt.ocpp.v16.message.InstallCertificateStatus;
import org.octt.ocpp.v16.message.MessageFormatException;
import org.octt.tls.cert.PemException;
import org.octt.tls.cert.PemFiles;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The Charge Point's installed root certificates, by certificate use, in memory: what it answers to
 * InstallCertificate.req, GetInstalledCertificateIds.req and DeleteCertificate.req (OCPP 1.6 security
 * whitepaper, use cases M03-M05). Serve it with {@link #responder(CallResponder)}.
 *
 * <ul>
 *   <li>InstallCertificate: {@code Accepted} for one PEM certificate that is self-signed (a root: its
 *       issuer is its subject and its signature verifies with its own key), installed under the
 *       request's certificateType (installing the same certificate again changes nothing);
 *       {@code Rejected} for anything else (not PEM, corrupt, several certificates, not a root) and
 *       for every certificate of a use the store {@link #refusing refuses} (TC_078_CSMS).</li>
 *   <li>GetInstalledCertificateIds: {@code Accepted} with the {@link CertificateHashes hash data} of
 *       each certificate of that use, in the {@link #reportHashesIn algorithm set} (SHA256 unless
 *       set), or {@code NotFound} with none when there is none.</li>
 *   <li>DeleteCertificate: {@code Accepted} when an installed certificate (of any use) has that hash
 *       data in the request's algorithm ({@link CertificateHashes#compare}), which is removed;
 *       {@code NotFound} otherwise.</li>
 * </ul>
 * Each request is recorded ({@link #installations()}, {@link #deletions()}) with the reason of its
 * answer. Thread-safe (the responder runs on the event loop; nothing blocks).
 */
public final class CertificateStore {

    /**
     * What became of one InstallCertificate.req.
     *
     * @param use         the certificateType asked for
     * @param status      the answer given
     * @param reason      why, as a sentence ("installed ...", "not a PEM certificate: ...")
     * @param certificate the certificate read from the request, when one could be read
     */
    public record Installation(CertificateUse use, InstallCertificateStatus status, String reason,
                               Optional<X509Certificate> certificate) {
        public Installation {
            Objects.requireNonNull(use, "use");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(certificate, "certificate");
        }
    }

    /**
     * What became of one DeleteCertificate.req.
     *
     * @param requested the certificateHashData of the request
     * @param status    the answer given
     * @param deleted   the certificate removed, for {@code Accepted}
     */
    public record Deletion(CertificateHashData requested, DeleteCertificateStatus status,
                           Optional<X509Certificate> deleted) {
        public Deletion {
            Objects.requireNonNull(requested, "requested");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(deleted, "deleted");
        }
    }

    private final Set<CertificateUse> refused;
    private final Map<CertificateUse, List<X509Certificate>> installed = new EnumMap<>(CertificateUse.class);
    private final List<Installation> installations = new ArrayList<>();
    private final List<Deletion> deletions = new ArrayList<>();
    private volatile HashAlgorithm reported = HashAlgorithm.SHA256;

    private CertificateStore(Set<CertificateUse> refused) {
        this.refused = refused.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(refused));
    }

    /** An empty store that installs every root certificate it is given. */
    public static CertificateStore create() {
        return new CertificateStore(Set.of());
    }

    /** An empty store that answers {@code Rejected} to every certificate of these uses. */
    public static CertificateStore refusing(CertificateUse... uses) {
        return new CertificateStore(Set.of(uses));
    }

    /** Installs {@code pem} under {@code use}, as InstallCertificate.req asks; see the class comment. */
    public Installation install(CertificateUse use, String pem) {
        Objects.requireNonNull(use, "use");
        Objects.requireNonNull(pem, "pem");
        Installation result = judge(use, pem);
        synchronized (this) {
            if (result.status() == InstallCertificateStatus.Accepted) {
                List<X509Certificate> list = installed.computeIfAbsent(use, u -> new ArrayList<>());
                X509Certificate certificate = result.certificate().orElseThrow();
                if (list.stream().noneMatch(c -> sameEncoding(c, certificate))) {
                    list.add(certificate);
                }
            }
            installations.add(result);
        }
        return result;
    }

    private Installation judge(CertificateUse use, String pem) {
        List<X509Certificate> read;
        try {
            read = PemFiles.readCertificates(pem.getBytes(StandardCharsets.UTF_8), "the certificate");
        } catch (PemException e) {
            return new Installation(use, InstallCertificateStatus.Rejected, "not a PEM certificate: " + e.getMessage(),
                    Optional.empty());
        }
        X509Certificate certificate = read.get(0);
        if (read.size() > 1) {
            return new Installation(use, InstallCertificateStatus.Rejected, read.size()
                    + " certificates where one root certificate is expected", Optional.of(certificate));
        }
        if (refused.contains(use)) {
            return new Installation(use, InstallCertificateStatus.Rejected, "this Charge Point refuses every "
                    + use + " (as the test case requires)", Optional.of(certificate));
        }
        if (!selfSigned(certificate)) {
            return new Installation(use, InstallCertificateStatus.Rejected, "not a root certificate: issued by "
                    + certificate.getIssuerX500Principal().getName() + " to " + certificate.getSubjectX500Principal().getName()
                    + "; only self-signed roots are installed", Optional.of(certificate));
        }
        return new Installation(use, InstallCertificateStatus.Accepted, "installed as " + use + ": "
                + certificate.getSubjectX500Principal().getName() + ", serial "
                + CertificateHashes.serialNumber(certificate.getSerialNumber()), Optional.of(certificate));
    }

    /** The certificates installed under {@code use}, in the order installed. */
    public synchronized List<X509Certificate> installed(CertificateUse use) {
        return List.copyOf(installed.getOrDefault(Objects.requireNonNull(use, "use"), List.of()));
    }

    /** From now on GetInstalledCertificateIds is answered with hash data in {@code algorithm}. */
    public void reportHashesIn(HashAlgorithm algorithm) {
        this.reported = Objects.requireNonNull(algorithm, "algorithm");
    }

    /** The algorithm GetInstalledCertificateIds is answered in. */
    public HashAlgorithm reportedHashAlgorithm() {
        return reported;
    }

    /** The hash data of each certificate installed under {@code use}, in {@code algorithm}. */
    public List<CertificateHashData> hashData(CertificateUse use, HashAlgorithm algorithm) {
        return installed(use).stream().map(c -> CertificateHashes.ofSelfSigned(c, algorithm)).toList();
    }

    /** The answer to GetInstalledCertificateIds.req for {@code use}: see the class comment. */
    public GetInstalledCertificateIdsResponse installedIds(CertificateUse use) {
        List<CertificateHashData> data = hashData(use, reported);
        return data.isEmpty() ? new GetInstalledCertificateIdsResponse(GetInstalledCertificateStatus.NotFound)
                : new GetInstalledCertificateIdsResponse(Optional.of(data), GetInstalledCertificateStatus.Accepted);
    }

    /** Deletes the certificate with this hash data, as DeleteCertificate.req asks; see the class comment. */
    public synchronized Deletion delete(CertificateHashData data) {
        Objects.requireNonNull(data, "data");
        for (List<X509Certificate> list : installed.values()) {
            for (X509Certificate c : list) {
                if (CertificateHashes.compare(CertificateHashes.ofSelfSigned(c, data.hashAlgorithm()), data).isEmpty()) {
                    list.remove(c);
                    Deletion d = new Deletion(data, DeleteCertificateStatus.Accepted, Optional.of(c));
                    deletions.add(d);
                    return d;
                }
            }
        }
        Deletion d = new Deletion(data, DeleteCertificateStatus.NotFound, Optional.empty());
        deletions.add(d);
        return d;
    }

    /** Every InstallCertificate.req handled so far, in order. */
    public synchronized List<Installation> installations() {
        return List.copyOf(installations);
    }

    /** Every DeleteCertificate.req handled so far, in order. */
    public synchronized List<Deletion> deletions() {
        return List.copyOf(deletions);
    }

    /**
     * A responder answering InstallCertificate, GetInstalledCertificateIds and DeleteCertificate from
     * this store, and every other CALL with {@code others}. A payload that cannot be read is answered
     * with CALLERROR {@code FormationViolation} naming the problem.
     */
    public CallResponder responder(CallResponder others) {
        Objects.requireNonNull(others, "others");
        return call -> switch (call.action()) {
            case "InstallCertificate", "GetInstalledCertificateIds", "DeleteCertificate" -> answer(call);
            default -> others.answer(call);
        };
    }

    /** The answer to one of the three certificate CALLs. */
    public CallAnswer answer(IncomingCall call) {
        try {
            return switch (call.action()) {
                case "InstallCertificate" -> {
                    InstallCertificateRequest r = InstallCertificateRequest.fromJson(call.payload());
                    yield CallAnswer.result(new InstallCertificateResponse(install(r.certificateType(), r.certificate())
                            .status()).toJson());
                }
                case "GetInstalledCertificateIds" -> CallAnswer.result(installedIds(
                        GetInstalledCertificateIdsRequest.fromJson(call.payload()).certificateType()).toJson());
                case "DeleteCertificate" -> CallAnswer.result(new DeleteCertificateResponse(delete(
                        DeleteCertificateRequest.fromJson(call.payload()).certificateHashData()).status()).toJson());
                default -> throw new IllegalArgumentException("not a certificate CALL: " + call.action());
            };
        } catch (MessageFormatException e) {
            return CallAnswer.error("FormationViolation", e.getMessage());
        }
    }

    private static boolean selfSigned(X509Certificate c) {
        if (!c.getIssuerX500Principal().equals(c.getSubjectX500Principal())) {
            return false;
        }
        try {
            c.verify(c.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static boolean sameEncoding(X509Certificate a, X509Certificate b) {
        try {
            return Arrays.equals(a.getEncoded(), b.getEncoded());
        } catch (CertificateEncodingException e) {
            return false;
        }
    }

    @Override
    public synchronized String toString() {
        return "CertificateStore[installed=" + installed.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue().size()).toList() + ", refusing=" + refused + "]";
    }
}
