package org.octt.tls.ws;

import java.io.IOException;

/** A message could not be sent because the WebSocket is closed or closing. */
public class WebSocketClosedException extends IOException {

    private static final long serialVersionUID = 1L;

    public WebSocketClosedException(String message) {
        super(message);
    }
}
