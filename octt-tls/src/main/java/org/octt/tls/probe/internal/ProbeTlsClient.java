package org.octt.tls.probe.internal;

import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.PskKeyExchangeMode;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.octt.tls.probe.ClientCredential;
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
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import java.util.Vector;

/**
 * A Bouncy Castle TLS client that offers exactly the given versions and suites, every group and
 * signature algorithm the crypto supports, SNI when given, and no session to resume; it accepts any
 * server certificate after capturing it, presents the configured client certificate (if any) when the
 * server asks for one, and records alerts and the negotiated parameters. Used by one
 * handshake on one event loop thread; not thread-safe.
 */
final class ProbeTlsClient extends DefaultTlsClient {

    private final ProtocolVersion[] versions;
    private final int[] cipherSuites;
    private final Optional<String> serverName;
    private final Optional<ClientCredential> clientCredential;

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
    private volatile boolean certificateRequested; // read by timeouts on other threads
    private String clientCertificateNote;

    ProbeTlsClient(TlsCrypto crypto, ProtocolVersion[] versions, int[] cipherSuites, Optional<String> serverName,
                   Optional<ClientCredential> clientCredential) {
        super(crypto);
        this.clientCredential = clientCredential;
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
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getClientExtensions() throws IOException {
        Hashtable extensions = super.getClientExtensions();
        if (ProtocolVersion.TLSv13.isEqualOrEarlierVersionOf(ProtocolVersion.getLatestTLS(versions))
                && TlsExtensionsUtils.getPSKKeyExchangeModesExtension(extensions) == null) {
            // as common TLS 1.3 clients do; without it a server must not send a NewSessionTicket, the
            // usual sign that it accepted the client's certificate (a TLS 1.3 server judges it after
            // the client's Finished)
            TlsExtensionsUtils.addPSKKeyExchangeModesExtension(extensions, new short[] {PskKeyExchangeMode.psk_dhe_ke});
        }
        return extensions;
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
            public TlsCredentials getClientCredentials(CertificateRequest certificateRequest) throws IOException {
                return clientCredentials(certificateRequest); // null: an empty Certificate message is sent
            }
        };
    }

    /**
     * The signer for the configured client certificate, or null (send an empty Certificate) when none
     * is configured or the server accepts no signature algorithm or certificate type for its key; in
     * every case {@link #clientCertificateNote} says what happened. The key never appears in a message.
     */
    private TlsCredentials clientCredentials(CertificateRequest request) throws IOException {
        certificateRequested = true;
        if (clientCredential.isEmpty()) {
            clientCertificateNote = "none was configured, so the probe sent an empty Certificate";
            return null;
        }
        ClientCredential credential = clientCredential.get();
        AsymmetricKeyParameter key;
        try {
            key = ClientKeys.lightweight(credential.privateKey());
        } catch (IllegalArgumentException e) {
            clientCertificateNote = "the probe could not present its client certificate";
            throw new TlsFatalAlert(AlertDescription.internal_error, "cannot use the client key: " + e.getMessage());
        }
        if (!(getCrypto() instanceof BcTlsCrypto bc)) {
            clientCertificateNote = "the probe could not present its client certificate";
            throw new TlsFatalAlert(AlertDescription.internal_error, "cannot sign the client certificate with "
                    + getCrypto().getClass().getSimpleName() + " (a BcTlsCrypto is needed)");
        }
        String keyName = ClientSignatures.describe(key);
        boolean tls13 = TlsUtils.isTLSv13(context);
        short[] types = request.getCertificateTypes();
        if (!tls13 && types != null && !ClientSignatures.acceptsType(key, types)) {
            clientCertificateNote = "the probe sent an empty Certificate: the server accepts certificate types "
                    + ClientSignatures.typeNames(types) + ", none for the " + keyName + " of "
                    + credential.subject();
            return null;
        }
        SignatureAndHashAlgorithm signature = null; // TLS 1.0/1.1: the legacy MD5+SHA-1 / SHA-1 signature
        @SuppressWarnings("unchecked")
        Vector<SignatureAndHashAlgorithm> offered = request.getSupportedSignatureAlgorithms();
        if (offered != null) {
            Optional<SignatureAndHashAlgorithm> chosen = ClientSignatures.choose(key, tls13, offered);
            if (chosen.isEmpty()) {
                clientCertificateNote = "the probe sent an empty Certificate: the server accepts signature algorithms "
                        + ClientSignatures.names(offered) + ", none usable with the " + keyName + " of "
                        + credential.subject() + " in " + (tls13 ? "TLS 1.3" : "TLS 1.2");
                return null;
            }
            signature = chosen.get();
        }
        List<X509Certificate> chain = credential.chain();
        CertificateEntry[] entries = new CertificateEntry[chain.size()];
        for (int i = 0; i < entries.length; i++) {
            try {
                entries[i] = new CertificateEntry(bc.createCertificate(chain.get(i).getEncoded()), null);
            } catch (CertificateEncodingException e) {
                clientCertificateNote = "the probe could not present its client certificate";
                throw new TlsFatalAlert(AlertDescription.internal_error, "cannot encode client certificate "
                        + chain.get(i).getSubjectX500Principal().getName(), e);
            }
        }
        // TLS 1.3 echoes the request's certificate_request_context; TLS 1.2 has none (null)
        Certificate certificate = new Certificate(request.getCertificateRequestContext(), entries);
        clientCertificateNote = "the probe sent client certificate " + credential.subject() + " (" + keyName
                + (signature != null ? ", signing with " + ClientSignatures.names(List.of(signature)).get(0) : "")
                + ")";
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), bc, key, certificate, signature);
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

    /** Whether the server sent a CertificateRequest. */
    boolean certificateRequested() {
        return certificateRequested;
    }

    /** What the probe answered to the server's CertificateRequest, e.g. which certificate it sent. */
    Optional<String> clientCertificateNote() {
        return Optional.ofNullable(clientCertificateNote);
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
