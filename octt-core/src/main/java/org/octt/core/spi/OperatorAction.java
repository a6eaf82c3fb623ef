package org.octt.core.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Something the Central System must do on its own before a step can go on: in a certification lab
 * an operator makes it send a request ("make the Central System send ChangeConfiguration.req with
 * key AuthorizationKey to CP001"); in CI a hook calls the Central System's own API; an embedder
 * subscribes to {@code RunEvent.ActionRequested} or supplies an {@link ActionHandler}.
 *
 * <p>A test case makes one with {@link #of} (and {@link #withParameter}) and asks for it with
 * {@link TestContext#requestAction(OperatorAction)}; the engine fills in the test case, the
 * ChargePointId and the deadline. {@link #id()} is {@code <testCaseId>.<name>}, e.g.
 * {@code TC_073_CSMS.change-authorization-key}: a stable id that hooks and the reference Central
 * System key on. Nothing in an action may be a secret: it is printed, reported and handed to hooks.
 *
 * <p>Immutable; a final class with factories so that it can grow.
 */
public final class OperatorAction {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern PARAMETER_KEY = Pattern.compile("[A-Za-z][A-Za-z0-9]*");

    private final String name;
    private final String text;
    private final String awaitedCall;
    private final Duration timeout;
    private final Map<String, String> parameters;
    private final Optional<String> testCaseId;
    private final Optional<String> chargePointId;
    private final Optional<Instant> deadline;

    private OperatorAction(String name, String text, String awaitedCall, Duration timeout,
                           Map<String, String> parameters, Optional<String> testCaseId,
                           Optional<String> chargePointId, Optional<Instant> deadline) {
        this.name = name;
        this.text = text;
        this.awaitedCall = awaitedCall;
        this.timeout = timeout;
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        this.testCaseId = testCaseId;
        this.chargePointId = chargePointId;
        this.deadline = deadline;
    }

    /**
     * An action a test case asks for.
     *
     * @param name        a short stable kebab-case name, unique within the test case, e.g.
     *                    {@code change-authorization-key}
     * @param text        what to make the Central System do, as a sentence for a person
     * @param awaitedCall the OCPP action the Central System must then send, e.g. {@code ChangeConfiguration}
     * @param timeout     how long to wait for it; positive, at most {@link Timeouts#MAX_NETWORK}
     */
    public static OperatorAction of(String name, String text, String awaitedCall, Duration timeout) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(awaitedCall, "awaitedCall");
        Objects.requireNonNull(timeout, "timeout");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("an action name is kebab-case (a-z, 0-9, '-'), was: " + name);
        }
        if (text.isBlank() || awaitedCall.isBlank()) {
            throw new IllegalArgumentException("an action needs a text and the call it awaits");
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Timeouts.MAX_NETWORK) > 0) {
            throw new IllegalArgumentException("an action's timeout must be positive and at most "
                    + HumanDuration.format(Timeouts.MAX_NETWORK) + ", was: " + HumanDuration.format(timeout));
        }
        return new OperatorAction(name, text, awaitedCall, timeout, Map.of(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    /**
     * A copy with a parameter the operator or a hook needs (never a secret), e.g.
     * {@code certificateType=ManufacturerRootCertificate}.
     *
     * @param key   letters and digits, starting with a letter
     * @param value the value
     */
    public OperatorAction withParameter(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (!PARAMETER_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("an action parameter's key is letters and digits, was: " + key);
        }
        Map<String, String> copy = new LinkedHashMap<>(parameters);
        copy.put(key, value);
        return new OperatorAction(name, text, awaitedCall, timeout, copy, testCaseId, chargePointId, deadline);
    }

    /** A copy with another timeout (e.g. the run's {@link Timeouts#action()}). */
    public OperatorAction withTimeout(Duration timeout) {
        OperatorAction checked = of(name, text, awaitedCall, timeout);
        return new OperatorAction(name, text, awaitedCall, checked.timeout, parameters, testCaseId, chargePointId,
                deadline);
    }

    /**
     * A copy as the engine hands it out: for this test case and Charge Point, due at {@code deadline}.
     *
     * @param testCaseId    the test case asking
     * @param chargePointId the Charge Point the Central System must act on, when the target names one
     * @param deadline      when the wait ends
     */
    public OperatorAction forRun(String testCaseId, Optional<String> chargePointId, Instant deadline) {
        return new OperatorAction(name, text, awaitedCall, timeout, parameters,
                Optional.of(Objects.requireNonNull(testCaseId, "testCaseId")),
                Objects.requireNonNull(chargePointId, "chargePointId"),
                Optional.of(Objects.requireNonNull(deadline, "deadline")));
    }

    /** {@code <testCaseId>.<name>} once the engine has filled in the test case, else the name. */
    public String id() {
        return testCaseId.map(t -> t + "." + name).orElse(name);
    }

    public String name() {
        return name;
    }

    /** What to make the Central System do, as a sentence for a person. */
    public String text() {
        return text;
    }

    /** The OCPP action the Central System must send, e.g. {@code ChangeConfiguration}. */
    public String awaitedCall() {
        return awaitedCall;
    }

    /** How long the test case waits for {@link #awaitedCall()}. */
    public Duration timeout() {
        return timeout;
    }

    /** Details for the operator or a hook, in the order given; never secrets. */
    public Map<String, String> parameters() {
        return parameters;
    }

    public Optional<String> testCaseId() {
        return testCaseId;
    }

    public Optional<String> chargePointId() {
        return chargePointId;
    }

    /** When the wait ends; set by the engine. */
    public Optional<Instant> deadline() {
        return deadline;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OperatorAction a && name.equals(a.name) && text.equals(a.text)
                && awaitedCall.equals(a.awaitedCall) && timeout.equals(a.timeout) && parameters.equals(a.parameters)
                && testCaseId.equals(a.testCaseId) && chargePointId.equals(a.chargePointId)
                && deadline.equals(a.deadline);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, text, awaitedCall, timeout, parameters, testCaseId, chargePointId, deadline);
    }

    @Override
    public String toString() {
        return "OperatorAction[" + id() + ": " + text + "; awaits " + awaitedCall + ".req within "
                + HumanDuration.format(timeout) + (parameters.isEmpty() ? "" : ", " + parameters) + "]";
    }
}
