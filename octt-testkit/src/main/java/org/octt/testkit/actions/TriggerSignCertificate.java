package org.octt.testkit.actions;

import org.octt.testkit.CentralSystemAction;
import org.octt.testkit.RunningCentralSystem;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.Objects;

/**
 * The operator's "renew the Charge Point certificate" of TC_074_CSMS and TC_077_CSMS: sends
 * ExtendedTriggerMessage.req with requestedMessage SignChargePointCertificate and no connectorId.
 * What follows (SignCertificate answered, CertificateSigned.req sent) is the reference Central
 * System's own behaviour ({@link org.octt.testkit.CertificateSigning}). Immutable.
 */
public final class TriggerSignCertificate implements CentralSystemAction {

    /** The payload sent. */
    static final String PAYLOAD = "{\"requestedMessage\":\"SignChargePointCertificate\"}";

    private final String actionId;

    private TriggerSignCertificate(String actionId) {
        this.actionId = actionId;
    }

    /** TC_074_CSMS's action, {@code TC_074_CSMS.trigger-sign-certificate}. */
    public static TriggerSignCertificate tc074() {
        return new TriggerSignCertificate("TC_074_CSMS.trigger-sign-certificate");
    }

    /** TC_077_CSMS's action, {@code TC_077_CSMS.trigger-sign-certificate}. */
    public static TriggerSignCertificate tc077() {
        return new TriggerSignCertificate("TC_077_CSMS.trigger-sign-certificate");
    }

    @Override
    public String actionId() {
        return actionId;
    }

    @Override
    public Mono<String> perform(RunningCentralSystem cs, String chargePointId, Map<String, String> parameters) {
        Objects.requireNonNull(cs, "cs");
        Objects.requireNonNull(chargePointId, "chargePointId");
        return cs.send(chargePointId, "ExtendedTriggerMessage", PAYLOAD).map(answer ->
                "sent ExtendedTriggerMessage.req SignChargePointCertificate to " + chargePointId + ", answered "
                        + (answer.isError() ? "with CALLERROR " + answer.errorCode().orElse("?") : answer.payload().toString()));
    }

    @Override
    public String toString() {
        return "TriggerSignCertificate[" + actionId + "]";
    }
}
