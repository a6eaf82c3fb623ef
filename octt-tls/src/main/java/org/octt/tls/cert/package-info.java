/**
 * Certificates and keys as octt reads them: {@link org.octt.tls.cert.PemFiles} reads PEM files
 * (certificates; PKCS#8, PKCS#1 and SEC1 private keys) with one-line errors that never show key
 * material; {@link org.octt.tls.cert.CertificateInspector} reads every fact a compliance check needs
 * from a DER certificate with Bouncy Castle, independent of what the running JDK accepts, and
 * reports malformed input as data ({@link org.octt.tls.cert.Inspection.Malformed}).
 */
package org.octt.tls.cert;
