/**
 * Internals of the handshake probe: the Bouncy Castle client, the Netty handler that drives it and
 * the helpers that read what the server sent. Not API; may change without notice.
 */
package org.octt.tls.probe.internal;
