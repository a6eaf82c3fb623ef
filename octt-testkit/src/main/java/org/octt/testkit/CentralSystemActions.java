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
                new org.octt.testkit.actions.ChangeAuthorizationKeyAction(),
                new org.octt.testkit.actions.ChangeSecurityProfileAction()
        );
    }
}
