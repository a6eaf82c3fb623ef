package org.octt.testkit.internal;

import org.bouncycastle.tls.CipherSuite;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

/** IANA names of Bouncy Castle's cipher suite code points. */
public final class CipherSuites {

    private static final Map<Integer, String> NAMES = names();

    private CipherSuites() {
    }

    /** The IANA name, e.g. {@code TLS_RSA_WITH_AES_128_GCM_SHA256}, or {@code 0x....} when unknown. */
    public static String name(int cipherSuite) {
        String n = NAMES.get(cipherSuite);
        return n != null ? n : String.format("0x%04X", cipherSuite);
    }

    private static Map<Integer, String> names() {
        Map<Integer, String> m = new HashMap<>();
        for (Field f : CipherSuite.class.getFields()) {
            if (f.getType() == int.class && Modifier.isStatic(f.getModifiers()) && f.getName().startsWith("TLS_")) {
                try {
                    m.putIfAbsent(f.getInt(null), f.getName());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read " + f, e);
                }
            }
        }
        return Map.copyOf(m);
    }
}
