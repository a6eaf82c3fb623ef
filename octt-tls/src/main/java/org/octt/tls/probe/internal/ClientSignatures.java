package org.octt.tls.probe.internal;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.SignatureScheme;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses the signature scheme for a client's CertificateVerify: the first of our preferences for
 * the key that the server's CertificateRequest lists. Stateless; thread-safe.
 *
 * <ul>
 *   <li>RSA, TLS 1.3: rsa_pss_rsae_sha256/384/512 (RFC 8446 allows no PKCS#1 v1.5 in CertificateVerify).</li>
 *   <li>RSA, TLS 1.2: rsa_pkcs1_sha256/384/512, then rsa_pss_rsae_sha256/384/512, then rsa_pkcs1_sha1.</li>
 *   <li>EC, TLS 1.3: only the scheme of the key's curve (ecdsa_secp256r1_sha256, ecdsa_secp384r1_sha384,
 *       ecdsa_secp521r1_sha512).</li>
 *   <li>EC, TLS 1.2: the scheme of the key's curve first, then ECDSA with SHA-256/384/512, then SHA-1
 *       (TLS 1.2 does not tie the hash to the curve).</li>
 * </ul>
 */
public final class ClientSignatures {

    private ClientSignatures() {
    }

    /** Our preferences for {@code key} in order, best first; empty for a key type we cannot sign with. */
    static List<Integer> preferences(AsymmetricKeyParameter key, boolean tls13) {
        Set<Integer> schemes = new LinkedHashSet<>();
        if (key instanceof RSAKeyParameters) {
            if (!tls13) {
                schemes.addAll(List.of(SignatureScheme.rsa_pkcs1_sha256, SignatureScheme.rsa_pkcs1_sha384,
                        SignatureScheme.rsa_pkcs1_sha512));
            }
            schemes.addAll(List.of(SignatureScheme.rsa_pss_rsae_sha256, SignatureScheme.rsa_pss_rsae_sha384,
                    SignatureScheme.rsa_pss_rsae_sha512));
            if (!tls13) {
                schemes.add(SignatureScheme.rsa_pkcs1_sha1);
            }
        } else if (key instanceof ECPrivateKeyParameters ec) {
            curveScheme(ec).ifPresent(schemes::add);
            if (!tls13) {
                schemes.addAll(List.of(SignatureScheme.ecdsa_secp256r1_sha256, SignatureScheme.ecdsa_secp384r1_sha384,
                        SignatureScheme.ecdsa_secp521r1_sha512, SignatureScheme.ecdsa_sha1));
            }
        }
        return List.copyOf(schemes);
    }

    /**
     * The first of our {@link #preferences} that {@code offered} (the CertificateRequest's
     * supported_signature_algorithms / signature_algorithms) contains; empty when none does.
     */
    public static Optional<SignatureAndHashAlgorithm> choose(AsymmetricKeyParameter key, boolean tls13,
                                                       Collection<SignatureAndHashAlgorithm> offered) {
        Set<Integer> offeredSchemes = new LinkedHashSet<>();
        for (SignatureAndHashAlgorithm a : offered) {
            offeredSchemes.add(SignatureScheme.from(a));
        }
        for (int scheme : preferences(key, tls13)) {
            if (offeredSchemes.contains(scheme)) {
                return Optional.of(SignatureScheme.getSignatureAndHashAlgorithm(scheme));
            }
        }
        return Optional.empty();
    }

    /** Names of the schemes, e.g. {@code [rsa_pss_rsae_sha256, ecdsa_secp256r1_sha256]}, for messages. */
    static List<String> names(Collection<SignatureAndHashAlgorithm> algorithms) {
        List<String> names = new ArrayList<>();
        for (SignatureAndHashAlgorithm a : algorithms) {
            names.add(SignatureScheme.getName(SignatureScheme.from(a)));
        }
        return names;
    }

    /** Whether a TLS 1.2 CertificateRequest's certificate_types admit {@code key}. */
    public static boolean acceptsType(AsymmetricKeyParameter key, short[] types) {
        short wanted = key instanceof RSAKeyParameters ? ClientCertificateType.rsa_sign
                : key instanceof ECPrivateKeyParameters ? ClientCertificateType.ecdsa_sign : -1;
        for (short t : types) {
            if (t == wanted) {
                return true;
            }
        }
        return false;
    }

    /** The certificate types as names, for messages. */
    static List<String> typeNames(short[] types) {
        List<String> names = new ArrayList<>();
        for (short t : types) {
            names.add(ClientCertificateType.getName(t));
        }
        return names;
    }

    /** The key's type and size, e.g. {@code RSA-2048 key}, {@code EC key on secp256r1}; no key material. */
    static String describe(AsymmetricKeyParameter key) {
        if (key instanceof RSAKeyParameters rsa) {
            return "RSA-" + rsa.getModulus().bitLength() + " key";
        }
        if (key instanceof ECPrivateKeyParameters ec) {
            if (ec.getParameters() instanceof ECNamedDomainParameters named) {
                String name = SECNamedCurves.getName(named.getName()); // secp256r1 rather than prime256v1
                if (name == null) {
                    name = ECNamedCurveTable.getName(named.getName());
                }
                return "EC key on " + (name != null ? name : named.getName().getId());
            }
            return "EC key on explicit curve parameters";
        }
        return key.getClass().getSimpleName().replace("PrivateKeyParameters", "") + " key";
    }

    private static Optional<Integer> curveScheme(ECPrivateKeyParameters key) {
        if (!(key.getParameters() instanceof ECNamedDomainParameters named)) {
            return Optional.empty();
        }
        ASN1ObjectIdentifier curve = named.getName();
        if (SECObjectIdentifiers.secp256r1.equals(curve)) {
            return Optional.of(SignatureScheme.ecdsa_secp256r1_sha256);
        }
        if (SECObjectIdentifiers.secp384r1.equals(curve)) {
            return Optional.of(SignatureScheme.ecdsa_secp384r1_sha384);
        }
        if (SECObjectIdentifiers.secp521r1.equals(curve)) {
            return Optional.of(SignatureScheme.ecdsa_secp521r1_sha512);
        }
        return Optional.empty();
    }
}
