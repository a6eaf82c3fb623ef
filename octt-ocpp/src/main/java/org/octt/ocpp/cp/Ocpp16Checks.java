package org.octt.ocpp.cp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.octt.core.spi.CheckResult;
import org.octt.core.spi.Verdict;
import org.octt.ocpp.j.CallOutcome;
import org.octt.ocpp.j.MessageLog;
import org.octt.ocpp.schema.SchemaViolation;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
     * INCONCLUSIVE with the outcome's message when an awaited CALL did not come: nobody acted
     * ({@link ExpectedCall.NotActed}, {@link ExpectedCall.TimedOut}), the action could not be triggered
     * ({@link ExpectedCall.NotTriggered}) or the WebSocket closed first ({@link ExpectedCall.Closed});
     * empty when it was {@link ExpectedCall.Received}. Nobody acting is never a failure of the Central
     * System: a person may simply not have clicked.
     */
    public static Optional<CheckResult> notReceived(String checkId, ExpectedCall outcome) {
        if (outcome instanceof ExpectedCall.Received) {
            return Optional.empty();
        }
        CheckResult check = CheckResult.inconclusive(checkId, outcome.message());
        if (outcome instanceof ExpectedCall.NotActed n) {
            check = check.withEvidence("action", n.actionId());
        } else if (outcome instanceof ExpectedCall.NotTriggered n) {
            check = check.withEvidence("action", n.actionId());
        }
        return Optional.of(check);
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

    /** The BootNotification.req payload of a Charge Point with this vendor and model. */
    public static ObjectNode bootNotificationRequest(String vendor, String model) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("chargePointVendor", vendor);
        payload.put("chargePointModel", model);
        return payload;
    }

    /**
     * The BootNotification check of the security cards (TC_085, TC_086, TC_087): PASSED when the
     * answer is a BootNotification.conf with status Accepted, a non-negative integer interval and an
     * ISO 8601 currentTime with offset; FAILED naming every problem otherwise. A schema violation the
     * checks above do not catch is a warning (named, not judged).
     */
    public static CheckResult bootNotification(String checkId, CallOutcome outcome) {
        if (!(outcome instanceof CallOutcome.Result result)) {
            return CheckResult.failed(checkId, "expected BootNotification.conf, got: " + outcome.message());
        }
        JsonNode p = result.payload();
        List<String> problems = new ArrayList<>();
        JsonNode status = p.get("status");
        JsonNode currentTime = p.get("currentTime");
        JsonNode interval = p.get("interval");
        if (currentTime == null || !currentTime.isTextual()) {
            problems.add("currentTime is missing or not a string");
        } else {
            try {
                OffsetDateTime.parse(currentTime.asText());
            } catch (DateTimeParseException e) {
                problems.add("currentTime '" + currentTime.asText() + "' is not an ISO 8601 date-time with offset");
            }
        }
        if (interval == null || !interval.canConvertToInt() || !interval.isIntegralNumber() || interval.asInt() < 0) {
            problems.add("interval " + (interval == null ? "is missing" : interval + " is not a non-negative integer"));
        }
        if (status == null || !status.isTextual()) {
            problems.add("status is missing");
        } else if (!List.of("Accepted", "Pending", "Rejected").contains(status.asText())) {
            problems.add("status '" + status.asText() + "' is not one of Accepted, Pending, Rejected");
        } else if (!status.asText().equals("Accepted")) {
            problems.add("status is " + status.asText() + ", expected Accepted");
        }
        CheckResult check = problems.isEmpty()
                ? CheckResult.passed(checkId, "BootNotification.conf: status Accepted, interval "
                        + interval.asInt() + " s, currentTime " + currentTime.asText())
                : CheckResult.failed(checkId, "BootNotification.conf " + p + ": " + String.join("; ", problems));
        check = check.withEvidence("conf", p.toString());
        if (result.invalid()) {
            check = check.withWarning("BootNotification.conf breaks the OCPP 1.6 schema: " + result.violations().stream()
                            .map(SchemaViolation::toString).collect(Collectors.joining("; ")))
                    .withEvidence("schemaViolations", result.violations().stream().map(SchemaViolation::toString).toList());
        }
        return check;
    }

    /**
     * The StatusNotification check of the security cards: one StatusNotification.req (Available,
     * NoError) for connector 0 and for each of {@code connectors}, one after another; PASSED when
     * every one got a StatusNotification.conf, FAILED naming each that did not.
     */
    public static Mono<CheckResult> statusNotifications(String checkId, ChargePointSession session, int connectors,
                                                        Clock clock) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i <= connectors; i++) {
            ids.add(i);
        }
        return Flux.fromIterable(ids)
                .concatMap(id -> session.call("StatusNotification", statusRequest(id, clock)).map(o -> statusLine(id, o)))
                .collectList()
                .map(lines -> {
                    boolean ok = lines.stream().allMatch(l -> l.startsWith("ok"));
                    List<String> text = lines.stream().map(l -> l.substring(3)).toList();
                    return CheckResult.of(checkId, ok ? Verdict.PASSED : Verdict.FAILED,
                                    (ok ? "every StatusNotification.req answered with StatusNotification.conf: "
                                            : "not every StatusNotification.req got a StatusNotification.conf: ")
                                            + String.join("; ", text))
                            .withEvidence("connectorIds", ids);
                });
    }

    private static String statusLine(int connectorId, CallOutcome outcome) {
        if (outcome instanceof CallOutcome.Result r && r.payload().isObject()) {
            return "ok connector " + connectorId + ": conf " + r.payload();
        }
        return "no connector " + connectorId + ": " + outcome.message();
    }

    private static ObjectNode statusRequest(int connectorId, Clock clock) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("connectorId", connectorId);
        payload.put("errorCode", "NoError");
        payload.put("status", "Available");
        payload.put("timestamp", clock.instant().toString());
        return payload;
    }
}
