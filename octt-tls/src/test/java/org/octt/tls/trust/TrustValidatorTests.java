package org.octt.tls.trust;

import org.junit.jupiter.api.Test;
import org.octt.tls.pki.CertificateBuilder;
import org.octt.tls.pki.IssuedCertificate;
import org.octt.tls.pki.KeyPairs;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TrustValidatorTests {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final IssuedCertificate ROOT = CertificateBuilder.create().subject("CN=octt root").ca()
            .keyPair(KeyPairs.ec("secp384r1")).build();
    private static final IssuedCertificate INTERMEDIATE = CertificateBuilder.create().subject("CN=octt intermediate").ca()
            .keyPair(KeyPairs.ec("secp256r1")).issuer(ROOT).build();
    private static final IssuedCertificate LEAF = CertificateBuilder.create().subject("CN=csms.example.com")
            .issuer(INTERMEDIATE).build();
    private static final IssuedCertificate OTHER_ROOT = CertificateBuilder.create().subject("CN=other root").ca()
            .keyPair(KeyPairs.ec("secp256r1")).build();

    private final TrustValidator validator = TrustValidator.of(List.of(ROOT.certificate()));

    @Test
    void acceptsChainSentWithoutRoot() {
        ValidationResult result = validator.validate(LEAF.chainWithoutRoot(), NOW);

        assertThat(result).isEqualTo(new ValidationResult.Valid("CN=octt root",
                "certification path of CN=csms.example.com is valid at " + NOW + ", anchored at CN=octt root"));
        assertThat(result.valid()).isTrue();
    }

    @Test
    void acceptsChainSentWithRoot() {
        assertThat(LEAF.chain()).hasSize(3);

        assertThat(validator.validate(LEAF.chain(), NOW).valid()).isTrue();
    }

    @Test
    void acceptsSelfSignedLeafConfiguredAsAnchor() {
        IssuedCertificate self = CertificateBuilder.create().subject("CN=self.example.com").keyPair(KeyPairs.ec("secp256r1")).build();

        ValidationResult result = TrustValidator.of(List.of(self.certificate())).validate(List.of(self.certificate()), NOW);

        assertThat(result.valid()).isTrue();
    }

    @Test
    void reportsExpiredLeafWithItsDates() {
        Instant notAfter = NOW.minus(Duration.ofDays(2));
        IssuedCertificate expired = CertificateBuilder.create().subject("CN=expired.example.com")
                .validity(NOW.minus(Duration.ofDays(30)), notAfter).keyPair(KeyPairs.ec("secp256r1")).issuer(INTERMEDIATE).build();

        ValidationResult result = validator.validate(expired.chainWithoutRoot(), NOW);

        assertThat(result).isEqualTo(new ValidationResult.Invalid(ValidationResult.Reason.EXPIRED,
                "certificate CN=expired.example.com expired: valid until " + notAfter + ", validation time " + NOW
                        + "; renew the certificate"));
        assertThat(result.valid()).isFalse();
    }

    @Test
    void validatesAtTheGivenTime() {
        Instant later = NOW.plus(Duration.ofDays(400));

        ValidationResult result = validator.validate(LEAF.chainWithoutRoot(), later);

        assertThat(result).isInstanceOfSatisfying(ValidationResult.Invalid.class, i -> {
            assertThat(i.reason()).isEqualTo(ValidationResult.Reason.EXPIRED);
            assertThat(i.message()).contains("validation time " + later);
        });
    }

    @Test
    void validatingAPathAgainReportsTheNewValidationTime() {
        Instant soon = NOW.plusSeconds(5);

        assertThat(validator.validate(LEAF.chainWithoutRoot(), NOW).message()).contains("is valid at " + NOW);
        ValidationResult again = validator.validate(LEAF.chainWithoutRoot(), soon);

        assertThat(again).isEqualTo(new ValidationResult.Valid("CN=octt root",
                "certification path of CN=csms.example.com is valid at " + soon + ", anchored at CN=octt root"));
    }

    @Test
    void aPathThatValidatedStillExpiresAtItsNotAfter() {
        Instant notAfter = NOW.plusSeconds(10);
        IssuedCertificate shortLived = CertificateBuilder.create().subject("CN=short.example.com")
                .validity(NOW.minus(Duration.ofDays(1)), notAfter).keyPair(KeyPairs.ec("secp256r1")).issuer(INTERMEDIATE).build();
        Instant afterExpiry = NOW.plusSeconds(20); // within the minute a valid path is remembered

        assertThat(validator.validate(shortLived.chainWithoutRoot(), NOW).valid()).isTrue();
        ValidationResult later = validator.validate(shortLived.chainWithoutRoot(), afterExpiry);

        assertThat(later).isInstanceOfSatisfying(ValidationResult.Invalid.class, i -> {
            assertThat(i.reason()).isEqualTo(ValidationResult.Reason.EXPIRED);
            assertThat(i.message()).contains("CN=short.example.com", "validation time " + afterExpiry);
        });
    }

    @Test
    void aValidatorWithOtherAnchorsDoesNotInheritAnotherOnesResults() {
        assertThat(validator.validate(LEAF.chainWithoutRoot(), NOW).valid()).isTrue();

        ValidationResult other = TrustValidator.of(List.of(OTHER_ROOT.certificate())).validate(LEAF.chainWithoutRoot(), NOW);

        assertThat(other).isInstanceOfSatisfying(ValidationResult.Invalid.class,
                i -> assertThat(i.reason()).isEqualTo(ValidationResult.Reason.UNKNOWN_ISSUER));
    }

    @Test
    void reportsNotYetValidLeafWithItsDates() {
        Instant notBefore = NOW.plus(Duration.ofDays(3));
        IssuedCertificate future = CertificateBuilder.create().subject("CN=future.example.com")
                .validity(notBefore, NOW.plus(Duration.ofDays(30))).keyPair(KeyPairs.ec("secp256r1")).issuer(INTERMEDIATE).build();

        ValidationResult result = validator.validate(future.chainWithoutRoot(), NOW);

        assertThat(result).isEqualTo(new ValidationResult.Invalid(ValidationResult.Reason.NOT_YET_VALID,
                "certificate CN=future.example.com is not yet valid: valid from " + notBefore + ", validation time " + NOW
                        + "; check the certificate's dates and the clocks"));
    }

    @Test
    void reportsExpiredIntermediate() {
        IssuedCertificate oldCa = CertificateBuilder.create().subject("CN=old intermediate").ca()
                .validity(NOW.minus(Duration.ofDays(60)), NOW.minus(Duration.ofDays(1)))
                .keyPair(KeyPairs.ec("secp256r1")).issuer(ROOT).build();
        IssuedCertificate leaf = CertificateBuilder.create().subject("CN=leaf.example.com")
                .keyPair(KeyPairs.ec("secp256r1")).issuer(oldCa).build();

        ValidationResult result = validator.validate(leaf.chainWithoutRoot(), NOW);

        assertThat(result).isInstanceOfSatisfying(ValidationResult.Invalid.class, i -> {
            assertThat(i.reason()).isEqualTo(ValidationResult.Reason.EXPIRED);
            assertThat(i.message()).startsWith("certificate CN=old intermediate expired");
        });
    }

    @Test
    void reportsAnIssuerNeitherSentNorTrustedNamingItWithoutAdvisingAnyOption() {
        IssuedCertificate stranger = CertificateBuilder.create().subject("CN=stranger.example.com")
                .keyPair(KeyPairs.ec("secp256r1")).issuer(OTHER_ROOT).build();

        ValidationResult result = validator.validate(stranger.chainWithoutRoot(), NOW);

        assertThat(result).isEqualTo(new ValidationResult.Invalid(ValidationResult.Reason.UNKNOWN_ISSUER,
                "no trust anchor for CN=stranger.example.com: the server sent only its leaf certificate; its issuer"
                        + " 'CN=other root' was not sent and is not among the 1 configured trust anchor(s) (CN=octt root)",
                Optional.of(new ValidationResult.MissingTrust(ValidationResult.MissingTrustCause.ISSUER_NOT_SENT, 1,
                        "CN=stranger.example.com", "CN=other root"))));
    }

    @Test
    void reportsTheIntermediateTheServerDidNotSend() {
        ValidationResult result = validator.validate(List.of(LEAF.certificate()), NOW);

        assertThat(result).isEqualTo(new ValidationResult.Invalid(ValidationResult.Reason.UNKNOWN_ISSUER,
                "no trust anchor for CN=csms.example.com: the server sent only its leaf certificate; its issuer"
                        + " 'CN=octt intermediate' was not sent and is not among the 1 configured trust anchor(s) (CN=octt root)",
                Optional.of(new ValidationResult.MissingTrust(ValidationResult.MissingTrustCause.ISSUER_NOT_SENT, 1,
                        "CN=csms.example.com", "CN=octt intermediate"))));
    }

    @Test
    void reportsASelfSignedServerCertificateAsSelfSigned() {
        IssuedCertificate selfSigned = CertificateBuilder.create().subject("CN=self.example.com")
                .keyPair(KeyPairs.ec("secp256r1")).build();

        ValidationResult result = validator.validate(List.of(selfSigned.certificate()), NOW);

        assertThat(result).isEqualTo(new ValidationResult.Invalid(ValidationResult.Reason.UNKNOWN_ISSUER,
                "no trust anchor for CN=self.example.com: the server certificate is self-signed (CN=self.example.com)"
                        + " and is not among the 1 configured trust anchor(s) (CN=octt root)",
                Optional.of(new ValidationResult.MissingTrust(ValidationResult.MissingTrustCause.SELF_SIGNED, 1,
                        "CN=self.example.com", "CN=self.example.com"))));
    }

    @Test
    void reportsAChainEndingAtAnUntrustedRootItSent() {
        IssuedCertificate stranger = CertificateBuilder.create().subject("CN=stranger.example.com")
                .keyPair(KeyPairs.ec("secp256r1")).issuer(OTHER_ROOT).build();

        ValidationResult result = validator.validate(stranger.chain(), NOW);

        assertThat(result).isEqualTo(new ValidationResult.Invalid(ValidationResult.Reason.UNKNOWN_ISSUER,
                "no trust anchor for CN=stranger.example.com: the chain ends at 'CN=other root', which is not among"
                        + " the 1 configured trust anchor(s) (CN=octt root)",
                Optional.of(new ValidationResult.MissingTrust(ValidationResult.MissingTrustCause.UNTRUSTED_ROOT, 2,
                        "CN=other root", "CN=other root"))));
    }

    @Test
    void aSelfIssuedCertificateThatDoesNotVerifyWithItsOwnKeyIsNotSelfSigned() {
        // same name as the root, signed by another key: it only looks self-signed
        IssuedCertificate impostor = CertificateBuilder.create().subject("CN=other root")
                .keyPair(KeyPairs.ec("secp256r1")).issuer(OTHER_ROOT).build();

        ValidationResult result = validator.validate(List.of(impostor.certificate()), NOW);

        assertThat(result).isInstanceOfSatisfying(ValidationResult.Invalid.class, i -> assertThat(i.missingTrust())
                .hasValueSatisfying(m -> assertThat(m.cause()).isEqualTo(ValidationResult.MissingTrustCause.ISSUER_NOT_SENT)));
    }

    @Test
    void reportsBadSignatureOnTamperedLeaf() throws Exception {
        byte[] der = LEAF.certificate().getEncoded();
        der[der.length - 5] ^= 0x01;
        X509Certificate tampered = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));

        ValidationResult result = validator.validate(List.of(tampered, INTERMEDIATE.certificate()), NOW);

        assertThat(result).isInstanceOfSatisfying(ValidationResult.Invalid.class, i -> {
            assertThat(i.reason()).isEqualTo(ValidationResult.Reason.BAD_SIGNATURE);
            assertThat(i.message()).startsWith("the signature on certificate CN=csms.example.com does not verify"
                    + " with the key of its issuer CN=octt intermediate");
        });
    }

    @Test
    void reportsBadPathWhenIssuerMayNotSignCertificates() {
        IssuedCertificate notCa = CertificateBuilder.create().subject("CN=not a ca").keyPair(KeyPairs.ec("secp256r1"))
                .issuer(ROOT).build();
        IssuedCertificate leaf = CertificateBuilder.create().subject("CN=leaf.example.com")
                .keyPair(KeyPairs.ec("secp256r1")).issuer(notCa).build();

        ValidationResult result = validator.validate(leaf.chainWithoutRoot(), NOW);

        assertThat(result).isInstanceOfSatisfying(ValidationResult.Invalid.class, i -> {
            assertThat(i.reason()).isEqualTo(ValidationResult.Reason.BAD_PATH);
            assertThat(i.message()).isEqualTo("invalid certification path at certificate CN=not a ca"
                    + " (INVALID_KEY_USAGE): CA key usage check failed: keyCertSign bit is not set");
        });
    }

    @Test
    void reportsBadPathWhenChainIsOutOfOrder() {
        ValidationResult result = validator.validate(List.of(INTERMEDIATE.certificate(), LEAF.certificate()), NOW);

        assertThat(result).isInstanceOfSatisfying(ValidationResult.Invalid.class,
                i -> assertThat(i.reason()).isIn(ValidationResult.Reason.BAD_PATH, ValidationResult.Reason.UNKNOWN_ISSUER));
    }

    @Test
    void acceptsChainsFromAnyOfSeveralAnchors() {
        TrustValidator both = TrustValidator.of(List.of(OTHER_ROOT.certificate(), ROOT.certificate()));
        IssuedCertificate fromOther = CertificateBuilder.create().subject("CN=b.example.com")
                .keyPair(KeyPairs.ec("secp256r1")).issuer(OTHER_ROOT).build();

        assertThat(both.validate(LEAF.chainWithoutRoot(), NOW))
                .isInstanceOfSatisfying(ValidationResult.Valid.class, v -> assertThat(v.anchorSubject()).isEqualTo("CN=octt root"));
        assertThat(both.validate(fromOther.chainWithoutRoot(), NOW))
                .isInstanceOfSatisfying(ValidationResult.Valid.class, v -> assertThat(v.anchorSubject()).isEqualTo("CN=other root"));
        assertThat(both.anchors()).containsExactly(OTHER_ROOT.certificate(), ROOT.certificate());
        assertThat(both.usesJdkDefaultTrustStore()).isFalse();
    }

    @Test
    void reportsEmptyChain() {
        assertThat(validator.validate(List.of(), NOW)).isEqualTo(
                new ValidationResult.Invalid(ValidationResult.Reason.OTHER, "no certificate to validate (empty chain)"));
    }

    @Test
    void usesJdkDefaultTrustStoreWhenNoAnchorIsGiven() {
        TrustValidator jdk = TrustValidator.of(List.of());

        assertThat(jdk.usesJdkDefaultTrustStore()).isTrue();
        assertThat(jdk.anchors()).hasSizeGreaterThan(10);
        assertThat(jdk.validate(LEAF.chainWithoutRoot(), NOW)).isInstanceOfSatisfying(ValidationResult.Invalid.class, i -> {
            assertThat(i.reason()).isEqualTo(ValidationResult.Reason.UNKNOWN_ISSUER);
            assertThat(i.message()).isEqualTo("no trust anchor for CN=csms.example.com: the chain the server sent ends at"
                    + " 'CN=octt intermediate', whose issuer 'CN=octt root' was not sent and is not in the JDK's default"
                    + " trust store");
        });
    }

    @Test
    void reportsP192LeafRejectedByJdkAlgorithmConstraints() {
        IssuedCertificate p192 = CertificateBuilder.create().subject("CN=p192.example.com")
                .keyPair(KeyPairs.ec("secp192r1")).issuer(INTERMEDIATE).build();

        ValidationResult result = validator.validate(p192.chainWithoutRoot(), NOW);

        assertThat(result).isInstanceOfSatisfying(ValidationResult.Invalid.class, i -> {
            assertThat(i.reason()).isEqualTo(ValidationResult.Reason.ALGORITHM_CONSTRAINED);
            assertThat(i.message()).contains("CN=p192.example.com");
        });
    }
}
