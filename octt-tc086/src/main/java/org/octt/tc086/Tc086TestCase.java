package org.octt.tc086;

import org.octt.core.spi.OcppVersion;
import org.octt.core.spi.OptionDescriptor;
import org.octt.ocpp.cp.BootSequence;
import org.octt.core.spi.Prerequisites;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.Step;
import org.octt.core.spi.SystemUnderTest;
import org.octt.core.spi.TestCase;
import org.octt.core.spi.TestContext;
import org.octt.ocpp.j.CallResponder;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * TC_086_CSMS "TLS - server-side certificate - Valid certificate" (OCPP 1.6 Compliancy Testing
 * Tool, test case document, Central System). octt plays the Charge Point.
 *
 * <p>Three steps, in the card's order:
 * <ol>
 *   <li>{@code tls-handshakes}: handshakes offering TLS 1.2 and 1.3, each of the four required
 *       cipher suites alone, and TLS 1.0 and 1.1 alone; checks {@code tls.version} and
 *       {@code tls.cipher-suites} and keeps every distinct server certificate seen;</li>
 *   <li>{@code server-certificates}: checks {@code cert.key-size}, {@code cert.x509-pem},
 *       {@code cert.serial-number}, {@code cert.subject-cn} and {@code cert.trust} on every distinct
 *       leaf certificate;</li>
 *   <li>{@code secured-websocket}: the OCPP-J session with the profile's credentials:
 *       {@code ws.upgrade}, {@code ocpp.boot-notification}, {@code ocpp.status-notification}.</li>
 * </ol>
 * A failed validation never stops later steps; credentials are never sent to a server whose
 * certificate failed {@code cert.trust} unless the context is explicitly insecure.
 *
 * <p>The Central System's own CALLs (it may send them at any time after the upgrade) are answered
 * at once, by default with {@link org.octt.ocpp.j.ChargePointResponder}'s table, and recorded in
 * the evidence ({@code centralSystemCalls}) of the OCPP checks.
 *
 * <p>Options read from the context: {@value SecuredWebSocketStep#VENDOR_OPTION},
 * {@value SecuredWebSocketStep#MODEL_OPTION}, {@value SecuredWebSocketStep#CONNECTORS_OPTION}.
 */
public final class Tc086TestCase implements TestCase {

    public static final String ID = "TC_086_CSMS";
    public static final String TITLE = "TLS - server-side certificate - Valid certificate";

    /** The built-in suite TC_086 belongs to. */
    public static final String SUITE = "ocpp16-security";

    private static final List<OptionDescriptor> OPTIONS = BootSequence.options("octt-tc086");

    private final List<Step> steps;

    /** The test case as discovery makes it: the Central System's CALLs get the default answers. */
    public Tc086TestCase() {
        this(SecuredWebSocketStep::defaultResponder);
    }

    /**
     * The test case answering the Central System's CALLs with the responder {@code responder} makes
     * for each run's context, e.g. to accept a TriggerMessage or to delegate to
     * {@link org.octt.ocpp.j.ChargePointResponder} for the rest. The responder runs on the event
     * loop and must not block.
     */
    public Tc086TestCase(Function<TestContext, CallResponder> responder) {
        steps = List.of(new TlsHandshakeStep(), new ServerCertificateStep(), new SecuredWebSocketStep(responder));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return TITLE;
    }

    @Override
    public SystemUnderTest systemUnderTest() {
        return SystemUnderTest.CENTRAL_SYSTEM;
    }

    @Override
    public OcppVersion ocppVersion() {
        return OcppVersion.OCPP_16J;
    }

    @Override
    public List<Step> steps() {
        return steps;
    }

    /**
     * {@code ocpp.vendor} and {@code ocpp.model} (sent in BootNotification) and
     * {@code ocpp.connectors} (how many connectors get a StatusNotification, besides connector 0).
     */
    @Override
    public List<OptionDescriptor> options() {
        return OPTIONS;
    }

    /**
     * Security profiles 2 and 3: the card is about the server certificate of a TLS connection, so it
     * does not apply to profile 1 (plain {@code ws://}).
     */
    @Override
    public Prerequisites prerequisites() {
        return Prerequisites.securityProfiles(SecurityProfile.TLS_BASIC_AUTH, SecurityProfile.TLS_CLIENT_CERTIFICATE);
    }

    /** The built-in suite {@value #SUITE}. */
    @Override
    public Set<String> suites() {
        return Set.of(SUITE);
    }
}
