package org.octt.core.spi;

/** Which side of OCPP a test case examines; octt plays the other side. */
public enum SystemUnderTest {
    /** The Central System (CSMS); octt plays a Charge Point. */
    CENTRAL_SYSTEM,
    /** The Charge Point; octt plays a Central System. */
    CHARGE_POINT
}
