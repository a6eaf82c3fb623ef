/**
 * TLS handshake probes: offer exactly the given protocol versions and cipher suites to a server and
 * report, as data, what it did ({@link org.octt.tls.probe.ProbeOutcome}): accepted (version, suite,
 * group, certificate chain as sent), refused (the alert), aborted (the server broke the protocol) or
 * a transport failure. Built on Bouncy Castle's low-level TLS API in non-blocking mode, driven by
 * Reactor Netty, so the answers do not depend on the JDK's {@code jdk.tls.disabledAlgorithms} and
 * nothing JVM-wide is changed.
 *
 * <p>Entry points: {@link org.octt.tls.probe.TlsProbe} for one handshake,
 * {@link org.octt.tls.probe.ProbeScheduler} for many with a bound on connections per target. No
 * method accepts or returns null.
 */
package org.octt.tls.probe;
