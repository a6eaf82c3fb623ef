package org.octt.testkit;

import java.util.List;

/** The {@link CentralSystemAction}s every reference Central System can perform. */
public final class CentralSystemActions {

    private CentralSystemActions() {
    }

    /** The built-in actions, one per operator action id of the OCPP 1.6 security cards. */
    public static List<CentralSystemAction> builtIn() {
        return List.of(
                org.octt.testkit.actions.TriggerSignCertificate.tc074(),
                org.octt.testkit.actions.TriggerSignCertificate.tc077(),
                new org.octt.testkit.actions.InstallCertificateAction("TC_075_1_CSMS.install-certificate"),
                new org.octt.testkit.actions.GetInstalledCertificateIdsAction("TC_075_1_CSMS.get-installed-certificate-ids"),
                new org.octt.testkit.actions.InstallCertificateAction("TC_075_2_CSMS.install-certificate"),
                new org.octt.testkit.actions.GetInstalledCertificateIdsAction("TC_075_2_CSMS.get-installed-certificate-ids"),
                new org.octt.testkit.actions.InstallCertificateAction("TC_076_CSMS.install-certificate"),
                new org.octt.testkit.actions.GetInstalledCertificateIdsAction("TC_076_CSMS.get-installed-certificate-ids"),
                new org.octt.testkit.actions.DeleteCertificateAction("TC_076_CSMS.delete-certificate"),
                new org.octt.testkit.actions.InstallCertificateAction("TC_078_CSMS.install-certificate"),
                new org.octt.testkit.actions.GetSecurityLogAction(),
                org.octt.testkit.actions.SignedUpdateFirmwareAction.valid(),
                org.octt.testkit.actions.SignedUpdateFirmwareAction.invalidSignature(),
                new org.octt.testkit.actions.ChangeAuthorizationKeyAction(),
                new org.octt.testkit.actions.ChangeSecurityProfileAction()
        );
    }
}
