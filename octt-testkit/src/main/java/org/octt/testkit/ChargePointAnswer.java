package org.octt.testkit;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;
import java.util.Optional;

/**
 * The Charge Point's answer to a CALL of the {@link ReferenceCentralSystem}: a CALLRESULT or a
 * CALLERROR, as {@link RunningCentralSystem#send(String, String, String)} gives it. Immutable.
 */
public final class ChargePointAnswer {

    private final String frame;
    private final JsonNode payload;
    private final String errorCode;
    private final String errorDescription;

    private ChargePointAnswer(String frame, JsonNode payload, String errorCode, String errorDescription) {
        this.frame = frame;
        this.payload = payload;
        this.errorCode = errorCode;
        this.errorDescription = errorDescription;
    }

    /** A CALLRESULT: its frame as received and its payload. */
    public static ChargePointAnswer result(String frame, JsonNode payload) {
        return new ChargePointAnswer(Objects.requireNonNull(frame, "frame"), Objects.requireNonNull(payload, "payload")
                .deepCopy(), null, null);
    }

    /** A CALLERROR: its frame as received, ErrorCode, ErrorDescription and ErrorDetails. */
    public static ChargePointAnswer error(String frame, String errorCode, String errorDescription, JsonNode details) {
        return new ChargePointAnswer(Objects.requireNonNull(frame, "frame"), Objects.requireNonNull(details, "details")
                .deepCopy(), Objects.requireNonNull(errorCode, "errorCode"),
                Objects.requireNonNull(errorDescription, "errorDescription"));
    }

    /** Whether it is a CALLERROR. */
    public boolean isError() {
        return errorCode != null;
    }

    /** The CALLRESULT payload, or the CALLERROR's ErrorDetails; a copy. */
    public JsonNode payload() {
        return payload.deepCopy();
    }

    /** The CALLERROR's ErrorCode; empty for a CALLRESULT. */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /** The CALLERROR's ErrorDescription; empty for a CALLRESULT. */
    public Optional<String> errorDescription() {
        return Optional.ofNullable(errorDescription);
    }

    /** The frame as received. */
    public String frame() {
        return frame;
    }

    @Override
    public String toString() {
        return "ChargePointAnswer[" + frame + "]";
    }
}
