package org.octt.security16;

import org.octt.core.spi.OptionDescriptor;
import org.octt.core.spi.Prerequisites;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.Step;
import org.octt.core.spi.TestCase;

import java.util.List;

/**
 * TC_077_CSMS "Invalid ChargePointCertificate Security Event" (OCPP 1.6 test case document, Central
 * System; security profile 3). As TC_074_CSMS up to CertificateSigned.req ({@value #UPGRADE},
 * {@value #BOOT_NOTIFICATION}, {@value #STATUS_NOTIFICATION}, the operator action
 * {@code TC_077_CSMS.trigger-sign-certificate} and {@value #EXTENDED_TRIGGER_MESSAGE},
 * {@value #SIGN_CERTIFICATE}, {@value #CERTIFICATE_SIGNED}), which octt answers Rejected whatever it
 * holds; then SecurityEventNotification.req with type InvalidChargePointCertificate, which the
 * Central System must answer ({@value #SECURITY_EVENT_NOTIFICATION}). The chain itself is not judged
 * here (TC_074 does). Nobody making the Central System act is INCONCLUSIVE, never FAILED.
 */
public final class Tc077TestCase extends Ocpp16SecurityCard {

    public static final String ID = "TC_077_CSMS";
    public static final String TITLE = "Invalid ChargePointCertificate Security Event";

    public static final String UPGRADE = CertificateSigningFlow.WS_UPGRADE;
    public static final String BOOT_NOTIFICATION = CertificateSigningFlow.BOOT_NOTIFICATION;
    public static final String STATUS_NOTIFICATION = CertificateSigningFlow.STATUS_NOTIFICATION;
    /** ExtendedTriggerMessage.req with requestedMessage SignChargePointCertificate and no connectorId. */
    public static final String EXTENDED_TRIGGER_MESSAGE = CertificateSigningFlow.EXTENDED_TRIGGER_MESSAGE;
    /** SignCertificate.conf Accepted. */
    public static final String SIGN_CERTIFICATE = CertificateSigningFlow.SIGN_CERTIFICATE;
    /** CertificateSigned.req received, schema-valid (answered Rejected). */
    public static final String CERTIFICATE_SIGNED = CertificateSigningFlow.CERTIFICATE_SIGNED;
    /** SecurityEventNotification.req InvalidChargePointCertificate answered. */
    public static final String SECURITY_EVENT_NOTIFICATION = CertificateSigningFlow.SECURITY_EVENT_NOTIFICATION;

    /** The operator action's id. */
    public static final String ACTION_ID = ID + "." + CertificateSigningFlow.ACTION_NAME;

    private static final List<OptionDescriptor> OPTIONS = Tc074TestCase.options("octt-tc077");

    private final List<Step> steps = List.of(CertificateSigningFlow.tc077().step());

    public Tc077TestCase() {
        super(ID, TITLE);
    }

    @Override
    public List<Step> steps() {
        return steps;
    }

    /** As TC_074: the boot options and those of the CSR. */
    @Override
    public List<OptionDescriptor> options() {
        return OPTIONS;
    }

    /** Security profile 3; the Central System must be made to act. */
    @Override
    public Prerequisites prerequisites() {
        return Prerequisites.securityProfiles(SecurityProfile.TLS_CLIENT_CERTIFICATE).withOperatorActions();
    }

}
