package org.octt.tls.internal;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import java.security.Provider;

/**
 * The one private Bouncy Castle JCA provider of octt-tls: never registered JVM-wide, created on first
 * use only (constructing it costs about a second on a small machine, which a command-line run must
 * not pay when the JDK's providers suffice).
 */
public final class BouncyCastle {

    private BouncyCastle() {
    }

    /** The provider, created on first call; thread-safe. */
    public static Provider provider() {
        return Holder.PROVIDER;
    }

    private static final class Holder {
        static final Provider PROVIDER = new BouncyCastleProvider();
    }
}
