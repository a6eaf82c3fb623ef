package org.octt.testkit;

import org.octt.testkit.internal.TlsServerSettings;
import org.octt.tls.pki.CertificateBuilder;
import org.octt.tls.pki.IssuedCertificate;
import org.octt.tls.pki.KeyPairs;

import java.math.BigInteger;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The server certificates of one host name for one start: issued from the PKI's keys as the faults ask. */
record ServerCertificates(Optional<IssuedCertificate> rsa, Optional<IssuedCertificate> ec) {

    static final String ORGANIZATION = "octt reference CSMS";

    /**
     * Issues the certificates of every host name, all with the same two key pairs (the PKI's, or the
     * weak ones {@link Fault#RSA_1024} and {@link Fault#EC_P192} ask for, generated once): only the
     * certificates differ, so each name costs two signatures by the CA.
     *
     * @param hostNames at least one, distinct once {@link TlsServerSettings#key(String) normalised}
     * @return by normalised host name, in the order given
     */
    static Map<String, ServerCertificates> issue(ReferencePki pki, List<String> hostNames, Set<Fault> faults) {
        Optional<KeyPair> rsaKeys = faults.contains(Fault.ECDSA_ONLY) ? Optional.empty()
                : Optional.of(faults.contains(Fault.RSA_1024) ? KeyPairs.rsa(1024) : pki.rsaKeyPair());
        Optional<KeyPair> ecKeys = faults.contains(Fault.RSA_ONLY) ? Optional.empty()
                : Optional.of(faults.contains(Fault.EC_P192) ? KeyPairs.ec("secp192r1") : pki.ecKeyPair());
        Map<String, ServerCertificates> issued = new LinkedHashMap<>();
        for (String hostName : hostNames) {
            ServerCertificates certificates = new ServerCertificates(
                    rsaKeys.map(keys -> leaf(pki, hostName, faults, keys)),
                    ecKeys.map(keys -> leaf(pki, hostName, faults, keys)));
            issued.put(TlsServerSettings.key(hostName), certificates); // distinct: the builder checked
        }
        return issued;
    }

    private static IssuedCertificate leaf(ReferencePki pki, String hostName, Set<Fault> faults, KeyPair keys) {
        String otherHost = "other-" + hostName;
        String cn;
        if (faults.contains(Fault.CN_MISMATCH)) {
            cn = otherHost;
        } else if (faults.contains(Fault.CN_WILDCARD)) {
            int dot = hostName.indexOf('.');
            cn = "*." + (dot >= 0 && dot < hostName.length() - 1 ? hostName.substring(dot + 1) : hostName);
        } else {
            cn = hostName;
        }
        String subject = faults.contains(Fault.NO_CN)
                ? "O=" + ORGANIZATION
                : "O=" + ORGANIZATION + ", CN=" + ReferencePki.rdnValue(cn); // conventional order: CN last
        CertificateBuilder b = CertificateBuilder.create()
                .subject(subject)
                .dnsNames(faults.contains(Fault.SAN_MISMATCH) ? otherHost : hostName)
                .keyPair(keys)
                .issuer(faults.contains(Fault.UNTRUSTED) ? pki.untrustedCa() : pki.rootCa());
        Instant now = Instant.now();
        if (faults.contains(Fault.EXPIRED)) {
            b.validity(now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(1)));
        } else if (faults.contains(Fault.NOT_YET_VALID)) {
            b.validity(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(366)));
        }
        if (faults.contains(Fault.ZERO_SERIAL)) {
            b.serial(BigInteger.ZERO);
        }
        return b.build();
    }
}
