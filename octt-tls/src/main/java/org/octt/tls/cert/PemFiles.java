package org.octt.tls.cert;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Reads certificates and private keys from PEM files. STUB: signatures fixed, implementation
 * pending (issue 3). Every failure is a {@link PemException} naming the file and the problem
 * (missing, unreadable, no PEM block, garbage, encrypted key, key does not match certificate);
 * never the key's content.
 */
public final class PemFiles {

    private PemFiles() {
    }

    /** Every certificate in the file (at least one). */
    public static List<X509Certificate> readCertificates(Path file) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The private key in the file: PKCS#8, PKCS#1 (RSA) or SEC1 (EC). */
    public static PrivateKey readPrivateKey(Path file) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Fails with {@link PemException} unless {@code key} is the private key of {@code certificate}. */
    public static void requireMatchingKey(X509Certificate certificate, PrivateKey key, Path keyFile) {
        throw new UnsupportedOperationException("not implemented yet");
    }
}
