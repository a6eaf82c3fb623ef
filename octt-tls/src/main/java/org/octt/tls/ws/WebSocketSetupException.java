package org.octt.tls.ws;

/** The client could not be set up locally (e.g. the TLS context or the client key was refused by the JDK). */
public class WebSocketSetupException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public WebSocketSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
