package org.octt.security16;

import org.octt.core.spi.OptionDescriptor;
import org.octt.core.spi.Prerequisites;
import org.octt.core.spi.Step;
import org.octt.core.spi.TestCase;

import java.util.List;

/**
 * TC_080_CSMS "Secure Firmware Update" (any security profile):
 * from a connected, booted Charge Point, the Central System (made to by its operator: the operator
 * action {@code TC_080_CSMS.signed-update-firmware}) sends SignedUpdateFirmware.req whose location,
 * signature and signing certificate equal the configured ones ({@value #REQUEST}); octt answers
 * Accepted, downloads the image ({@value #DOWNLOAD}), verifies its signature with the signing
 * certificate ({@value #SIGNATURE_VERIFIED}) and reports SignedFirmwareStatusNotification Downloading,
 * Downloaded, SignatureVerified, Installing, InstallRebooting ({@value #STATUS_NOTIFICATIONS}); then it
 * reboots: reconnects ({@value #RECONNECT}), BootNotification ({@value #BOOT_AFTER_REBOOT}),
 * StatusNotification Available ({@value #STATUS_AFTER_REBOOT}), SecurityEventNotification
 * FirmwareUpdated and SignedFirmwareStatusNotification Installed ({@value #INSTALLED}). The Central
 * System must answer each. A signature that does not verify FAILS: the Central System sent it.
 *
 * <p>Options: the boot options, {@code fw.location}, {@code fw.signature}, {@code fw.signing-certificate}
 * (a PEM file) to compare with what the Central System sends when given, and {@code fw.file} (the image
 * as a local file instead of downloading the location).
 */
public final class Tc080TestCase extends Ocpp16SecurityCard {

    public static final String ID = "TC_080_CSMS";
    public static final String TITLE = "Secure Firmware Update";

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
    /** The signature verifies with the signing certificate. */
    public static final String SIGNATURE_VERIFIED = SignedFirmwareFlow.SIGNATURE_VERIFIED;
    /** SignedFirmwareStatusNotification.req of each status, each answered. */
    public static final String STATUS_NOTIFICATIONS = SignedFirmwareFlow.STATUS_NOTIFICATIONS;
    /** The reconnect after the reboot: 101 with ocpp1.6. */
    public static final String RECONNECT = SignedFirmwareFlow.RECONNECT;
    /** BootNotification.conf Accepted after the reboot. */
    public static final String BOOT_AFTER_REBOOT = SignedFirmwareFlow.BOOT_AFTER_REBOOT;
    /** StatusNotification (Available) after the reboot. */
    public static final String STATUS_AFTER_REBOOT = SignedFirmwareFlow.STATUS_AFTER_REBOOT;
    /** SecurityEventNotification FirmwareUpdated and SignedFirmwareStatusNotification Installed, each answered. */
    public static final String INSTALLED = SignedFirmwareFlow.INSTALLED;

    /** The operator action's name; its id is {@code TC_080_CSMS.signed-update-firmware}. */
    public static final String ACTION = "signed-update-firmware";

    private static final String MODEL = "octt-tc080";
    private static final List<OptionDescriptor> OPTIONS = SignedFirmwareFlow.options(MODEL);

    private final List<Step> steps = List.of(SignedFirmwareFlow.step(ACTION, SignedFirmwareFlow.Variant.VALID, MODEL));

    public Tc080TestCase() {
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
