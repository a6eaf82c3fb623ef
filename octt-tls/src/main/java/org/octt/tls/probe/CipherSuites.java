package org.octt.tls.probe;

import org.bouncycastle.tls.CipherSuite;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The cipher suites a probe can offer, by IANA name ({@code TLS_RSA_WITH_AES_128_GCM_SHA256},
 * {@code TLS_AES_128_GCM_SHA256}), with their two-octet codes. The set is every suite Bouncy Castle's
 * TLS API knows. Stateless and thread-safe.
 */
public final class CipherSuites {

    private static final Map<String, Integer> BY_NAME;
    private static final Map<Integer, String> BY_CODE;

    static {
        Map<String, Integer> byName = new HashMap<>();
        Map<Integer, String> byCode = new HashMap<>();
        for (Field f : CipherSuite.class.getFields()) {
            int m = f.getModifiers();
            if (Modifier.isStatic(m) && Modifier.isFinal(m) && f.getType() == int.class
                    && f.getName().startsWith("TLS_")) {
                try {
                    int code = f.getInt(null);
                    byName.put(f.getName(), code);
                    byCode.putIfAbsent(code, f.getName());
                } catch (IllegalAccessException e) {
                    throw new ExceptionInInitializerError(e);
                }
            }
        }
        BY_NAME = Map.copyOf(byName);
        BY_CODE = Map.copyOf(byCode);
    }

    private CipherSuites() {
    }

    /**
     * The code of the suite with this IANA name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the suite when it is unknown
     */
    public static int code(String ianaName) {
        Integer code = BY_NAME.get(ianaName.trim().toUpperCase(Locale.ROOT));
        if (code == null) {
            throw new IllegalArgumentException("unknown cipher suite: " + ianaName
                    + " (expected an IANA name such as TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)");
        }
        return code;
    }

    /** The canonical IANA name for {@code ianaName} (upper case). @throws IllegalArgumentException if unknown */
    public static String canonicalName(String ianaName) {
        return name(code(ianaName)).orElseThrow();
    }

    /** The IANA name of the suite with this code, or empty if Bouncy Castle does not know it. */
    public static Optional<String> name(int code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }

    /** The IANA name, or {@code 0xC02F}-style hex for an unknown code; never null. */
    public static String describe(int code) {
        return name(code).orElseGet(() -> String.format(Locale.ROOT, "0x%04X", code));
    }

    /** Whether this is a TLS 1.3 suite (no key exchange in its name, e.g. {@code TLS_AES_128_GCM_SHA256}). */
    public static boolean isTls13(String ianaName) {
        int code = code(ianaName);
        // 0x13xx (RFC 8446) and the ShangMi suites of RFC 8998
        return (code & 0xFF00) == 0x1300 || code == 0x00C6 || code == 0x00C7;
    }

    /** Every known IANA name, sorted. */
    public static Set<String> names() {
        return Collections.unmodifiableSet(new TreeSet<>(BY_NAME.keySet()));
    }
}
