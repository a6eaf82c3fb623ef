package org.octt.tls.probe.internal;

import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.SignatureScheme;
import org.bouncycastle.tls.crypto.TlsCrypto;
import org.octt.tls.probe.TlsVersion;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything Bouncy Castle's TLS API can offer beyond its defaults: every named group and every
 * signature algorithm, so that servers with legacy keys (P-192, secp224r1, RSA-1024 signed with
 * SHA-1) still answer with their certificate. Stateless.
 */
final class Offers {

    private static final List<Integer> ALL_GROUPS = intConstants(NamedGroup.class);
    private static final List<Integer> ALL_SCHEMES = intConstants(SignatureScheme.class);
    private static final short[] LEGACY_HASHES = {HashAlgorithm.sha512, HashAlgorithm.sha384, HashAlgorithm.sha256,
        HashAlgorithm.sha224, HashAlgorithm.sha1, HashAlgorithm.md5};
    private static final short[] LEGACY_SIGNATURES = {SignatureAlgorithm.ecdsa, SignatureAlgorithm.rsa,
        SignatureAlgorithm.dsa};

    private Offers() {
    }

    static ProtocolVersion protocolVersion(TlsVersion v) {
        return switch (v) {
            case TLS1_0 -> ProtocolVersion.TLSv10;
            case TLS1_1 -> ProtocolVersion.TLSv11;
            case TLS1_2 -> ProtocolVersion.TLSv12;
            case TLS1_3 -> ProtocolVersion.TLSv13;
        };
    }

    /** Every specific group the crypto supports and {@code latest} can negotiate, after {@code first}. */
    static List<Integer> groups(TlsCrypto crypto, ProtocolVersion latest, List<Integer> first) {
        List<Integer> groups = new ArrayList<>(first);
        for (int g : ALL_GROUPS) {
            if (!groups.contains(g) && NamedGroup.refersToASpecificGroup(g) && !NamedGroup.isPrivate(g)
                    && NamedGroup.canBeNegotiated(g, latest) && crypto.hasNamedGroup(g)) {
                groups.add(g);
            }
        }
        return groups;
    }

    /** Every signature algorithm the crypto supports, after {@code first}. */
    static List<SignatureAndHashAlgorithm> signatureAlgorithms(TlsCrypto crypto,
                                                                List<SignatureAndHashAlgorithm> first) {
        List<SignatureAndHashAlgorithm> algs = new ArrayList<>(first);
        for (int scheme : ALL_SCHEMES) {
            if (!SignatureScheme.isPrivate(scheme)) {
                add(crypto, algs, SignatureScheme.getSignatureAndHashAlgorithm(scheme));
            }
        }
        for (short hash : LEGACY_HASHES) {
            for (short sig : LEGACY_SIGNATURES) {
                add(crypto, algs, SignatureAndHashAlgorithm.getInstance(hash, sig));
            }
        }
        return algs;
    }

    private static void add(TlsCrypto crypto, List<SignatureAndHashAlgorithm> algs, SignatureAndHashAlgorithm a) {
        if (!algs.contains(a) && crypto.hasSignatureAndHashAlgorithm(a)) {
            algs.add(a);
        }
    }

    private static List<Integer> intConstants(Class<?> type) {
        List<Integer> values = new ArrayList<>();
        for (Field f : type.getFields()) {
            int m = f.getModifiers();
            if (Modifier.isStatic(m) && Modifier.isFinal(m) && f.getType() == int.class) {
                try {
                    int v = f.getInt(null);
                    if (!values.contains(v)) {
                        values.add(v);
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read " + type.getName() + "." + f.getName(), e);
                }
            }
        }
        return List.copyOf(values);
    }
}
