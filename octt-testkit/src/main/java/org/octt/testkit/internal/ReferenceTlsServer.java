package org.octt.testkit.internal;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentVerifierProviderBuilder;
import org.bouncycastle.operator.bc.BcRSAContentVerifierProviderBuilder;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SecurityParameters;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentialedDecryptor;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsExtensionsUtils;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedDecryptor;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.octt.testkit.ClientCertificatePolicy;
import org.octt.testkit.ObservedHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.Hashtable;
import java.util.List;
import java.util.Vector;
import java.util.function.Consumer;

/**
 * The server side of one TLS connection, on Bouncy Castle's low-level API: offers exactly the
 * versions and suites of its {@link TlsServerSettings}, picks the certificates of the host name the
 * client names (SNI; the primary host name's without SNI or for an unknown name), then the RSA or the
 * ECDSA one by the negotiated suite (by the client's signature schemes under TLS 1.3), and under
 * asks for a client certificate from the accepted issuers as its {@link ClientCertificatePolicy} says. One instance per
 * connection; used on the connection's event loop only.
 */
public final class ReferenceTlsServer extends DefaultTlsServer {

    private static final Logger LOG = LoggerFactory.getLogger(ReferenceTlsServer.class);

    private final BcTlsCrypto crypto;
    private final TlsServerSettings settings;
    private final Consumer<ObservedHandshake> onHandshake;
    private final Consumer<String> onFailure;
    private boolean handshakeComplete;
    private boolean clientCertificateVerified;
    private volatile String clientCommonName;
    private String certificateKeyAlgorithm = "none";
    private HostCredentials credentials;
    private boolean serverNameMatched;

    public ReferenceTlsServer(BcTlsCrypto crypto, TlsServerSettings settings,
            Consumer<ObservedHandshake> onHandshake, Consumer<String> onFailure) {
        super(crypto);
        this.crypto = crypto;
        this.settings = settings;
        this.onHandshake = onHandshake;
        this.onFailure = onFailure;
        this.credentials = settings.primary();
    }

    /** Whether the handshake has completed on this connection. */
    public boolean isHandshakeComplete() {
        return handshakeComplete;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        return settings.versions().toArray(new ProtocolVersion[0]);
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        int[] suites = settings.cipherSuites().stream().mapToInt(Integer::intValue).toArray();
        return TlsUtils.getSupportedCipherSuites(getCrypto(), suites);
    }

    @Override
    protected boolean preferLocalCipherSuites() {
        return true;
    }

    @Override
    @SuppressWarnings("rawtypes") // Bouncy Castle's signature
    public void processClientExtensions(Hashtable clientExtensions) throws IOException {
        super.processClientExtensions(clientExtensions);
        // Bouncy Castle has already parsed the server_name extension into the security parameters.
        Vector<?> serverNames = context.getSecurityParametersHandshake().getClientServerNames();
        if (serverNames == null) {
            return;
        }
        for (Object o : serverNames) {
            ServerName name = (ServerName) o;
            if (name.getNameType() == NameType.host_name) {
                settings.forHostName(new String(name.getNameData(), StandardCharsets.US_ASCII)).ifPresent(c -> {
                    credentials = c;
                    serverNameMatched = true;
                });
                return; // RFC 6066: at most one name of each type
            }
        }
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"}) // Bouncy Castle's signature
    public Hashtable getServerExtensions() throws IOException {
        Hashtable serverExtensions = super.getServerExtensions();
        if (serverNameMatched) {
            TlsExtensionsUtils.addServerNameExtensionServer(serverExtensions); // RFC 6066: the name was used
        }
        return serverExtensions;
    }

    @Override
    public TlsCredentials getCredentials() throws IOException {
        if (!TlsUtils.isTLSv13(context)) {
            return super.getCredentials();
        }
        // TLS 1.3: the suite does not say which certificate; the client's signature schemes do.
        Vector<?> clientSigAlgs = context.getSecurityParametersHandshake().getClientSigAlgs();
        SignatureAndHashAlgorithm ecdsaP256 = SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256,
                SignatureAlgorithm.ecdsa);
        if (credentials.ec().isPresent() && credentials.ec().get().isP256() && contains(clientSigAlgs, ecdsaP256)) {
            return signer(credentials.ec().get(), ecdsaP256, "EC");
        }
        if (credentials.rsa().isPresent()) {
            for (SignatureAndHashAlgorithm alg : List.of(SignatureAndHashAlgorithm.rsa_pss_rsae_sha256,
                    SignatureAndHashAlgorithm.rsa_pss_rsae_sha384, SignatureAndHashAlgorithm.rsa_pss_rsae_sha512)) {
                if (contains(clientSigAlgs, alg)) {
                    return signer(credentials.rsa().get(), alg, "RSA");
                }
            }
        }
        throw new TlsFatalAlert(AlertDescription.handshake_failure,
                "no certificate for the client's TLS 1.3 signature schemes");
    }

    @Override
    protected TlsCredentialedDecryptor getRSAEncryptionCredentials() throws IOException {
        ServerCredential rsa = credentials.rsa().orElseThrow(() -> new TlsFatalAlert(AlertDescription.internal_error,
                "no RSA certificate"));
        certificateKeyAlgorithm = "RSA";
        return new BcDefaultTlsCredentialedDecryptor(crypto, certificate(rsa), rsa.privateKey());
    }

    @Override
    protected TlsCredentialedSigner getRSASignerCredentials() throws IOException {
        ServerCredential rsa = credentials.rsa().orElseThrow(() -> new TlsFatalAlert(AlertDescription.internal_error,
                "no RSA certificate"));
        return signer(rsa, chooseTls12SigAlg(SignatureAlgorithm.rsa), "RSA");
    }

    @Override
    protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
        ServerCredential ec = credentials.ec().orElseThrow(() -> new TlsFatalAlert(AlertDescription.internal_error,
                "no ECDSA certificate"));
        return signer(ec, chooseTls12SigAlg(SignatureAlgorithm.ecdsa), "EC");
    }

    @Override
    public CertificateRequest getCertificateRequest() throws IOException {
        if (settings.clientCertificates() == ClientCertificatePolicy.Mode.NONE) {
            return null;
        }
        Vector<SignatureAndHashAlgorithm> sigAlgs = null;
        if (TlsUtils.isSignatureAlgorithmsExtensionAllowed(context.getServerVersion())) {
            @SuppressWarnings("unchecked")
            Vector<SignatureAndHashAlgorithm> defaults = TlsUtils.getDefaultSupportedSignatureAlgorithms(context);
            sigAlgs = defaults;
        }
        Vector<X500Name> authorities = new Vector<>();
        for (X509Certificate ca : settings.clientIssuers()) {
            authorities.add(X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()));
        }
        if (TlsUtils.isTLSv13(context)) {
            return new CertificateRequest(TlsUtils.EMPTY_BYTES, sigAlgs, null, authorities);
        }
        short[] types = {ClientCertificateType.rsa_sign, ClientCertificateType.ecdsa_sign};
        return new CertificateRequest(types, sigAlgs, authorities);
    }

    @Override
    public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
        if (settings.clientCertificates() == ClientCertificatePolicy.Mode.NONE) {
            return;
        }
        if (clientCertificate == null || clientCertificate.isEmpty()) {
            if (settings.clientCertificates() == ClientCertificatePolicy.Mode.OPTIONAL) {
                return;
            }
            throw new TlsFatalAlert(TlsUtils.isTLSv13(context) ? AlertDescription.certificate_required
                    : AlertDescription.handshake_failure, "a client certificate is required");
        }
        X509CertificateHolder leaf;
        try {
            leaf = new X509CertificateHolder(clientCertificate.getCertificateAt(0).getEncoded());
        } catch (IOException e) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "client certificate does not parse", e);
        }
        clientCommonName = commonName(leaf);
        if (settings.checkClientValidity() && !leaf.isValidOn(new Date())) {
            throw new TlsFatalAlert(AlertDescription.certificate_expired, "client certificate is not valid now");
        }
        if (!settings.checkClientIssuer()) {
            clientCertificateVerified = true;
            return;
        }
        try {
            for (X509Certificate ca : settings.clientIssuers()) {
                X509CertificateHolder caHolder = new JcaX509CertificateHolder(ca);
                if (leaf.getIssuer().equals(caHolder.getSubject()) && leaf.isSignatureValid(verifier(caHolder))) {
                    clientCertificateVerified = true;
                    return;
                }
            }
        } catch (CertificateEncodingException | CertException | OperatorCreationException e) {
            throw new TlsFatalAlert(AlertDescription.bad_certificate, "cannot verify client certificate", e);
        }
        throw new TlsFatalAlert(AlertDescription.unknown_ca, "client certificate not issued by an accepted issuer");
    }

    /** The first CN of the certificate's subject, or "" when it has none. */
    private static String commonName(X509CertificateHolder leaf) {
        org.bouncycastle.asn1.x500.RDN[] cns = leaf.getSubject().getRDNs(org.bouncycastle.asn1.x500.style.BCStyle.CN);
        return cns.length == 0 ? ""
                : org.bouncycastle.asn1.x500.style.IETFUtils.valueToString(cns[0].getFirst().getValue());
    }

    /** The CN of the client certificate the client presented ("" without a CN); empty when it presented none. */
    java.util.Optional<String> clientCommonName() {
        return java.util.Optional.ofNullable(clientCommonName);
    }

    private static ContentVerifierProvider verifier(X509CertificateHolder ca) throws OperatorCreationException {
        String alg = ca.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm().getId();
        if ("1.2.840.10045.2.1".equals(alg)) {
            return new BcECContentVerifierProviderBuilder(new DefaultDigestAlgorithmIdentifierFinder()).build(ca);
        }
        return new BcRSAContentVerifierProviderBuilder(new DefaultDigestAlgorithmIdentifierFinder()).build(ca);
    }

    @Override
    public void notifyHandshakeComplete() throws IOException {
        super.notifyHandshakeComplete();
        handshakeComplete = true;
        SecurityParameters sp = context.getSecurityParametersConnection();
        onHandshake.accept(new ObservedHandshake(jsseName(sp.getNegotiatedVersion()),
                org.octt.tls.probe.CipherSuites.describe(sp.getCipherSuite()), certificateKeyAlgorithm, clientCertificateVerified));
    }

    @Override
    public void notifyAlertRaised(short alertLevel, short alertDescription, String message, Throwable cause) {
        if (alertLevel == AlertLevel.fatal) {
            String alert = AlertDescription.getName(alertDescription);
            LOG.debug("TLS server raised fatal alert {}: {}", alert, message);
            onFailure.accept(alert);
        }
    }

    @Override
    public void notifyAlertReceived(short alertLevel, short alertDescription) {
        if (alertLevel == AlertLevel.fatal) {
            LOG.debug("TLS server received fatal alert {}", AlertDescription.getName(alertDescription));
        }
    }

    /** {@code TLSv1.2} style names. */
    public static String jsseName(ProtocolVersion v) {
        if (v == null) {
            return "none";
        }
        if (ProtocolVersion.TLSv10.equals(v)) {
            return "TLSv1";
        }
        return "TLSv1." + (v.getMinorVersion() - 1);
    }

    private SignatureAndHashAlgorithm chooseTls12SigAlg(short signatureAlgorithm) {
        if (!TlsUtils.isSignatureAlgorithmsExtensionAllowed(context.getServerVersion())) {
            return null; // TLS 1.0 and 1.1: the legacy MD5/SHA-1 signatures, no algorithm to name
        }
        Vector<?> clientSigAlgs = context.getSecurityParametersHandshake().getClientSigAlgs();
        if (clientSigAlgs != null) {
            for (Object o : clientSigAlgs) {
                SignatureAndHashAlgorithm alg = (SignatureAndHashAlgorithm) o;
                if (alg.getSignature() == signatureAlgorithm && alg.getHash() != HashAlgorithm.md5) {
                    return alg;
                }
            }
        }
        return SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha1, signatureAlgorithm);
    }

    private TlsCredentialedSigner signer(ServerCredential credential, SignatureAndHashAlgorithm alg, String keyType)
            throws IOException {
        certificateKeyAlgorithm = keyType;
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, credential.privateKey(),
                certificate(credential), alg);
    }

    private Certificate certificate(ServerCredential credential) throws IOException {
        List<byte[]> chain = credential.chainDer();
        TlsCertificate[] certs = new TlsCertificate[chain.size()];
        for (int i = 0; i < certs.length; i++) {
            certs[i] = crypto.createCertificate(chain.get(i));
        }
        if (TlsUtils.isTLSv13(context)) {
            CertificateEntry[] entries = new CertificateEntry[certs.length];
            for (int i = 0; i < certs.length; i++) {
                entries[i] = new CertificateEntry(certs[i], null);
            }
            return new Certificate(TlsUtils.EMPTY_BYTES, entries);
        }
        return new Certificate(certs);
    }

    private static boolean contains(Vector<?> algs, SignatureAndHashAlgorithm alg) {
        return algs != null && algs.contains(alg);
    }
}
