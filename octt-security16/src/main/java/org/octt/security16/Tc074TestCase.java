package org.octt.security16;

import org.octt.core.spi.OptionDescriptor;
import org.octt.core.spi.Prerequisites;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.Step;
import org.octt.core.spi.TestCase;
import org.octt.ocpp.cp.BootSequence;

import java.util.ArrayList;
import java.util.List;

/**
 * TC_074_CSMS "Update Charge Point Certificate by request of Central System" (OCPP 1.6 test case
 * document, Central System; security profile 3). octt plays the Charge Point:
 * <ol>
 *   <li>{@code sign-certificate}: a profile 3 session with the configured client certificate
 *       ({@value #UPGRADE}, {@value #BOOT_NOTIFICATION}, {@value #STATUS_NOTIFICATION}); the
 *       operator action {@code TC_074_CSMS.trigger-sign-certificate} makes the Central System send
 *       ExtendedTriggerMessage.req SignChargePointCertificate without connectorId
 *       ({@value #EXTENDED_TRIGGER_MESSAGE}), answered Accepted; a new key pair (option
 *       {@code ocpp.csr-key-type}) and SignCertificate.req with its PKCS#10 CSR (CN = option
 *       {@code ocpp.serial-number}, O = option {@code ocpp.operator}), which must be Accepted
 *       ({@value #SIGN_CERTIFICATE}); then CertificateSigned.req ({@value #CERTIFICATE_SIGNED}), whose
 *       chain is checked: {@value #CHAIN_PEM}, {@value #CHAIN_PUBLIC_KEY}, {@value #CHAIN_COMMON_NAME},
 *       {@value #CHAIN_KEY_SIZE}, {@value #CHAIN_VALIDITY}, {@value #CHAIN_ISSUER} (the last when the
 *       Charge Point CA is known), and answered Accepted when they all pass, Rejected otherwise;</li>
 *   <li>{@code reconnect-with-new-certificate}: a new connection with the signed certificate and the
 *       new key, which must be accepted ({@value #RECONNECT}).</li>
 * </ol>
 * Nobody making the Central System act is INCONCLUSIVE, never FAILED.
 */
public final class Tc074TestCase extends Ocpp16SecurityCard {

    public static final String ID = "TC_074_CSMS";
    public static final String TITLE = "Update Charge Point Certificate by request of Central System";

    public static final String UPGRADE = CertificateSigningFlow.WS_UPGRADE;
    public static final String BOOT_NOTIFICATION = CertificateSigningFlow.BOOT_NOTIFICATION;
    public static final String STATUS_NOTIFICATION = CertificateSigningFlow.STATUS_NOTIFICATION;
    /** ExtendedTriggerMessage.req with requestedMessage SignChargePointCertificate and no connectorId. */
    public static final String EXTENDED_TRIGGER_MESSAGE = CertificateSigningFlow.EXTENDED_TRIGGER_MESSAGE;
    /** SignCertificate.conf Accepted. */
    public static final String SIGN_CERTIFICATE = CertificateSigningFlow.SIGN_CERTIFICATE;
    /** CertificateSigned.req received, schema-valid. */
    public static final String CERTIFICATE_SIGNED = CertificateSigningFlow.CERTIFICATE_SIGNED;
    /** The certificateChain is PEM X.509 certificates. */
    public static final String CHAIN_PEM = "cert.signed-chain-pem";
    /** The leaf carries the CSR's public key. */
    public static final String CHAIN_PUBLIC_KEY = "cert.signed-public-key";
    /** The leaf's CN is the serial number. */
    public static final String CHAIN_COMMON_NAME = "cert.signed-common-name";
    /** The leaf's key is at least RSA 2048 or EC 224 bits. */
    public static final String CHAIN_KEY_SIZE = "cert.signed-key-size";
    /** Every certificate of the chain is valid now. */
    public static final String CHAIN_VALIDITY = "cert.signed-validity";
    /** The leaf chains to the Charge Point CA. */
    public static final String CHAIN_ISSUER = "cert.signed-issuer";
    /** The reconnect with the new certificate is accepted. */
    public static final String RECONNECT = CertificateSigningFlow.RECONNECT;

    /** The operator action's id. */
    public static final String ACTION_ID = ID + "." + CertificateSigningFlow.ACTION_NAME;

    private static final List<OptionDescriptor> OPTIONS = options("octt-tc074");

    private final CertificateSigningFlow flow = CertificateSigningFlow.tc074();
    private final List<Step> steps = List.of(flow.step(), CertificateSigningFlow.reconnect());

    static List<OptionDescriptor> options(String model) {
        List<OptionDescriptor> all = new ArrayList<>(BootSequence.options(model));
        all.addAll(CertificateSigningOptions.OPTIONS);
        return List.copyOf(all);
    }

    public Tc074TestCase() {
        super(ID, TITLE);
    }

    @Override
    public List<Step> steps() {
        return steps;
    }

    /** The boot options of TC_086 and {@code ocpp.serial-number}, {@code ocpp.operator}, {@code ocpp.csr-key-type}, {@code ocpp.charge-point-ca-file}. */
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
