package org.octt.tls.ws.internal;

import org.octt.tls.ws.ServerCertificatePolicy;
import org.octt.tls.ws.TlsObservation;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A client-side trust manager for one connection: records the chain the server presents, before any
 * judgment, then asks the {@link ServerCertificatePolicy}. A rejection fails the handshake unless the
 * connection is insecure; JSSE then sends neither a client certificate nor application data.
 * Thread-safe.
 */
public final class RecordingTrustManager extends X509ExtendedTrustManager {

    private final ServerCertificatePolicy policy;
    private final String host;
    private final boolean insecure;
    private volatile List<X509Certificate> chain = List.of();
    private volatile Optional<String> rejection = Optional.empty();

    public RecordingTrustManager(ServerCertificatePolicy policy, String host, boolean insecure) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.host = Objects.requireNonNull(host, "host");
        this.insecure = insecure;
    }

    /** What was seen so far. */
    public TlsObservation observation() {
        return new TlsObservation(chain, rejection, insecure);
    }

    /** True when the policy rejected the chain and the handshake was failed for it. */
    public boolean failedHandshake() {
        return rejection.isPresent() && !insecure;
    }

    private void check(X509Certificate[] presented) throws CertificateException {
        List<X509Certificate> recorded = presented == null ? List.of() : List.of(presented);
        chain = recorded;
        Optional<String> verdict;
        try {
            verdict = Objects.requireNonNull(policy.reject(recorded, host), "policy verdict");
        } catch (RuntimeException e) {
            verdict = Optional.of("the certificate policy failed: " + e);
        }
        rejection = verdict;
        if (verdict.isPresent() && !insecure) {
            throw new CertificateException("server certificate rejected: " + verdict.get());
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("a client trust manager does not judge client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("a client trust manager does not judge client certificates");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a client trust manager does not judge client certificates");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
