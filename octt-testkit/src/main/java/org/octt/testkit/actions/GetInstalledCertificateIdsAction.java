package org.octt.testkit.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.octt.testkit.CentralSystemAction;
import org.octt.testkit.RunningCentralSystem;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.Objects;

/**
 * The reference Central System's operator asking which certificates of a use the Charge Point has
 * (TC_075_1, TC_075_2, TC_076): GetInstalledCertificateIds.req with the parameter
 * {@code certificateType}. Immutable.
 */
public final class GetInstalledCertificateIdsAction implements CentralSystemAction {

    private final String actionId;

    /** The action with this operator action id, e.g. {@code TC_076_CSMS.get-installed-certificate-ids}. */
    public GetInstalledCertificateIdsAction(String actionId) {
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
            return CertificateActions.send(cs, chargePointId, "GetInstalledCertificateIds",
                            JsonNodeFactory.instance.objectNode().put("certificateType", type))
                    .map(answer -> {
                        JsonNode data = answer.isError() ? null : answer.payload().get("certificateHashData");
                        return "sent GetInstalledCertificateIds.req (" + type + ") to " + chargePointId + ": "
                                + CertificateActions.describe(answer)
                                + (data != null && data.isArray() ? ", " + data.size() + " certificate(s)" : "");
                    });
        });
    }

    @Override
    public String toString() {
        return "GetInstalledCertificateIdsAction[" + actionId + "]";
    }
}
