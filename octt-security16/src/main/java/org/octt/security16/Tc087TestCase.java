package org.octt.security16;

import org.octt.core.spi.OptionDescriptor;
import org.octt.ocpp.cp.BootSequence;
import org.octt.core.spi.Prerequisites;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.Step;
import org.octt.core.spi.TestCase;

import java.util.List;

/**
 * TC_087_CSMS "TLS - Client-side certificate - valid certificate" (OCPP 1.6 Compliancy Testing Tool,
 * test case document, Central System; security profile 3 only). octt plays the Charge Point,
 * always presenting its client certificate and sending no Basic auth header.
 *
 * <ol>
 *   <li>{@code tls-handshakes}: {@code tls.client-certificate-requested} (the server sent a
 *       CertificateRequest: without it profile 3 is not in force), then with the client
 *       certificate {@code tls.version} (TLS 1.2 or above) and {@code tls.cipher-suites} (the four
 *       required suites, each alone);</li>
 *   <li>{@code secured-websocket}: {@code ws.upgrade} (101, {@code ocpp1.6}),
 *       {@code ocpp.boot-notification} (Accepted), {@code ocpp.status-notification} (connector 0
 *       and each connector).</li>
 * </ol>
 * The client certificate is presented only to a server whose chain validated, unless the context is
 * insecure. Options: {@code ocpp.vendor}, {@code ocpp.model}, {@code ocpp.connectors}, as TC_086.
 */
public final class Tc087TestCase extends Ocpp16SecurityCard {

    public static final String ID = "TC_087_CSMS";
    public static final String TITLE = "TLS - Client-side certificate - valid certificate";

    /** The built-in suite of the OCPP 1.6 security cards. */
    public static final String SUITE = "ocpp16-security";

    private static final List<OptionDescriptor> OPTIONS = BootSequence.options("octt-tc087");

    private final List<Step> steps = List.of(new Tc087HandshakeStep(), new ClientCertificateSession(true, "octt-tc087"));

    public Tc087TestCase() {
        super(ID, TITLE);
    }

    @Override
    public List<Step> steps() {
        return steps;
    }

    @Override
    public List<OptionDescriptor> options() {
        return OPTIONS;
    }

    /** Security profile 3 only: the card tests the client certificate. */
    @Override
    public Prerequisites prerequisites() {
        return Prerequisites.securityProfiles(SecurityProfile.TLS_CLIENT_CERTIFICATE);
    }

}
