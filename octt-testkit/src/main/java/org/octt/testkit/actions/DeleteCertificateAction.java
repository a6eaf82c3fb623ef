package org.octt.testkit.actions;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.octt.testkit.CentralSystemAction;
import org.octt.testkit.Fault;
import org.octt.testkit.RunningCentralSystem;
import reactor.core.publisher.Mono;

import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Objects;

/**
 * The reference Central System's operator deleting the root certificate it installed (TC_076):
 * DeleteCertificate.req whose certificateHashData the reference Central System computes itself, in
 * the algorithm the Charge Point reported its hash data in (the parameter {@code hashAlgorithm}), for
 * the certificate of {@code certificateFile} (the reference root when absent). Its computation is its
 * own, not the Charge Point toolkit's, so that a test compares two implementations.
 * {@link Fault#WRONG_HASH_ALGORITHM} uses another algorithm than the one asked;
 * {@link Fault#WRONG_ISSUER_KEY_HASH} hashes the whole SubjectPublicKeyInfo for issuerKeyHash.
 * Immutable.
 */
public final class DeleteCertificateAction implements CentralSystemAction {

    private final String actionId;

    /** The action with this operator action id, e.g. {@code TC_076_CSMS.delete-certificate}. */
    public DeleteCertificateAction(String actionId) {
        this.actionId = Objects.requireNonNull(actionId, "actionId");
    }

    @Override
    public String actionId() {
        return actionId;
    }

    @Override
    public Mono<String> perform(RunningCentralSystem cs, String chargePointId, Map<String, String> parameters) {
        return Mono.defer(() -> {
            String asked = CertificateActions.oneOf(parameters, CertificateActions.HASH_ALGORITHM,
                    CertificateActions.HASH_ALGORITHMS, actionId);
            String algorithm = cs.faults().contains(Fault.WRONG_HASH_ALGORITHM) ? another(asked) : asked;
            X509Certificate certificate = CertificateActions.certificate(cs, parameters);
            Map<String, String> data = CertificateActions.hashData(certificate, algorithm,
                    cs.faults().contains(Fault.WRONG_ISSUER_KEY_HASH));
            ObjectNode payload = JsonNodeFactory.instance.objectNode();
            ObjectNode hashData = payload.putObject("certificateHashData");
            for (String field : new String[] {"hashAlgorithm", "issuerNameHash", "issuerKeyHash", "serialNumber"}) {
                hashData.put(field, data.get(field));
            }
            return CertificateActions.send(cs, chargePointId, "DeleteCertificate", payload)
                    .map(answer -> "sent DeleteCertificate.req (" + algorithm + " hash data of "
                            + certificate.getSubjectX500Principal().getName() + ", serial " + data.get("serialNumber")
                            + ") to " + chargePointId + ": " + CertificateActions.describe(answer));
        });
    }

    /** The next algorithm in SHA256, SHA384, SHA512, SHA256... */
    private static String another(String algorithm) {
        int i = CertificateActions.HASH_ALGORITHMS.indexOf(algorithm);
        return CertificateActions.HASH_ALGORITHMS.get((i + 1) % CertificateActions.HASH_ALGORITHMS.size());
    }

    @Override
    public String toString() {
        return "DeleteCertificateAction[" + actionId + "]";
    }
}
