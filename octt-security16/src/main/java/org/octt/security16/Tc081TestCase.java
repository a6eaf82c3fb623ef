package org.octt.security16;

import org.octt.core.spi.OptionDescriptor;
import org.octt.core.spi.Prerequisites;
import org.octt.core.spi.Step;
import org.octt.core.spi.TestCase;

import java.util.List;

/**
 * TC_081_CSMS "Secure Firmware Update - Invalid Signature" (any security profile):
 * from a connected, booted Charge Point, the Central System (made to by its operator: the operator
 * action {@code TC_081_CSMS.signed-update-firmware-invalid-signature}) sends SignedUpdateFirmware.req
 * with a deliberately invalid signature ({@value #REQUEST}); octt answers Accepted, downloads the image
 * ({@value #DOWNLOAD}), finds that the signature does not verify ({@value #SIGNATURE_INVALID}) and
 * reports SignedFirmwareStatusNotification Downloading, Downloaded, InvalidSignature
 * ({@value #STATUS_NOTIFICATIONS}), each of which the Central System must answer. A signature that
 * verifies FAILS ("expected a deliberately invalid signature").
 *
 * <p>Options: the boot options, {@code fw.location}, {@code fw.signature}, {@code fw.signing-certificate}
 * (a PEM file) to compare with what the Central System sends when given, and {@code fw.file} (the image
 * as a local file instead of downloading the location).
 */
public final class Tc081TestCase extends Ocpp16SecurityCard {

    public static final String ID = "TC_081_CSMS";
    public static final String TITLE = "Secure Firmware Update - Invalid Signature";

    /** The upgrade: 101 with ocpp1.6. */
    public static final String UPGRADE = BootedChargePoint.UPGRADE;
    /** BootNotification.conf Accepted. */
    public static final String BOOT_NOTIFICATION = BootedChargePoint.BOOT_NOTIFICATION;
    /** StatusNotification for connector 0 and each connector. */
    public static final String STATUS_NOTIFICATION = BootedChargePoint.STATUS_NOTIFICATION;
    /** SignedUpdateFirmware.req received, valid, equal to the configured firmware; answered Accepted. */
    public static final String REQUEST = SignedFirmwareFlow.REQUEST;
    /** The image fetched from firmware.location (or the file of the option fw.file). */
    public static final String DOWNLOAD = SignedFirmwareFlow.DOWNLOAD;
    /** The signature does not verify (deliberately invalid). */
    public static final String SIGNATURE_INVALID = SignedFirmwareFlow.SIGNATURE_INVALID;
    /** SignedFirmwareStatusNotification.req of each status, each answered. */
    public static final String STATUS_NOTIFICATIONS = SignedFirmwareFlow.STATUS_NOTIFICATIONS;

    /** The operator action's name; its id is {@code TC_081_CSMS.signed-update-firmware-invalid-signature}. */
    public static final String ACTION = "signed-update-firmware-invalid-signature";

    private static final String MODEL = "octt-tc081";
    private static final List<OptionDescriptor> OPTIONS = SignedFirmwareFlow.options(MODEL);

    private final List<Step> steps = List.of(
            SignedFirmwareFlow.step(ACTION, SignedFirmwareFlow.Variant.INVALID, MODEL));

    public Tc081TestCase() {
        super(ID, TITLE);
    }

    @Override
    public List<Step> steps() {
        return steps;
    }

    /** The boot options and {@code fw.location}, {@code fw.signature}, {@code fw.signing-certificate}, {@code fw.file}. */
    @Override
    public List<OptionDescriptor> options() {
        return OPTIONS;
    }

    /** Any security profile; the Central System must be made to send SignedUpdateFirmware (an operator action). */
    @Override
    public Prerequisites prerequisites() {
        return SignedFirmwareFlow.prerequisites();
    }

}
