package org.octt.testkit.actions;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.octt.testkit.CentralSystemAction;
import org.octt.testkit.Fault;
import org.octt.testkit.ReferenceFirmware;
import org.octt.testkit.RunningCentralSystem;
import org.octt.tls.pki.IssuedCertificate;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The operator actions of TC_080_CSMS ({@value #VALID_ID}) and TC_081_CSMS ({@value #INVALID_SIGNATURE_ID}):
 * the reference Central System sends SignedUpdateFirmware.req for its {@link ReferenceFirmware}: the
 * location on its HTTP server, the signing certificate and a signature that verifies (TC_080) or one
 * made over other bytes, well-formed but not verifying (TC_081). Faults: {@link
 * Fault#FIRMWARE_SIGNATURE_INVALID} (TC_080 gets the invalid one), {@link Fault#FIRMWARE_SIGNATURE_VALID}
 * (TC_081 gets the valid one), {@link Fault#FIRMWARE_OTHER_SIGNING_CERTIFICATE} (another signing
 * certificate, and signatures made with its key). It answers the SignedFirmwareStatusNotification.req
 * and SecurityEventNotification.req that follow with {@code {}}.
 */
public final class SignedUpdateFirmwareAction implements CentralSystemAction {

    /** TC_080_CSMS's action id. */
    public static final String VALID_ID = "TC_080_CSMS.signed-update-firmware";
    /** TC_081_CSMS's action id. */
    public static final String INVALID_SIGNATURE_ID = "TC_081_CSMS.signed-update-firmware-invalid-signature";

    private static final byte[] NOT_THE_IMAGE = "not the firmware image".getBytes(StandardCharsets.US_ASCII);

    private final boolean validSignature;
    private final AtomicInteger requestIds = new AtomicInteger();

    private SignedUpdateFirmwareAction(boolean validSignature) {
        this.validSignature = validSignature;
    }

    /** TC_080's: a signature that verifies. */
    public static SignedUpdateFirmwareAction valid() {
        return new SignedUpdateFirmwareAction(true);
    }

    /** TC_081's: a deliberately invalid signature. */
    public static SignedUpdateFirmwareAction invalidSignature() {
        return new SignedUpdateFirmwareAction(false);
    }

    @Override
    public String actionId() {
        return validSignature ? VALID_ID : INVALID_SIGNATURE_ID;
    }

    @Override
    public Mono<String> perform(RunningCentralSystem cs, String chargePointId, Map<String, String> parameters) {
        Objects.requireNonNull(cs, "cs");
        Objects.requireNonNull(chargePointId, "chargePointId");
        ReferenceFirmware firmware = cs.firmware();
        boolean valid = validSignature ? !cs.faults().contains(Fault.FIRMWARE_SIGNATURE_INVALID)
                : cs.faults().contains(Fault.FIRMWARE_SIGNATURE_VALID);
        boolean other = cs.faults().contains(Fault.FIRMWARE_OTHER_SIGNING_CERTIFICATE);
        int requestId = requestIds.incrementAndGet();
        return firmware.locationLater().flatMap(location -> {
            IssuedCertificate signer = other ? firmware.otherSigningCertificate() : firmware.signingCertificate();
            String signature = valid && !other ? firmware.signature()
                    : ReferenceFirmware.sign(valid ? firmware.image() : NOT_THE_IMAGE, signer.privateKey());
            ObjectNode payload = JsonNodeFactory.instance.objectNode();
            payload.put("requestId", requestId);
            ObjectNode fw = payload.putObject("firmware");
            fw.put("location", location);
            fw.put("retrieveDateTime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            fw.put("signingCertificate", signer.certificatePem());
            fw.put("signature", signature);
            String what = (valid ? "a signature that verifies" : "a signature that does not verify") + " with "
                    + (other ? "another signing certificate" : "its signing certificate");
            return cs.connected(chargePointId).timeout(GetSecurityLogAction.ANSWER_TIMEOUT)
                    .then(cs.send(chargePointId, "SignedUpdateFirmware", payload).timeout(GetSecurityLogAction.ANSWER_TIMEOUT))
                    .map(answer -> "sent SignedUpdateFirmware.req (requestId " + requestId + ", firmware.location "
                            + location + ", " + what + ") to " + chargePointId + "; it answered " + answer.frame());
        });
    }

    @Override
    public String toString() {
        return "SignedUpdateFirmwareAction[" + actionId() + "]";
    }
}
