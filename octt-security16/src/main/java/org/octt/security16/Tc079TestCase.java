package org.octt.security16;

import org.octt.core.spi.CheckResult;
import org.octt.core.spi.OperatorAction;
import org.octt.core.spi.OptionDescriptor;
import org.octt.core.spi.Prerequisites;
import org.octt.core.spi.SecurityProfile;
import org.octt.core.spi.Step;
import org.octt.core.spi.TestCase;
import org.octt.core.spi.TestContext;
import org.octt.ocpp.cp.BootSequence;
import org.octt.ocpp.cp.ChargePointSession;
import org.octt.ocpp.cp.ExpectedCall;
import org.octt.ocpp.cp.Notifications;
import org.octt.ocpp.cp.Ocpp16Checks;
import org.octt.ocpp.cp.SecurityLogUpload;
import org.octt.ocpp.j.CallAnswer;
import org.octt.ocpp.schema.SchemaViolation;
import org.octt.ocpp.v16.message.GetLogRequest;
import org.octt.ocpp.v16.message.MessageFormatException;
import reactor.core.publisher.Flux;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * TC_079_CSMS "Get Security Log" (any security profile): from a connected, booted Charge Point, the
 * Central System (made to by its operator: the operator action {@code TC_079_CSMS.get-security-log})
 * sends GetLog.req with logType SecurityLog and the configured remoteLocation
 * ({@value #GET_LOG}); octt answers Accepted with a file name and sends LogStatusNotification.req
 * Uploading then Uploaded with the same requestId, each of which the Central System must answer
 * ({@value #STATUS_NOTIFICATIONS}). No file is uploaded.
 */
public final class Tc079TestCase extends Ocpp16SecurityCard {

    public static final String ID = "TC_079_CSMS";
    public static final String TITLE = "Get Security Log";

    /** The upgrade: 101 with ocpp1.6. */
    public static final String UPGRADE = BootedChargePoint.UPGRADE;
    /** BootNotification.conf Accepted. */
    public static final String BOOT_NOTIFICATION = BootedChargePoint.BOOT_NOTIFICATION;
    /** StatusNotification for connector 0 and each connector. */
    public static final String STATUS_NOTIFICATION = BootedChargePoint.STATUS_NOTIFICATION;
    /** GetLog.req received: logType SecurityLog, the configured remoteLocation, valid against its schema. */
    public static final String GET_LOG = "log.get-log";
    /** LogStatusNotification.req Uploading and Uploaded, each answered. */
    public static final String STATUS_NOTIFICATIONS = "log.status-notifications";

    /** The operator action's name; its id is {@code TC_079_CSMS.get-security-log}. */
    public static final String ACTION = "get-security-log";
    /** The option: the remoteLocation the Central System is configured to send (checked when given). */
    public static final String REMOTE_LOCATION_OPTION = "log.remote-location";
    /** The option: the file name octt answers GetLog.req with. */
    public static final String FILENAME_OPTION = "log.filename";

    private static final BootSequence BOOT = BootSequence.of(BOOT_NOTIFICATION, STATUS_NOTIFICATION, "octt-tc079");

    private static final List<OptionDescriptor> OPTIONS = optionDescriptors();

    private final List<Step> steps = List.of(Step.of("get-security-log",
            "connect and boot, then GetLog.req from the Central System, answered Accepted, and"
                    + " LogStatusNotification Uploading and Uploaded",
            List.of(UPGRADE, BOOT_NOTIFICATION, STATUS_NOTIFICATION, GET_LOG, STATUS_NOTIFICATIONS),
            context -> BootedChargePoint.run(context, BOOT, List.of(GET_LOG, STATUS_NOTIFICATIONS),
                    cp -> getLog(context, cp))));

    private static List<OptionDescriptor> optionDescriptors() {
        List<OptionDescriptor> o = new ArrayList<>(BootSequence.options("octt-tc079"));
        o.add(OptionDescriptor.string(REMOTE_LOCATION_OPTION, null,
                "the log.remoteLocation the Central System is configured to send in GetLog.req; checked when given"));
        o.add(OptionDescriptor.string(FILENAME_OPTION, SecurityLogUpload.DEFAULT_FILENAME,
                "the file name octt answers GetLog.req with"));
        return List.copyOf(o);
    }

    public Tc079TestCase() {
        super(ID, TITLE);
    }

    @Override
    public List<Step> steps() {
        return steps;
    }

    /** The boot options, {@value #REMOTE_LOCATION_OPTION} and {@value #FILENAME_OPTION}. */
    @Override
    public List<OptionDescriptor> options() {
        return OPTIONS;
    }

    /** Any security profile; the Central System must be made to send GetLog (an operator action). */
    @Override
    public Prerequisites prerequisites() {
        return Prerequisites.securityProfiles(SecurityProfile.UNSECURED_BASIC_AUTH, SecurityProfile.TLS_BASIC_AUTH,
                SecurityProfile.TLS_CLIENT_CERTIFICATE).withOperatorActions();
    }

    private static Flux<CheckResult> getLog(TestContext context, ChargePointSession cp) {
        Optional<String> remoteLocation = context.option(REMOTE_LOCATION_OPTION).filter(s -> !s.isBlank());
        String filename = context.option(FILENAME_OPTION).orElse(SecurityLogUpload.DEFAULT_FILENAME);
        String cpId = context.chargePointId().orElse("the Charge Point");
        OperatorAction action = OperatorAction.of(ACTION, "make the Central System send GetLog.req with logType"
                + " SecurityLog" + remoteLocation.map(r -> " and log.remoteLocation " + r).orElse("") + " to " + cpId,
                "GetLog", context.timeouts().action()).withParameter("logType", "SecurityLog");
        if (remoteLocation.isPresent()) {
            action = action.withParameter("remoteLocation", remoteLocation.get());
        }
        int mark = cp.log().size();
        return cp.expectCall(context, action, SecurityLogUpload.accept(filename)).flatMapMany(outcome -> {
            if (!(outcome instanceof ExpectedCall.Received received)) {
                return Flux.just(Ocpp16Checks.withMessageLog(Ocpp16Checks.notReceived(GET_LOG, outcome).orElseThrow(), cp.log().since(mark)),
                        CheckResult.skipped(STATUS_NOTIFICATIONS, "no GetLog.req, so no log upload to report"));
            }
            GetLogRequest request;
            try {
                request = GetLogRequest.fromJson(received.call().payload());
            } catch (MessageFormatException e) {
                return Flux.just(Ocpp16Checks.withMessageLog(CheckResult.failed(GET_LOG, "expected a GetLog.req a"
                                + " Charge Point can read, seen " + received.call().payload() + ": " + e.getMessage()),
                                cp.log().since(mark)),
                        CheckResult.skipped(STATUS_NOTIFICATIONS, "the GetLog.req has no readable requestId to report with"));
            }
            CheckResult getLog = Ocpp16Checks.withMessageLog(getLogCheck(received, request, remoteLocation),
                    cp.log().since(mark));
            int notified = cp.log().size();
            return Flux.just(getLog).concatWith(Notifications.send(cp, SecurityLogUpload.notifications(request.requestId()))
                    .map(sent -> Ocpp16Checks.withMessageLog(Notifications.check(STATUS_NOTIFICATIONS, sent),
                            cp.log().since(notified))));
        });
    }

    private static CheckResult getLogCheck(ExpectedCall.Received received, GetLogRequest request,
                                           Optional<String> remoteLocation) {
        List<String> problems = new ArrayList<>(SecurityLogUpload.problems(request, remoteLocation));
        if (!received.violations().isEmpty()) {
            problems.add("it breaks the OCPP 1.6 schema of GetLog.req: " + received.violations().stream()
                    .map(SchemaViolation::toString).collect(Collectors.joining("; ")));
        }
        String answered = received.answer() instanceof CallAnswer.Result r ? "answered " + r.payload()
                : "answered with a CALLERROR";
        if (problems.isEmpty()) {
            return CheckResult.passed(GET_LOG, "GetLog.req received: logType SecurityLog, requestId "
                            + request.requestId() + ", log.remoteLocation '" + request.log().remoteLocation() + "'"
                            + (remoteLocation.isPresent() ? " as configured" : "") + "; " + answered)
                    .withEvidence("getLog", received.call().payload().toString());
        }
        return CheckResult.failed(GET_LOG, "expected GetLog.req with logType SecurityLog"
                        + remoteLocation.map(r -> " and log.remoteLocation '" + r + "'").orElse("") + ", seen "
                        + received.call().payload() + ": " + String.join("; ", problems)
                        + "; make the Central System ask for the security log (logType SecurityLog)"
                        + (remoteLocation.isPresent() ? " at the configured location" : ""))
                .withEvidence("getLog", received.call().payload().toString());
    }
}
