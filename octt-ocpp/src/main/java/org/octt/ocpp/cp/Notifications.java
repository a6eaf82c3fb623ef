package org.octt.ocpp.cp;

import org.octt.core.spi.CheckResult;
import org.octt.core.spi.Verdict;
import org.octt.ocpp.j.CallOutcome;
import org.octt.ocpp.v16.message.Ocpp16Message;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Notifications a Charge Point sends one after another (LogStatusNotification Uploading then
 * Uploaded, SignedFirmwareStatusNotification Downloading, Downloaded, ...) and the check that the
 * Central System answered each. Every one is sent, answered or not, each bounded by the session's
 * call timeout. Stateless.
 */
public final class Notifications {

    private Notifications() {
    }

    /**
     * One notification and how it was answered.
     *
     * @param label   how messages name it, e.g. {@code LogStatusNotification.req Uploading}
     * @param outcome the answer (or the CALLERROR, the timeout, the close)
     */
    public record Sent(String label, CallOutcome outcome) {
        public Sent {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(outcome, "outcome");
        }

        /** Whether it got a CALLRESULT valid against the action's response schema. */
        public boolean answered() {
            return outcome instanceof CallOutcome.Result r && !r.invalid();
        }

        /** {@code <label>: answered {}} or {@code <label>: <what happened>}. */
        public String line() {
            return answered() ? label + ": answered " + ((CallOutcome.Result) outcome).payload()
                    : label + ": " + outcome.message();
        }
    }

    /**
     * Sends each request in order (the next once the previous one ended) and emits what each got.
     *
     * @param requests typed requests, e.g. {@code new LogStatusNotificationRequest(Uploading, OptionalInt.of(7))}
     */
    public static Mono<List<Sent>> send(ChargePointSession session, List<? extends Ocpp16Message> requests) {
        Objects.requireNonNull(session, "session");
        return Flux.fromIterable(List.copyOf(requests))
                .concatMap(r -> session.call(r).map(o -> new Sent(label(r), o)))
                .collectList();
    }

    /**
     * How messages name a request: its action and its {@code status} (or security event {@code type}),
     * e.g. {@code SignedFirmwareStatusNotification.req Downloaded}, {@code SecurityEventNotification.req FirmwareUpdated}.
     */
    public static String label(Ocpp16Message request) {
        var json = request.toJson();
        var status = json.has("status") ? json.get("status") : json.get("type");
        return request.action() + ".req" + (status == null ? "" : " " + status.asText());
    }

    /**
     * PASSED when every notification got a valid CALLRESULT; FAILED naming each that did not (the
     * CALLERROR, the schema violation, the timeout), e.g.
     * {@code LogStatusNotification.req Uploaded: LogStatusNotification got no answer within 2 s}.
     * Evidence {@code notifications}: one line each.
     */
    public static CheckResult check(String checkId, List<Sent> sent) {
        List<String> lines = sent.stream().map(Sent::line).toList();
        List<String> unanswered = sent.stream().filter(s -> !s.answered()).map(Sent::label).toList();
        boolean ok = unanswered.isEmpty();
        String message = ok
                ? "the Central System answered every notification: " + String.join("; ", lines)
                : "expected an answer to every notification, the Central System did not answer "
                        + String.join(", ", unanswered) + ": " + sent.stream().filter(s -> !s.answered())
                        .map(Sent::line).collect(Collectors.joining("; "))
                        + "; a Central System must answer each CALL (OCPP-J 1.6 section 4.1.1)";
        return CheckResult.of(checkId, ok ? Verdict.PASSED : Verdict.FAILED, message).withEvidence("notifications", lines);
    }
}
