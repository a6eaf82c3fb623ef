package org.octt.tls.probe.internal;

import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.SignatureScheme;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.octt.tls.pki.KeyPairs;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClientSignaturesTests {

    static AsymmetricKeyParameter rsa;
    static AsymmetricKeyParameter p256;
    static AsymmetricKeyParameter p384;
    static AsymmetricKeyParameter brainpool;

    @BeforeAll
    static void keys() {
        rsa = ClientKeys.lightweight(KeyPairs.rsa(2048).getPrivate());
        p256 = ClientKeys.lightweight(KeyPairs.ec("secp256r1").getPrivate());
        p384 = ClientKeys.lightweight(KeyPairs.ec("secp384r1").getPrivate());
        brainpool = ClientKeys.lightweight(KeyPairs.ec("brainpoolP256r1").getPrivate());
    }

    private static List<SignatureAndHashAlgorithm> offered(int... schemes) {
        return java.util.Arrays.stream(schemes).mapToObj(SignatureScheme::getSignatureAndHashAlgorithm).toList();
    }

    private static String chosen(AsymmetricKeyParameter key, boolean tls13, int... schemes) {
        return ClientSignatures.choose(key, tls13, offered(schemes))
                .map(a -> SignatureScheme.getName(SignatureScheme.from(a))).orElse("none");
    }

    @Test
    void signsRsaWithPssInTls13AndPrefersPkcs1InTls12() {
        int[] both = {SignatureScheme.rsa_pss_rsae_sha384, SignatureScheme.rsa_pkcs1_sha256,
                SignatureScheme.rsa_pss_rsae_sha256};

        assertThat(chosen(rsa, true, both)).isEqualTo("rsa_pss_rsae_sha256");
        assertThat(chosen(rsa, false, both)).isEqualTo("rsa_pkcs1_sha256");
        assertThat(chosen(rsa, true, SignatureScheme.rsa_pkcs1_sha256)).isEqualTo("none");
        assertThat(chosen(rsa, false, SignatureScheme.rsa_pss_rsae_sha512)).isEqualTo("rsa_pss_rsae_sha512");
    }

    @Test
    void tiesEcdsaToTheCurveInTls13Only() {
        int[] ecdsa = {SignatureScheme.ecdsa_secp256r1_sha256, SignatureScheme.ecdsa_secp384r1_sha384};

        assertThat(chosen(p256, true, ecdsa)).isEqualTo("ecdsa_secp256r1_sha256");
        assertThat(chosen(p384, true, ecdsa)).isEqualTo("ecdsa_secp384r1_sha384");
        assertThat(chosen(p384, true, SignatureScheme.ecdsa_secp256r1_sha256)).isEqualTo("none");
        assertThat(chosen(p384, false, SignatureScheme.ecdsa_secp256r1_sha256)).isEqualTo("ecdsa_secp256r1_sha256");
        assertThat(chosen(brainpool, true, ecdsa)).isEqualTo("none");
        assertThat(chosen(p256, false, SignatureScheme.rsa_pkcs1_sha256)).isEqualTo("none");
    }

    @Test
    void describesKeysWithoutKeyMaterial() {
        assertThat(ClientSignatures.describe(rsa)).isEqualTo("RSA-2048 key");
        assertThat(ClientSignatures.describe(p384)).isEqualTo("EC key on secp384r1");
        assertThat(ClientSignatures.describe(brainpool)).isEqualTo("EC key on brainpoolP256r1");
    }
}
