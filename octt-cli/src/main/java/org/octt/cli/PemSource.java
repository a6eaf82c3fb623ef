package org.octt.cli;

import org.octt.tls.cert.PemException;
import org.octt.tls.cert.PemFiles;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Reads certificates and keys from PEM files; every failure is a {@link PemException} naming the
 * file and the problem, never a key. {@link PemFiles} in production.
 */
public interface PemSource {

    /** Every certificate in the file (at least one). */
    List<X509Certificate> certificates(Path file);

    /** The private key in the file. */
    PrivateKey privateKey(Path file);

    /** Fails with {@link PemException} unless {@code key} belongs to {@code certificate}. */
    void requireMatchingKey(X509Certificate certificate, PrivateKey key, Path keyFile);

    /** The real one: octt-tls {@link PemFiles}. */
    static PemSource files() {
        return new PemSource() {
            @Override
            public List<X509Certificate> certificates(Path file) {
                return PemFiles.readCertificates(file);
            }

            @Override
            public PrivateKey privateKey(Path file) {
                return PemFiles.readPrivateKey(file);
            }

            @Override
            public void requireMatchingKey(X509Certificate certificate, PrivateKey key, Path keyFile) {
                PemFiles.requireMatchingKey(certificate, key, keyFile);
            }
        };
    }
}
