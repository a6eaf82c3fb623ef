package org.octt.tls.probe.internal;

import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.TlsDHUtils;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsDHGroupVerifier;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsSession;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.octt.tls.probe.CapturedCertificate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Vector;

/**
 * A Bouncy Castle TLS client that offers exactly the given versions and suites, every group and
 * signature algorithm the crypto supports, SNI when given, and no session to resume; it accepts any
 * server certificate after capturing it, and records alerts and the negotiated parameters. Used by one
 * handshake on one event loop thread; not thread-safe.
 */
final class ProbeTlsClient extends DefaultTlsClient {

    private final ProtocolVersion[] versions;
    private final int[] cipherSuites;
    private final Optional<String> serverName;

    private List<CapturedCertificate> chain = List.of();
    private boolean handshakeComplete;
    private short receivedAlertLevel = -1;
    private short receivedAlert = -1;
    private short raisedAlert = -1;
    private String raisedMessage;
    private Throwable raisedCause;
    private ProtocolVersion negotiatedVersion;
    private int negotiatedCipherSuite = -1;
    private int negotiatedGroup = -1;
    private String dhGroup;

    ProbeTlsClient(TlsCrypto crypto, ProtocolVersion[] versions, int[] cipherSuites, Optional<String> serverName) {
        super(crypto);
        this.versions = versions.clone();
        this.cipherSuites = cipherSuites.clone();
        this.serverName = serverName;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return versions.clone();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return cipherSuites.clone();
    }

    @Override
    protected Vector<ServerName> getSNIServerNames() {
        if (serverName.isEmpty()) {
            return null; // BC's contract: null means no server_name extension
        }
        Vector<ServerName> names = new Vector<>();
        names.add(new ServerName(NameType.host_name, serverName.get().getBytes(StandardCharsets.US_ASCII)));
        return names;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    protected Vector getSupportedGroups(Vector namedGroupRoles) {
        Vector defaults = super.getSupportedGroups(namedGroupRoles);
        List<Integer> first = new ArrayList<>();
        if (defaults != null) {
            first.addAll(defaults);
        }
        return new Vector<>(Offers.groups(getCrypto(), ProtocolVersion.getLatestTLS(versions), first));
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    protected Vector getSupportedSignatureAlgorithms() {
        Vector defaults = super.getSupportedSignatureAlgorithms();
        List<SignatureAndHashAlgorithm> first = new ArrayList<>();
        if (defaults != null) {
            first.addAll(defaults);
        }
        return new Vector<>(Offers.signatureAlgorithms(getCrypto(), first));
    }

    @Override
    public TlsSession getSessionToResume() {
        return null;
    }

    @Override
    public boolean shouldCheckSigAlgOfPeerCerts() {
        return false; // capture any certificate; judging signature algorithms is the inspector's job
    }

    @Override
    public boolean allowLegacyResumption() {
        return false;
    }

    @Override
    public int getMaxCertificateChainLength() {
        return 32;
    }

    @Override
    public TlsDHGroupVerifier getDHGroupVerifier() {
        // small DH groups are a finding for the caller, not a reason to hang up
        return group -> {
            int named = TlsDHUtils.getNamedGroupForDHParameters(group.getP(), group.getG());
            dhGroup = named >= 0 ? NamedGroup.getName(named) : "dh-" + group.getP().bitLength();
            return true;
        };
    }

    @Override
    public TlsAuthentication getAuthentication() {
        return new TlsAuthentication() {
            @Override
            public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                chain = capture(serverCertificate.getCertificate());
            }

            @Override
            public TlsCredentials getClientCredentials(CertificateRequest certificateRequest) {
                return null; // no client certificate: an empty Certificate message is sent
            }
        };
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        if (receivedAlert < 0 || alertLevel == AlertLevel.fatal) {
            receivedAlertLevel = alertLevel;
            receivedAlert = alertDescription;
        }
    }

    @Override
    public void notifyAlertRaised(short alertLevel, short alertDescription, String message, Throwable cause) {
        if (alertLevel == AlertLevel.fatal && raisedAlert < 0) {
            raisedAlert = alertDescription;
            raisedMessage = message;
            raisedCause = cause;
            captureChainFromContext();
        }
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        SecurityParameters sp = context.getSecurityParametersConnection();
        negotiatedVersion = sp.getNegotiatedVersion();
        negotiatedCipherSuite = sp.getCipherSuite();
        negotiatedGroup = sp.getNegotiatedGroup();
        if (chain.isEmpty() && sp.getPeerCertificate() != null) {
            chain = capture(sp.getPeerCertificate());
        }
        handshakeComplete = true;
    }

    private void captureChainFromContext() {
        if (!chain.isEmpty() || context == null) {
            return;
        }
        SecurityParameters sp = context.getSecurityParametersHandshake();
        if (sp != null && sp.getPeerCertificate() != null) {
            try {
                chain = capture(sp.getPeerCertificate());
            } catch (IOException | RuntimeException e) {
                // the chain could not be re-encoded; the outcome reports the alert without it
                chain = List.of();
            }
        }
    }

    private static List<CapturedCertificate> capture(Certificate certificate) throws IOException {
        List<CapturedCertificate> captured = new ArrayList<>();
        if (certificate != null) {
            for (TlsCertificate c : certificate.getCertificateList()) {
                captured.add(CapturedCertificate.of(c.getEncoded()));
            }
        }
        return List.copyOf(captured);
    }

    List<CapturedCertificate> chain() {
        return chain;
    }

    boolean isHandshakeComplete() {
        return handshakeComplete;
    }

    boolean hasReceivedAlert() {
        return receivedAlert >= 0;
    }

    short receivedAlert() {
        return receivedAlert;
    }

    short receivedAlertLevel() {
        return receivedAlertLevel;
    }

    boolean hasRaisedAlert() {
        return raisedAlert >= 0;
    }

    short raisedAlert() {
        return raisedAlert;
    }

    Optional<String> raisedMessage() {
        return Optional.ofNullable(raisedMessage);
    }

    Optional<Throwable> raisedCause() {
        return Optional.ofNullable(raisedCause);
    }

    ProtocolVersion negotiatedVersion() {
        return negotiatedVersion;
    }

    int negotiatedCipherSuite() {
        return negotiatedCipherSuite;
    }

    /** The group Bouncy Castle reports (TLS 1.3), or -1. */
    int negotiatedGroup() {
        return negotiatedGroup;
    }

    /** The finite-field group of a TLS 1.2 DHE key exchange: its name, or {@code dh-<bits>} when explicit. */
    Optional<String> dhGroup() {
        return Optional.ofNullable(dhGroup);
    }
}
