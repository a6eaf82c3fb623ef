package org.octt.testkit;

import reactor.core.publisher.Mono;

import java.util.Map;

/** TEMPORARY stand-in for the operator-action contract on main (issue 12); replaced by main's on merge. */
public interface CentralSystemAction {

    String actionId();

    Mono<String> perform(RunningCentralSystem cs, String chargePointId, Map<String, String> parameters);
}
