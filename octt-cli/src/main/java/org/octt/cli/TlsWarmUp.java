package org.octt.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateEntry;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerOnlyTlsAuthentication;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsProtocol;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Warms a cold JVM up for a TLS test case: runs, in memory and without any network access, what the
 * steps of a run need (Bouncy Castle TLS 1.3 and 1.2 handshakes as the probes make them, a PKIX
 * validation, a JSON round trip; the secured WebSocket uses the same Bouncy Castle TLS), so that
 * class loading,
 * static initialisation and the first compilations of that code happen on another core while the
 * command line starts and the first network steps run.
 *
 * <p>Only for short-lived processes such as the command line: a long-lived embedder gains nothing.
 * It changes no state anyone can observe (no security property, no provider, no socket, no file):
 * a throwaway key pair and self-signed certificate live and die inside {@link #run()}.
 *
 * <p>Thread-safe; each call does the whole work again.
 */
final class TlsWarmUp {

    /** The suites the warm-up server accepts: what the probes negotiate most (ECDHE with ECDSA, AES-GCM). */
    private static final int[] SUITES = {CipherSuite.TLS_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256};

    private TlsWarmUp() {
    }

    /**
     * Starts {@link #run()} on a new daemon thread named {@code octt-warm-up} and returns it.
     *
     * @return the started thread (daemon: it never keeps the JVM alive)
     */
    public static Thread startInBackground() {
        Thread t = new Thread(TlsWarmUp::run, "octt-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    /**
     * Does the warm-up work on the calling thread. It never fails: the warm-up only saves time, so
     * a JDK without a needed algorithm just ends it early.
     *
     * @return whether the whole warm-up ran
     */
    public static boolean run() {
        try {
            return runOrThrow();
        } catch (GeneralSecurityException | IOException | OperatorCreationException | RuntimeException e) {
            return false; // the warm-up is an optimisation only: the run itself reports real problems
        }
    }

    /** {@link #run()}, with its failures: whether both Bouncy Castle handshakes completed. */
    static boolean runOrThrow() throws GeneralSecurityException, IOException, OperatorCreationException {
        KeyPair keys = ecKeyPair();
        X509Certificate certificate = selfSigned(keys);
        // in the order a TC_086_CSMS run needs them: TLS probes, certificate checks, secured WebSocket
        boolean probes = bcHandshake(keys, certificate, ProtocolVersion.TLSv13)
                & bcHandshake(keys, certificate, ProtocolVersion.TLSv12);
        pkix(certificate);
        // the secured WebSocket runs on Bouncy Castle's TLS too: the handshakes above warm it up
        json();
        return probes;
    }

    private static KeyPair ecKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static X509Certificate selfSigned(KeyPair keys) throws GeneralSecurityException, IOException,
            OperatorCreationException {
        X500Name name = new X500Name("CN=octt warm-up");
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                Date.from(now.minus(Duration.ofMinutes(1))), Date.from(now.plus(Duration.ofHours(1))), name,
                keys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        byte[] der = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())).getEncoded();
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    /**
     * A Bouncy Castle TLS handshake in memory, client and server in non-blocking mode, as the TLS
     * probes do it ({@link BcTlsCrypto}, X25519, ECDSA P-256, AES-GCM).
     */
    private static boolean bcHandshake(KeyPair keys, X509Certificate certificate, ProtocolVersion version)
            throws IOException, GeneralSecurityException {
        BcTlsCrypto crypto = new BcTlsCrypto(new SecureRandom());
        AsymmetricKeyParameter key = PrivateKeyFactory.createKey(keys.getPrivate().getEncoded());
        TlsCertificate tlsCertificate = crypto.createCertificate(certificate.getEncoded());
        boolean tls13 = TlsUtils.isTLSv13(version);
        Certificate chain = tls13
                ? new Certificate(TlsUtils.EMPTY_BYTES, new CertificateEntry[] {new CertificateEntry(tlsCertificate, null)})
                : new Certificate(new TlsCertificate[] {tlsCertificate});
        ProtocolVersion[] versions = {version};
        boolean[] complete = new boolean[2];
        DefaultTlsServer server = new DefaultTlsServer(crypto) {
            @Override
            protected ProtocolVersion[] getSupportedVersions() {
                return versions;
            }

            @Override
            protected int[] getSupportedCipherSuites() {
                return SUITES;
            }

            @Override
            public TlsCredentials getCredentials() {
                return getECDSASignerCredentials();
            }

            @Override
            protected TlsCredentialedSigner getECDSASignerCredentials() {
                return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto, key, chain,
                        SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
            }

            @Override
            public void notifyHandshakeComplete() {
                complete[1] = true;
            }
        };
        DefaultTlsClient client = new DefaultTlsClient(crypto) {
            @Override
            protected ProtocolVersion[] getSupportedVersions() {
                return versions;
            }

            @Override
            public TlsAuthentication getAuthentication() {
                return new ServerOnlyTlsAuthentication() {
                    @Override
                    public void notifyServerCertificate(TlsServerCertificate serverCertificate) {
                        // the warm-up trusts its own throwaway certificate
                    }
                };
            }

            @Override
            public void notifyHandshakeComplete() {
                complete[0] = true;
            }
        };
        TlsClientProtocol clientProtocol = new TlsClientProtocol();
        TlsServerProtocol serverProtocol = new TlsServerProtocol();
        clientProtocol.connect(client);
        serverProtocol.accept(server);
        for (int round = 0; round < 20 && !(complete[0] && complete[1]); round++) {
            pump(clientProtocol, serverProtocol);
            pump(serverProtocol, clientProtocol);
        }
        return complete[0] && complete[1];
    }

    private static void pump(TlsProtocol from, TlsProtocol to) throws IOException {
        int n;
        while ((n = from.getAvailableOutputBytes()) > 0) {
            byte[] bytes = new byte[n];
            from.readOutput(bytes, 0, n);
            to.offerInput(bytes);
        }
    }

    private static void pkix(X509Certificate certificate) throws GeneralSecurityException {
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(certificate, null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate)), params);
    }

    private static void json() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        String text = mapper.writeValueAsString(List.of(2, "1", "BootNotification",
                Map.of("chargePointVendor", "octt", "chargePointModel", "warm-up")));
        mapper.readTree(text);
    }
}
