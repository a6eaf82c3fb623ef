package org.octt.ocpp.cp;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.octt.ocpp.j.CallAnswer;
import org.octt.ocpp.j.CallResponder;
import org.octt.ocpp.j.ChargePointResponder;
import org.octt.ocpp.j.IncomingCall;
import org.octt.ocpp.v16.message.CertificateHashData;
import org.octt.ocpp.v16.message.DeleteCertificateRequest;
import org.octt.ocpp.v16.message.DeleteCertificateStatus;
import org.octt.ocpp.v16.message.GetInstalledCertificateIdsRequest;
import org.octt.ocpp.v16.message.GetInstalledCertificateIdsResponse;
import org.octt.ocpp.v16.message.GetInstalledCertificateStatus;
import org.octt.ocpp.v16.message.HashAlgorithm;
import org.octt.ocpp.v16.message.InstallCertificateRequest;
import org.octt.ocpp.v16.message.InstallCertificateStatus;
import org.octt.tls.pki.CertificateBuilder;
import org.octt.tls.pki.IssuedCertificate;
import org.octt.tls.pki.KeyPairs;
import org.octt.tls.pki.Pem;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.octt.ocpp.v16.message.CertificateUse.CentralSystemRootCertificate;
import static org.octt.ocpp.v16.message.CertificateUse.ManufacturerRootCertificate;

/** The Charge Point's certificate store: installs, reports and deletes as OCPP 1.6 use cases M03-M05 say. */
class CertificateStoreTests {

    static IssuedCertificate root;
    static IssuedCertificate otherRoot;
    static String rootPem;

    @BeforeAll
    static void certificates() {
        root = CertificateBuilder.create().subject("O=octt, CN=manufacturer root").keyPair(KeyPairs.ec("secp256r1")).ca().build();
        otherRoot = CertificateBuilder.create().subject("CN=other root").keyPair(KeyPairs.ec("secp256r1")).ca().build();
        rootPem = Pem.certificate(root.certificate());
    }

    @Test
    void installsASelfSignedRootUnderItsUseOnce() {
        CertificateStore store = CertificateStore.create();

        CertificateStore.Installation first = store.install(ManufacturerRootCertificate, rootPem);
        store.install(ManufacturerRootCertificate, rootPem);

        assertThat(first.status()).isEqualTo(InstallCertificateStatus.Accepted);
        assertThat(first.reason()).isEqualTo("installed as ManufacturerRootCertificate: CN=manufacturer root,O=octt, serial "
                + root.certificate().getSerialNumber().toString(16));
        assertThat(store.installed(ManufacturerRootCertificate)).containsExactly(root.certificate());
        assertThat(store.installed(CentralSystemRootCertificate)).isEmpty();
        assertThat(store.installations()).hasSize(2);
    }

    @Test
    void rejectsWhatIsNotAPemCertificate() {
        CertificateStore store = CertificateStore.create();
        String corrupt = rootPem.replace(rootPem.substring(40, 60), "!!!!not-base64!!!!!!");

        CertificateStore.Installation i = store.install(ManufacturerRootCertificate, corrupt);

        assertThat(i.status()).isEqualTo(InstallCertificateStatus.Rejected);
        assertThat(i.reason()).startsWith("not a PEM certificate: the certificate: ");
        assertThat(i.certificate()).isEmpty();
        assertThat(store.installed(ManufacturerRootCertificate)).isEmpty();
    }

    @Test
    void rejectsACertificateThatIsNotARoot() {
        X509Leaf leaf = new X509Leaf();
        CertificateStore.Installation i = CertificateStore.create().install(CentralSystemRootCertificate, leaf.pem);

        assertThat(i.status()).isEqualTo(InstallCertificateStatus.Rejected);
        assertThat(i.reason()).isEqualTo("not a root certificate: issued by CN=manufacturer root,O=octt to CN=leaf;"
                + " only self-signed roots are installed");
    }

    @Test
    void rejectsSeveralCertificates() {
        CertificateStore.Installation i = CertificateStore.create().install(CentralSystemRootCertificate,
                rootPem + Pem.certificate(otherRoot.certificate()));

        assertThat(i.status()).isEqualTo(InstallCertificateStatus.Rejected);
        assertThat(i.reason()).isEqualTo("2 certificates where one root certificate is expected");
    }

    @Test
    void aRefusingStoreRejectsEveryCertificateOfThatUse() {
        CertificateStore store = CertificateStore.refusing(CentralSystemRootCertificate);

        assertThat(store.install(CentralSystemRootCertificate, rootPem).reason())
                .isEqualTo("this Charge Point refuses every CentralSystemRootCertificate (as the test case requires)");
        assertThat(store.install(ManufacturerRootCertificate, rootPem).status()).isEqualTo(InstallCertificateStatus.Accepted);
        assertThat(store.installed(CentralSystemRootCertificate)).isEmpty();
    }

    @Test
    void reportsInstalledIdsInTheAlgorithmSetAndNotFoundWhenNone() {
        CertificateStore store = CertificateStore.create();
        assertThat(store.installedIds(ManufacturerRootCertificate))
                .isEqualTo(new GetInstalledCertificateIdsResponse(GetInstalledCertificateStatus.NotFound));

        store.install(ManufacturerRootCertificate, rootPem);
        store.reportHashesIn(HashAlgorithm.SHA512);
        GetInstalledCertificateIdsResponse ids = store.installedIds(ManufacturerRootCertificate);

        assertThat(ids.status()).isEqualTo(GetInstalledCertificateStatus.Accepted);
        assertThat(ids.certificateHashData().orElseThrow())
                .containsExactly(CertificateHashes.ofSelfSigned(root.certificate(), HashAlgorithm.SHA512));
        assertThat(store.installedIds(CentralSystemRootCertificate).status()).isEqualTo(GetInstalledCertificateStatus.NotFound);
    }

    @Test
    void deletesTheCertificateWithThatHashDataInAnyAlgorithmAndSpelling() {
        CertificateStore store = CertificateStore.create();
        store.install(ManufacturerRootCertificate, rootPem);
        store.install(ManufacturerRootCertificate, Pem.certificate(otherRoot.certificate()));
        CertificateHashData h = CertificateHashes.ofSelfSigned(root.certificate(), HashAlgorithm.SHA384);
        CertificateHashData upper = new CertificateHashData(h.hashAlgorithm(), h.issuerNameHash().toUpperCase(Locale.ROOT),
                h.issuerKeyHash(), "00" + h.serialNumber());

        CertificateStore.Deletion d = store.delete(upper);

        assertThat(d.status()).isEqualTo(DeleteCertificateStatus.Accepted);
        assertThat(d.deleted()).contains(root.certificate());
        assertThat(store.installed(ManufacturerRootCertificate)).containsExactly(otherRoot.certificate());
        assertThat(store.delete(h).status()).isEqualTo(DeleteCertificateStatus.NotFound);
        assertThat(store.deletions()).extracting(CertificateStore.Deletion::status)
                .containsExactly(DeleteCertificateStatus.Accepted, DeleteCertificateStatus.NotFound);
    }

    @Test
    void doesNotDeleteWhenOneFieldDiffers() {
        CertificateStore store = CertificateStore.create();
        store.install(CentralSystemRootCertificate, rootPem);
        CertificateHashData h = CertificateHashes.ofSelfSigned(root.certificate(), HashAlgorithm.SHA256);

        CertificateStore.Deletion d = store.delete(new CertificateHashData(h.hashAlgorithm(), h.issuerNameHash(),
                h.issuerNameHash(), h.serialNumber()));

        assertThat(d.status()).isEqualTo(DeleteCertificateStatus.NotFound);
        assertThat(store.installed(CentralSystemRootCertificate)).hasSize(1);
    }

    @Test
    void responderAnswersTheCertificateCallsAndLeavesTheRestToTheOthers() {
        CertificateStore store = CertificateStore.create();
        store.reportHashesIn(HashAlgorithm.SHA384);
        CallResponder responder = store.responder(ChargePointResponder.defaults());

        CallAnswer install = responder.answer(call("InstallCertificate",
                new InstallCertificateRequest(ManufacturerRootCertificate, rootPem).toJson()));
        CallAnswer ids = responder.answer(call("GetInstalledCertificateIds",
                new GetInstalledCertificateIdsRequest(ManufacturerRootCertificate).toJson()));
        CallAnswer delete = responder.answer(call("DeleteCertificate", new DeleteCertificateRequest(
                CertificateHashes.ofSelfSigned(root.certificate(), HashAlgorithm.SHA384)).toJson()));
        CallAnswer reset = responder.answer(call("Reset", new ObjectMapper().createObjectNode().put("type", "Hard")));

        assertThat(install).isEqualTo(CallAnswer.status("Accepted"));
        assertThat(((CallAnswer.Result) ids).payload()).isEqualTo(new GetInstalledCertificateIdsResponse(
                java.util.Optional.of(java.util.List.of(CertificateHashes.ofSelfSigned(root.certificate(),
                        HashAlgorithm.SHA384))), GetInstalledCertificateStatus.Accepted).toJson());
        assertThat(delete).isEqualTo(CallAnswer.status("Accepted"));
        assertThat(reset).isEqualTo(CallAnswer.status("Rejected"));
    }

    @Test
    void responderAnswersAnUnreadablePayloadWithFormationViolation() {
        CallAnswer a = CertificateStore.create().responder(ChargePointResponder.defaults()).answer(call("InstallCertificate",
                new ObjectMapper().createObjectNode().put("certificateType", "OtherRoot").put("certificate", rootPem)));

        assertThat(a).isInstanceOf(CallAnswer.Error.class);
        assertThat(((CallAnswer.Error) a).code()).isEqualTo("FormationViolation");
        assertThat(((CallAnswer.Error) a).description()).startsWith("InstallCertificate.req /certificateType: ");
    }

    private static IncomingCall call(String action, com.fasterxml.jackson.databind.JsonNode payload) {
        return new IncomingCall("1", action, payload);
    }

    /** A certificate issued by {@link #root}. */
    private static final class X509Leaf {
        final String pem = Pem.certificate(CertificateBuilder.create().subject("CN=leaf").keyPair(KeyPairs.ec("secp256r1"))
                .issuer(root).build().certificate());
    }

}
