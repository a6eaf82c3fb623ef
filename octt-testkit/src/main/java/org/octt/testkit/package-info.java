/**
 * The reference OCPP 1.6J Central System: an in-process, loopback-only server with its own PKI that
 * passes TC_086_CSMS by default and fails it in any chosen way ({@link org.octt.testkit.Fault}).
 * Start one with {@link org.octt.testkit.ReferenceCentralSystem#builder()}; see that class for an
 * example. {@code octt demo} runs TC_086_CSMS against it; plugin authors use it in their own tests.
 *
 * <p>Classes in {@code org.octt.testkit.internal} are not API.
 */
package org.octt.testkit;
