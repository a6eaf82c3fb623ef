package org.octt.ocpp.cp;

import org.octt.core.spi.CheckResult;
import org.octt.ocpp.j.CallOutcome;
import org.octt.ocpp.j.MessageLog;
import org.octt.ocpp.schema.SchemaViolation;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Turns what a {@link ChargePointSession} saw into checks and evidence. Stateless. */
public final class Ocpp16Checks {

    /** The evidence key of the message log. */
    public static final String MESSAGE_LOG = "messageLog";

    private Ocpp16Checks() {
    }

    /**
     * FAILED naming every violation when the answer is a CALLRESULT that breaks its OCPP 1.6
     * schema, e.g. {@code BootNotification.conf breaks the OCPP 1.6 schema: /status: "Acepted" is not
     * one of Accepted, Pending, Rejected}; empty otherwise (valid, or not a CALLRESULT).
     */
    public static Optional<CheckResult> schemaViolations(String checkId, CallOutcome outcome) {
        if (outcome instanceof CallOutcome.Result r && r.invalid()) {
            return Optional.of(CheckResult.failed(checkId, r.action() + ".conf breaks the OCPP 1.6 schema: "
                            + r.violations().stream().map(SchemaViolation::toString).collect(Collectors.joining("; ")))
                    .withEvidence("conf", r.payload().toString())
                    .withEvidence("violations", r.violations().stream().map(SchemaViolation::toString).toList()));
        }
        return Optional.empty();
    }

    /**
     * PASSED when the call was answered with a CALLRESULT valid against its schema; FAILED with the
     * violations, the CALLERROR, the malformed answer, the timeout or the close otherwise.
     */
    public static CheckResult answered(String checkId, CallOutcome outcome) {
        Optional<CheckResult> invalid = schemaViolations(checkId, outcome);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        if (outcome instanceof CallOutcome.Result r) {
            return CheckResult.passed(checkId, r.action() + ".conf valid: " + r.payload())
                    .withEvidence("conf", r.payload().toString());
        }
        return CheckResult.failed(checkId, outcome.message());
    }

    /** The check with {@code entries} as its {@value #MESSAGE_LOG} evidence (a list of {dir, time, frame}). */
    public static CheckResult withMessageLog(CheckResult check, List<MessageLog.Entry> entries) {
        return check.withEvidence(MESSAGE_LOG, MessageLog.evidence(entries));
    }
}
