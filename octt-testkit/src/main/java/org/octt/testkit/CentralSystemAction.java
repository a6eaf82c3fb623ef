package org.octt.testkit;

import reactor.core.publisher.Mono;

import java.util.Map;

/**
 * Something the reference Central System does on its own when asked, as an operator makes a real
 * Central System do it (change a Charge Point's password, install a certificate, update the
 * firmware...): the Central System's part of a card whose step begins with a request of the
 * Central System. Keyed by the operator action id the card asks for
 * ({@code org.octt.core.spi.OperatorAction#id()}, e.g. {@code TC_073_CSMS.change-authorization-key}).
 *
 * <p>Asked through {@link RunningCentralSystem#perform}, its {@link RunningCentralSystem#actionHandler()}
 * (how {@code octt demo} automates the cards) or {@code octt serve}'s control endpoint.
 */
public interface CentralSystemAction {

    /** The operator action id this performs, e.g. {@code TC_073_CSMS.change-authorization-key}. */
    String actionId();

    /**
     * Sends the CALL(s) a real Central System would send when its operator clicks.
     *
     * @param cs            the running reference Central System
     * @param chargePointId the Charge Point to act on
     * @param parameters    the action's parameters ({@code org.octt.core.spi.OperatorAction#parameters()})
     * @return one line saying what it did (never a secret); an error when it could not
     */
    Mono<String> perform(RunningCentralSystem cs, String chargePointId, Map<String, String> parameters);
}
