package org.octt.ocpp.cp;

import org.octt.ocpp.j.CallAnswer;
import org.octt.ocpp.j.CallResponder;
import org.octt.ocpp.v16.message.GetLogRequest;
import org.octt.ocpp.v16.message.GetLogResponse;
import org.octt.ocpp.v16.message.LogStatus;
import org.octt.ocpp.v16.message.LogStatusNotificationRequest;
import org.octt.ocpp.v16.message.LogType;
import org.octt.ocpp.v16.message.UploadLogStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The Charge Point's part of "get the security log" (OCPP 1.6 security whitepaper, GetLog with
 * logType SecurityLog; TC_079_CSMS): answer GetLog.req with Accepted and the name of the file it
 * will upload, then report LogStatusNotification.req Uploading and Uploaded with the GetLog's
 * requestId. No file is uploaded: the cards check the messages, and octt writes nothing to a
 * Central System's upload server. Stateless.
 */
public final class SecurityLogUpload {

    /** The file name octt answers with by default. */
    public static final String DEFAULT_FILENAME = "octt-security.log";

    private SecurityLogUpload() {
    }

    /** Answers GetLog.req with {@code {"status":"Accepted","filename":filename}}, whatever it asked for. */
    public static CallResponder accept(String filename) {
        Objects.requireNonNull(filename, "filename");
        CallAnswer answer = CallAnswer.result(new GetLogResponse(LogStatus.Accepted, Optional.of(filename)).toJson());
        return call -> answer;
    }

    /** LogStatusNotification.req Uploading then Uploaded, both with {@code requestId}. */
    public static List<LogStatusNotificationRequest> notifications(int requestId) {
        return List.of(new LogStatusNotificationRequest(UploadLogStatus.Uploading, OptionalInt.of(requestId)),
                new LogStatusNotificationRequest(UploadLogStatus.Uploaded, OptionalInt.of(requestId)));
    }

    /**
     * What is wrong with a GetLog.req for the security log: a logType other than SecurityLog, a
     * remoteLocation other than {@code expectedRemoteLocation} (when one is configured). Empty when
     * it is right.
     */
    public static List<String> problems(GetLogRequest request, Optional<String> expectedRemoteLocation) {
        List<String> problems = new ArrayList<>();
        if (request.logType() != LogType.SecurityLog) {
            problems.add("logType is " + request.logType() + ", expected SecurityLog");
        }
        String location = request.log().remoteLocation();
        expectedRemoteLocation.filter(e -> !e.equals(location)).ifPresent(e ->
                problems.add("log.remoteLocation is '" + location + "', expected the configured '" + e + "'"));
        return problems;
    }
}
