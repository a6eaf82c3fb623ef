package org.octt.tls.trust;

/** The JDK's default trust store could not be loaded; the message says which and why. */
public class TrustStoreException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public TrustStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
