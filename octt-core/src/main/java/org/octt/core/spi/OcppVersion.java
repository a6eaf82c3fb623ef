package org.octt.core.spi;

/** OCPP versions a test case may target. */
public enum OcppVersion {
    OCPP_16J("ocpp1.6"),
    OCPP_201("ocpp2.0.1");

    private final String subprotocol;

    OcppVersion(String subprotocol) {
        this.subprotocol = subprotocol;
    }

    /** The WebSocket subprotocol name, e.g. {@code ocpp1.6}. */
    public String subprotocol() {
        return subprotocol;
    }
}
