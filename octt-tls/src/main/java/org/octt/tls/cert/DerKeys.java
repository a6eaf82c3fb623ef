package org.octt.tls.cert;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.asn1.DERNull;

import java.io.IOException;

/**
 * Private keys and certificates in binary DER, as OpenSSL writes them with {@code -outform DER}:
 * PKCS#8 ({@code PrivateKeyInfo}), PKCS#1 ({@code RSAPrivateKey}) and SEC1 ({@code ECPrivateKey}
 * holding its curve). The structure is told apart by its first fields. Messages never hold key
 * material. Stateless.
 */
final class DerKeys {

    private DerKeys() {
    }

    /** The one DER structure of the content, nothing after it. */
    static ASN1Primitive parse(byte[] content, String source, String expected) {
        try {
            return ASN1Primitive.fromByteArray(content); // refuses trailing data
        } catch (IOException | RuntimeException e) {
            throw new PemException(source + ": no PEM block found (no -----BEGIN ...----- line) and not a single"
                    + " DER structure either; expected a PEM " + expected + " (or a single DER one)", e);
        }
    }

    /** The key as PKCS#8, whatever of the three forms the DER is. */
    static PrivateKeyInfo privateKeyInfo(byte[] content, String source) {
        ASN1Primitive der = parse(content, source, "private key");
        if (!(der instanceof ASN1Sequence seq) || seq.size() < 2) {
            throw notAKey(source, null);
        }
        try {
            if (isEncryptedPkcs8(seq)) {
                throw new PemException(source + ": the private key is encrypted, which is not supported;"
                        + " decrypt it first, e.g. openssl pkey -inform DER -in FILE -out key.pem");
            }
            if (isCertificate(seq)) {
                throw new PemException(source + ": holds a certificate (DER), not a private key;"
                        + " give the key's file (PEM or DER)");
            }
            if (isPkcs8(seq)) {
                return PrivateKeyInfo.getInstance(seq);
            }
            if (isPkcs1(seq)) {
                return new PrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                        RSAPrivateKey.getInstance(seq));
            }
            if (isSec1(seq)) {
                ECPrivateKey ec = ECPrivateKey.getInstance(seq);
                ASN1Encodable curve = ec.getParametersObject();
                if (curve == null) {
                    throw new PemException(source + ": the EC private key (DER) does not name its curve;"
                            + " write it with openssl pkey (PKCS#8)");
                }
                return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve), ec);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof PemException p) {
                throw p;
            }
            throw notAKey(source, e);
        }
        throw notAKey(source, null);
    }

    /** Whether the structure is a private key in one of the three forms, or an encrypted one. */
    static boolean isPrivateKey(ASN1Primitive der) {
        return der instanceof ASN1Sequence seq && seq.size() >= 2
                && (isPkcs8(seq) || isPkcs1(seq) || isSec1(seq) || isEncryptedPkcs8(seq));
    }

    private static PemException notAKey(String source, Exception cause) {
        return new PemException(source + ": holds DER that is not a private key (PKCS#8, PKCS#1 or SEC1);"
                + " expected a PEM private key (or a single DER one)", cause);
    }

    /** {@code SEQUENCE { INTEGER 0|1, AlgorithmIdentifier, OCTET STRING, ... }} */
    private static boolean isPkcs8(ASN1Sequence seq) {
        return seq.size() >= 3 && seq.getObjectAt(0) instanceof ASN1Integer
                && seq.getObjectAt(1) instanceof ASN1Sequence && seq.getObjectAt(2) instanceof ASN1OctetString;
    }

    /** {@code SEQUENCE { INTEGER version, INTEGER n, INTEGER e, INTEGER d, ... }}: nine integers. */
    private static boolean isPkcs1(ASN1Sequence seq) {
        if (seq.size() < 9) {
            return false;
        }
        for (ASN1Encodable e : seq) {
            if (!(e instanceof ASN1Integer)) {
                return false;
            }
        }
        return true;
    }

    /** {@code SEQUENCE { INTEGER 1, OCTET STRING, [0] parameters OPTIONAL, [1] publicKey OPTIONAL }} */
    private static boolean isSec1(ASN1Sequence seq) {
        if (!(seq.getObjectAt(0) instanceof ASN1Integer version) || !version.hasValue(1)
                || !(seq.getObjectAt(1) instanceof ASN1OctetString)) {
            return false;
        }
        for (int i = 2; i < seq.size(); i++) {
            if (!(seq.getObjectAt(i) instanceof ASN1TaggedObject)) {
                return false;
            }
        }
        return true;
    }

    /** {@code SEQUENCE { AlgorithmIdentifier, OCTET STRING }} */
    private static boolean isEncryptedPkcs8(ASN1Sequence seq) {
        return seq.size() == 2 && seq.getObjectAt(0) instanceof ASN1Sequence
                && seq.getObjectAt(1) instanceof ASN1OctetString;
    }

    /** {@code SEQUENCE { SEQUENCE tbsCertificate, SEQUENCE signatureAlgorithm, BIT STRING }} */
    private static boolean isCertificate(ASN1Sequence seq) {
        return seq.size() == 3 && seq.getObjectAt(0) instanceof ASN1Sequence && seq.getObjectAt(1) instanceof ASN1Sequence
                && seq.getObjectAt(2) instanceof org.bouncycastle.asn1.ASN1BitString;
    }
}
