package org.octt.testkit.actions;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.octt.testkit.CentralSystemAction;
import org.octt.testkit.Fault;
import org.octt.testkit.RunningCentralSystem;
import org.octt.tls.pki.Pem;
import reactor.core.publisher.Mono;

import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Objects;

/**
 * The reference Central System's operator installing a root certificate on the Charge Point
 * (TC_075_1, TC_075_2, TC_076, TC_078): InstallCertificate.req with the parameter
 * {@code certificateType} and the certificate of the PEM file named by {@code certificateFile}
 * (the reference root when absent). {@link Fault#WRONG_ROOT_INSTALLED} installs another root;
 * {@link Fault#MALFORMED_CERTIFICATE} sends the PEM truncated. Immutable.
 */
public final class InstallCertificateAction implements CentralSystemAction {

    private final String actionId;

    /** The action with this operator action id, e.g. {@code TC_075_1_CSMS.install-certificate}. */
    public InstallCertificateAction(String actionId) {
        this.actionId = Objects.requireNonNull(actionId, "actionId");
    }

    @Override
    public String actionId() {
        return actionId;
    }

    @Override
    public Mono<String> perform(RunningCentralSystem cs, String chargePointId, Map<String, String> parameters) {
        return Mono.defer(() -> {
            String type = CertificateActions.oneOf(parameters, CertificateActions.CERTIFICATE_TYPE,
                    CertificateActions.CERTIFICATE_TYPES, actionId);
            X509Certificate certificate = cs.faults().contains(Fault.WRONG_ROOT_INSTALLED)
                    ? CertificateActions.anotherRoot() : CertificateActions.certificate(cs, parameters);
            boolean malformed = cs.faults().contains(Fault.MALFORMED_CERTIFICATE);
            ObjectNode payload = JsonNodeFactory.instance.objectNode()
                    .put("certificateType", type)
                    .put("certificate", malformed ? CertificateActions.truncated(certificate) : Pem.certificate(certificate));
            return CertificateActions.send(cs, chargePointId, "InstallCertificate", payload)
                    .map(answer -> "sent InstallCertificate.req (" + type + ", " + (malformed ? "truncated PEM of " : "")
                            + certificate.getSubjectX500Principal().getName() + ") to " + chargePointId + ": "
                            + CertificateActions.describe(answer));
        });
    }

    @Override
    public String toString() {
        return "InstallCertificateAction[" + actionId + "]";
    }
}
