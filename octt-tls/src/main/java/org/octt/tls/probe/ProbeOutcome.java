package org.octt.tls.probe;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What one handshake probe saw: the server {@link Accepted accepted} the offer, {@link Refused
 * refused} it with an alert, the probe {@link Aborted aborted} because the server broke the protocol
 * (e.g. selected a cipher suite that was not offered), or the connection failed at the
 * {@link TransportFailure transport} level. Outcomes are data; every one carries a human message and
 * the time from the start of the probe.
 */
public sealed interface ProbeOutcome
        permits ProbeOutcome.Accepted, ProbeOutcome.Refused, ProbeOutcome.Aborted, ProbeOutcome.TransportFailure {

    /** A sentence saying what happened, with the values seen; never null. */
    String message();

    /** From the start of the probe (before connecting) to this outcome. */
    Duration elapsed();

    /** Lower-case label for metrics and reports: accepted, refused, aborted or the transport kind. */
    String label();

    /**
     * Whether the server sent a CertificateRequest (asked for a client certificate, as OCPP security
     * profile 3 requires) before this outcome; false when the handshake ended before the server could.
     */
    default boolean clientCertificateRequested() {
        return false;
    }

    /** Whether the handshake completed. */
    default boolean isAccepted() {
        return this instanceof Accepted;
    }

    /**
     * The server's certificate chain as sent, leaf first; empty when the server sent none before the
     * outcome (a refusal in answer to the ClientHello, a transport failure).
     */
    default List<CapturedCertificate> chain() {
        return List.of();
    }

    /** The parseable certificates of {@link #chain()}, in order. */
    default List<X509Certificate> certificates() {
        return chain().stream().flatMap(c -> c.certificate().stream()).toList();
    }

    /**
     * The handshake completed.
     *
     * @param version      the negotiated version
     * @param cipherSuite  the selected suite's IANA name
     * @param namedGroup   the key exchange group (e.g. {@code x25519}, {@code secp256r1}), empty for
     *                     a key exchange without one (e.g. {@code TLS_RSA_*})
     * @param compression  the compression method, {@code null} (the only one Bouncy Castle accepts)
     * @param chain        the server's certificates as sent, leaf first
     * @param elapsed      from the start of the probe to the server's Finished
     * @param clientCertificateRequested whether the server sent a CertificateRequest
     */
    record Accepted(TlsVersion version, String cipherSuite, Optional<String> namedGroup, String compression,
                    List<CapturedCertificate> chain, Duration elapsed, boolean clientCertificateRequested)
            implements ProbeOutcome {

        /** An acceptance without a CertificateRequest (see the canonical constructor). */
        public Accepted(TlsVersion version, String cipherSuite, Optional<String> namedGroup, String compression,
                        List<CapturedCertificate> chain, Duration elapsed) {
            this(version, cipherSuite, namedGroup, compression, chain, elapsed, false);
        }

        public Accepted {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(cipherSuite, "cipherSuite");
            Objects.requireNonNull(namedGroup, "namedGroup");
            Objects.requireNonNull(compression, "compression");
            chain = List.copyOf(chain);
            Objects.requireNonNull(elapsed, "elapsed");
        }

        /** The certificates' DER encodings as sent, leaf first (copies). */
        public List<byte[]> encodedChain() {
            return chain.stream().map(CapturedCertificate::encoded).toList();
        }

        /** The first certificate sent. */
        public Optional<CapturedCertificate> leaf() {
            return chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(0));
        }

        @Override
        public String message() {
            return "server accepted " + version.protocolName() + " with " + cipherSuite
                    + namedGroup.map(g -> " (group " + g + ")").orElse("")
                    + "; it sent " + chain.size() + (chain.size() == 1 ? " certificate" : " certificates")
                    + leaf().map(l -> ", leaf " + l.subject()).orElse("");
        }

        @Override
        public String label() {
            return "accepted";
        }
    }

    /**
     * The server ended the handshake with a fatal alert (or a close_notify before it completed).
     *
     * @param alert     the alert's name and code, e.g. {@code handshake_failure(40)}
     * @param alertCode the alert description code, e.g. 40
     * @param level     {@code fatal} or {@code warning}
     * @param message   what the server refused and what was offered
     * @param chain     certificates the server sent before refusing (usually none)
     * @param elapsed   from the start of the probe to the alert
     * @param clientCertificateRequested whether the server sent a CertificateRequest before refusing
     */
    record Refused(String alert, int alertCode, String level, String message, List<CapturedCertificate> chain,
                   Duration elapsed, boolean clientCertificateRequested) implements ProbeOutcome {

        /** A refusal before any CertificateRequest (see the canonical constructor). */
        public Refused(String alert, int alertCode, String level, String message, List<CapturedCertificate> chain,
                       Duration elapsed) {
            this(alert, alertCode, level, message, chain, elapsed, false);
        }

        public Refused {
            Objects.requireNonNull(alert, "alert");
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(message, "message");
            chain = List.copyOf(chain);
            Objects.requireNonNull(elapsed, "elapsed");
        }

        @Override
        public String label() {
            return "refused";
        }
    }

    /**
     * The probe ended the handshake because the server's answer broke the protocol: it selected a
     * version or cipher suite that was not offered, sent a malformed message, a bad signature, and so
     * on. The probe sent the alert named here.
     *
     * @param alert     the alert the probe sent, e.g. {@code illegal_parameter(47)}
     * @param alertCode its description code
     * @param message   what the server did wrong, in words
     * @param chain     certificates the server sent before the fault, leaf first (may be empty)
     * @param elapsed   from the start of the probe
     * @param clientCertificateRequested whether the server sent a CertificateRequest before the fault
     */
    record Aborted(String alert, int alertCode, String message, List<CapturedCertificate> chain, Duration elapsed,
                   boolean clientCertificateRequested) implements ProbeOutcome {

        /** An abort before any CertificateRequest (see the canonical constructor). */
        public Aborted(String alert, int alertCode, String message, List<CapturedCertificate> chain, Duration elapsed) {
            this(alert, alertCode, message, chain, elapsed, false);
        }

        public Aborted {
            Objects.requireNonNull(alert, "alert");
            Objects.requireNonNull(message, "message");
            chain = List.copyOf(chain);
            Objects.requireNonNull(elapsed, "elapsed");
        }

        @Override
        public String label() {
            return "aborted";
        }
    }

    /**
     * No TLS answer: the connection could not be made, or it ended, or the peer spoke something else.
     *
     * @param kind    what went wrong
     * @param message what was seen, with the target and any bytes received
     * @param elapsed from the start of the probe
     * @param clientCertificateRequested whether the server had sent a CertificateRequest (e.g. it closed
     *                the connection after the probe's answer to it, without an alert)
     */
    record TransportFailure(Kind kind, String message, Duration elapsed, boolean clientCertificateRequested)
            implements ProbeOutcome {

        /** A transport failure before any CertificateRequest (see the canonical constructor). */
        public TransportFailure(Kind kind, String message, Duration elapsed) {
            this(kind, message, elapsed, false);
        }

        public TransportFailure {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(elapsed, "elapsed");
        }

        @Override
        public String label() {
            return kind.name().toLowerCase(Locale.ROOT);
        }

        /** What kind of transport failure. */
        public enum Kind {
            /** Nothing listens on the port (TCP RST to the SYN). */
            CONNECTION_REFUSED,
            /** The server reset the connection. */
            CONNECTION_RESET,
            /** The server closed the connection before the handshake ended, without an alert. */
            CLOSED_BEFORE_HANDSHAKE,
            /** The server answered with bytes that are not a TLS record (HTTP, SSH, ...). */
            NOT_TLS,
            /** The connect, or the handshake, did not finish within its timeout. */
            TIMED_OUT,
            /** The host name could not be resolved. */
            UNRESOLVED_HOST,
            /** Any other I/O failure; the message says which. */
            OTHER
        }
    }
}
