/**
 * The reference OCPP 1.6J Central System: an in-process, loopback-only server with its own PKI that
 * passes TC_086_CSMS by default and can be told to behave in any way a test case checks. Start one
 * with {@link org.octt.testkit.ReferenceCentralSystem#builder()}. {@code octt demo} and
 * {@code octt serve} run it; plugin authors use it in their own tests, to see each check both pass
 * and fail.
 *
 * <p>Its behaviour is a small immutable configuration, set per connection and per message:
 * <ul>
 *   <li>{@link org.octt.testkit.AuthPolicy}: which Basic credentials are accepted, 401 or a locked
 *       account after repeated failures;</li>
 *   <li>{@link org.octt.testkit.SubprotocolPolicy}: which subprotocol the upgrade selects, refusing
 *       or upgrading without one when none offered is acceptable;</li>
 *   <li>{@link org.octt.testkit.ClientCertificatePolicy}: client certificates required, optional or
 *       not requested, and whose are accepted;</li>
 *   <li>{@link org.octt.testkit.CallHandler} per action: the answer to each CALL, a
 *       {@link org.octt.testkit.Reply} (the standard one, any CALLRESULT, valid or not, a CALLERROR,
 *       any frame, none, each possibly delayed), decided from the {@link org.octt.testkit.ReceivedCall}
 *       (its payload, its session's number);</li>
 *   <li>{@link org.octt.testkit.ScheduledCall}s the Central System sends on its own (after the
 *       upgrade, before or after answering BootNotification, after a delay), and CALLs the test sends
 *       when it chooses with {@link org.octt.testkit.RunningCentralSystem#send(String, String, String)},
 *       which gives the Charge Point's {@link org.octt.testkit.ChargePointAnswer}.</li>
 * </ul>
 * TLS versions, suites and certificates are set with {@link org.octt.testkit.Fault}s; the faults
 * that concern the WebSocket and OCPP are presets of the policies above (e.g. {@code boot-rejected}
 * is {@code answer("BootNotification", CallHandler.bootNotification("Rejected"))}).
 *
 * <pre>{@code
 * try (RunningCentralSystem cs = ReferenceCentralSystem.builder()
 *         .pki(PKI)
 *         .auth(AuthPolicy.handedOut().lockingAfter(3))
 *         .answer("BootNotification", CallHandler.bootNotification("Pending"))
 *         .call(ScheduledCall.of("TriggerMessage", "{\"requestedMessage\":\"BootNotification\"}")
 *                 .after(Duration.ofSeconds(1)))
 *         .build()
 *         .start()) {
 *     // run the test case against cs.url(); then, for an operator action:
 *     cs.connected("CP001").block(Duration.ofSeconds(5));
 *     ChargePointAnswer a = cs.send("CP001", "Reset", "{\"type\":\"Soft\"}").block(Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>Classes in {@code org.octt.testkit.internal} are not API.
 */
package org.octt.testkit;
