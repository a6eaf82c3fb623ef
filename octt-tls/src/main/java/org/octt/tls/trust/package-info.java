/**
 * Trust and names: {@link org.octt.tls.trust.TrustValidator} validates certification paths with PKIX
 * against configured anchors or the JDK's default trust store; {@link org.octt.tls.trust.FqdnMatcher}
 * checks the commonName against the endpoint's FQDN (the OCPP security whitepaper's rule) and
 * verifies host names the way ordinary TLS clients do (RFC 6125); {@link org.octt.tls.trust.EndpointHost}
 * normalizes the URL's host. Results are data; nothing here changes JVM-wide state.
 */
package org.octt.tls.trust;
