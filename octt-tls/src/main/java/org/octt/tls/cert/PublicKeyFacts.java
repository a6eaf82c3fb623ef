package org.octt.tls.cert;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a certificate says about its subject public key, read from the SubjectPublicKeyInfo with
 * Bouncy Castle (so keys the JDK refuses, such as P-192 on recent JDKs, are described too).
 *
 * @param algorithm    the key algorithm
 * @param algorithmOid the SubjectPublicKeyInfo algorithm OID, e.g. {@code 1.2.840.10045.2.1}
 * @param sizeBits     RSA and RSASSA-PSS: modulus bits; DSA: bits of p; EC: the curve's field size;
 *                     Ed25519: 255; Ed448: 448; {@code 0} when unknown (DSA with inherited
 *                     parameters, an unknown curve, an unknown algorithm)
 * @param curveNames   EC only, empty otherwise: the curve's names, SEC name first, then the NIST
 *                     name if any (e.g. {@code [secp256r1, P-256]}); an unknown named curve is
 *                     listed by its OID; explicit curve parameters give {@code [explicit]}
 */
public record PublicKeyFacts(KeyAlgorithm algorithm, String algorithmOid, int sizeBits, List<String> curveNames) {

    public PublicKeyFacts {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(algorithmOid, "algorithmOid");
        curveNames = List.copyOf(curveNames);
        if (sizeBits < 0) {
            throw new IllegalArgumentException("key size must not be negative, was: " + sizeBits);
        }
    }

    /** The first curve name (SEC name, e.g. {@code secp256r1}); empty for keys other than EC. */
    public Optional<String> curveName() {
        return curveNames.stream().findFirst();
    }

    /** A short description: {@code RSA 2048 bits}, {@code EC secp256r1 (P-256) 256 bits}. */
    public String describe() {
        StringBuilder sb = new StringBuilder(algorithm == KeyAlgorithm.OTHER ? algorithmOid : algorithm.displayName());
        if (!curveNames.isEmpty()) {
            sb.append(' ').append(curveNames.get(0));
            if (curveNames.size() > 1) {
                sb.append(" (").append(String.join(", ", curveNames.subList(1, curveNames.size()))).append(')');
            }
        }
        sb.append(' ').append(sizeBits == 0 ? "unknown size" : sizeBits + " bits");
        return sb.toString();
    }
}
