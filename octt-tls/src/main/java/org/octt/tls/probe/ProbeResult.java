package org.octt.tls.probe;

import java.util.Objects;

/**
 * A probe request with its outcome.
 *
 * @param request what was offered, to whom
 * @param outcome what the server did
 */
public record ProbeResult(ProbeRequest request, ProbeOutcome outcome) {

    public ProbeResult {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(outcome, "outcome");
    }
}
