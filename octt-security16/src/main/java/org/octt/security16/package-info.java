/**
 * The OCPP 1.6 security section's cards for Central Systems that octt runs on its own (TC_085,
 * TC_087, TC_088), those the Central System starts when an operator action makes it (TC_074, TC_077:
 * a new Charge Point certificate) and the refusals the security whitepaper requires but no 1.6 card tests (the
 * {@code X_} extensions), as test case plugins on the Charge Point toolkit (octt-ocpp). They belong
 * to the built-in suite {@code ocpp16-security}. See docs/security-suite.md.
 */
package org.octt.security16;
