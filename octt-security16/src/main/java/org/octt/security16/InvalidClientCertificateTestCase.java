package org.octt.security16;

import org.octt.core.spi.Prerequisites;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.Step;
import org.octt.core.spi.TestCase;

import java.util.List;

/**
 * X_TLS_CLIENT_CERT_INVALID_CSMS, an octt extension (not an OCA card: no OCPP 1.6 card tests these
 * refusals; OCPP 2.0.1 has cards for them): under security profile 3 the Central System must end
 * the connection of a Charge Point presenting an untrusted, an expired or a wrong-CN client
 * certificate (whitepaper A00.FR.403/405/407).
 *
 * <ol>
 *   <li>{@code invalid-client-certificates}: {@code tls.untrusted-client-certificate-refused} (a
 *       self-signed certificate with the real one's subject, made by octt); with
 *       {@link org.octt.core.spi.TestContext#chargePointCa()} also
 *       {@code tls.expired-client-certificate-refused} and
 *       {@code tls.wrong-cn-client-certificate-refused} (issued by that CA), SKIPPED without it;</li>
 *   <li>{@code valid-client-certificate}: {@code ws.upgrade} with the real certificate (the
 *       refusals did not lock the Charge Point out).</li>
 * </ol>
 */
public final class InvalidClientCertificateTestCase extends Ocpp16SecurityCard {

    public static final String ID = "X_TLS_CLIENT_CERT_INVALID_CSMS";
    public static final String TITLE = "TLS - Client-side certificate - untrusted, expired and wrong-CN certificates refused";

    private final List<Step> steps = List.of(new ClientCertificateRefusalStep(),
            new ClientCertificateSession(false, "octt"));

    public InvalidClientCertificateTestCase() {
        super(ID, TITLE);
    }

    @Override
    public List<Step> steps() {
        return steps;
    }

    /** Security profile 3 only. */
    @Override
    public Prerequisites prerequisites() {
        return Prerequisites.securityProfiles(SecurityProfile.TLS_CLIENT_CERTIFICATE);
    }

}
