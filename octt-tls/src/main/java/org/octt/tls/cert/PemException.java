package org.octt.tls.cert;

/** A PEM file could not be used; the message names the file and the problem, never a key. */
public class PemException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public PemException(String message) {
        super(message);
    }

    public PemException(String message, Throwable cause) {
        super(message, cause);
    }
}
