package org.octt.core.spi;

import reactor.core.publisher.Mono;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a step needs: the target, the security profile and credentials, trust anchors, client
 * key material, timeouts, a clock and scheduler, a {@link MeterRegistry}, plugin options and the
 * {@link State} shared between the steps of one run.
 *
 * <p>Immutable but for {@link #state()}; build one with {@link #builder(Target)}. The engine gives
 * each test case run its own copy with a fresh state ({@link #withFreshState()}).
 * {@link #toString()} never shows a secret.
 */
public final class TestContext {

    /** Default bound on concurrent connections to one target. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_TARGET = 2;

    private final Target target;
    private final SecurityProfile securityProfile;
    private final Optional<Secret> basicAuthPassword;
    private final List<X509Certificate> trustAnchors;
    private final Optional<KeyMaterial> clientKeyMaterial;
    private final Optional<KeyMaterial> chargePointCa;
    private final Timeouts timeouts;
    private final Clock clock;
    private final Scheduler scheduler;
    private final MeterRegistry meterRegistry;
    private final boolean meterRegistryGiven;
    private final boolean insecure;
    private final int maxConnectionsPerTarget;
    private final Map<String, String> options;
    private final Map<Class<?>, Object> resources;
    private final ActionHandler actionHandler;
    private final boolean operatorActions;
    private final Optional<String> testCaseId;
    private final State state;

    private TestContext(Builder b, State state) {
        this.target = b.target;
        this.securityProfile = b.securityProfile;
        this.basicAuthPassword = b.basicAuthPassword;
        this.trustAnchors = List.copyOf(b.trustAnchors);
        this.clientKeyMaterial = b.clientKeyMaterial;
        this.chargePointCa = b.chargePointCa;
        this.timeouts = b.timeouts;
        this.clock = b.clock;
        this.scheduler = b.scheduler;
        this.meterRegistry = b.meterRegistry;
        this.meterRegistryGiven = b.meterRegistryGiven;
        this.insecure = b.insecure;
        this.maxConnectionsPerTarget = b.maxConnectionsPerTarget;
        this.options = Map.copyOf(b.options);
        this.resources = Map.copyOf(b.resources);
        this.actionHandler = b.actionHandler;
        this.operatorActions = b.operatorActions;
        this.testCaseId = b.testCaseId;
        this.state = state;
    }

    public static Builder builder(Target target) {
        return new Builder(target);
    }

    /** A builder holding this context's settings, to derive a variant (e.g. another target). */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A copy with the same settings and a new, empty {@link State}. */
    public TestContext withFreshState() {
        return new TestContext(toBuilder(), new State());
    }

    /** A copy for another target, with a fresh state. */
    public TestContext withTarget(Target target) {
        return toBuilder().target(target).build();
    }

    public Target target() {
        return target;
    }

    /** The Charge Point identity from the URL's last path segment. */
    public Optional<String> chargePointId() {
        return target.chargePointId();
    }

    public SecurityProfile securityProfile() {
        return securityProfile;
    }

    /** The Basic auth password (profile 2), if configured. Never print it. */
    public Optional<Secret> basicAuthPassword() {
        return basicAuthPassword;
    }

    /** Trust anchors for the Central System's certificate; empty means the JDK's default trust store. */
    public List<X509Certificate> trustAnchors() {
        return trustAnchors;
    }

    /** Client certificate and key (profile 3), if configured. */
    public Optional<KeyMaterial> clientKeyMaterial() {
        return clientKeyMaterial;
    }

    /**
     * The CA that issues the Charge Points' client certificates (its certificate, leaf first, and its
     * private key), when the tester has it: test cases issue certificates from it that the Central
     * System must refuse (expired, another Charge Point's CN). Empty unless given. Never print the key.
     */
    public Optional<KeyMaterial> chargePointCa() {
        return chargePointCa;
    }

    public Timeouts timeouts() {
        return timeouts;
    }

    public Clock clock() {
        return clock;
    }

    /** The scheduler for timers (timeouts, delays); a virtual-time scheduler in tests. */
    public Scheduler scheduler() {
        return scheduler;
    }

    /**
     * Where the instrument records its meters: the registry set on the builder or, when none was
     * set, the registry of the engine that runs the test case (so one registry given to the engine
     * holds every meter); a private {@code SimpleMeterRegistry} only outside an engine.
     */
    public MeterRegistry meterRegistry() {
        return meterRegistry;
    }

    /**
     * This context, or a copy recording on {@code registry} when no registry was set on the builder.
     * The engine calls it with its own registry.
     */
    public TestContext withDefaultMeterRegistry(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        if (meterRegistryGiven || registry == meterRegistry) {
            return this;
        }
        Builder b = toBuilder();
        b.meterRegistry = registry;
        b.meterRegistryGiven = false;
        return new TestContext(b, state);
    }

    /**
     * Whether the user explicitly asked to go on (and send credentials) after the server's
     * certificate failed validation. Reports record it.
     */
    public boolean insecure() {
        return insecure;
    }

    /** Bound on concurrent connections a test case opens to this target. */
    public int maxConnectionsPerTarget() {
        return maxConnectionsPerTarget;
    }

    /** Plugin-specific options (e.g. {@code ocpp.vendor}), never secrets. */
    public Map<String, String> options() {
        return options;
    }

    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key));
    }

    /**
     * A shared resource the embedder supplied (e.g. Reactor Netty {@code LoopResources}), by type.
     */
    public <T> Optional<T> resource(Class<T> type) {
        return Optional.ofNullable(resources.get(type)).map(type::cast);
    }

    public State state() {
        return state;
    }

    /**
     * Whether test cases that need the Central System to act on its own ({@link OperatorAction}) may
     * run; when not, they are not applicable ({@link Prerequisites#withOperatorActions()}). True
     * unless turned off.
     */
    public boolean operatorActionsEnabled() {
        return operatorActions;
    }

    /** Who handles this run's operator actions; {@link ActionHandler#leftToOperator()} unless set. */
    public ActionHandler actionHandler() {
        return actionHandler;
    }

    /**
     * A copy with this action handler and the same {@link State}: the engine wraps the run's handler
     * so that each request is also announced as an event.
     */
    public TestContext withActionHandler(ActionHandler handler) {
        Builder b = toBuilder();
        b.actionHandler = Objects.requireNonNull(handler, "handler");
        return new TestContext(b, state);
    }

    /** The test case this context runs, when the engine runs it. */
    public Optional<String> testCaseId() {
        return testCaseId;
    }

    /** A copy naming the test case it runs, with the same {@link State}; the engine sets it. */
    public TestContext withTestCaseId(String id) {
        Builder b = toBuilder();
        b.testCaseId = Optional.of(Objects.requireNonNull(id, "id"));
        return new TestContext(b, state);
    }

    /**
     * The action as it will be handed out when requested now: for this context's test case (when
     * known) and ChargePointId, due at now plus its timeout. An action already prepared is returned
     * as it is. Use it to name the action ({@link OperatorAction#id()}) in messages.
     */
    public OperatorAction prepare(OperatorAction action) {
        Objects.requireNonNull(action, "action");
        if (action.deadline().isPresent()) {
            return action;
        }
        return testCaseId.isPresent()
                ? action.forRun(testCaseId.get(), chargePointId(), clock.instant().plus(action.timeout()))
                : action;
    }

    /**
     * Asks for an operator action and emits how it was handled. The handler starts at once (on this
     * call, not on subscription) and goes on even when nobody listens to the result any more (a test
     * case usually stops listening once the awaited call came); it is bounded by the action's timeout.
     * The action is {@link #prepare prepared} first (its test case, ChargePointId and deadline). Inside
     * the engine the request is also announced ({@code RunEvent.ActionRequested}) and the step's deadline is extended by the
     * action's timeout. The result never fails: a handler error or overrun is
     * {@link ActionOutcome#failed}, a handler that emits nothing {@link ActionOutcome#leftToOperator()}.
     *
     * @param action what the Central System must do
     * @return a cached {@code Mono} of the outcome
     */
    public Mono<ActionOutcome> requestAction(OperatorAction action) {
        OperatorAction prepared = prepare(action);
        Mono<ActionOutcome> outcome = Mono.defer(() -> actionHandler.handle(prepared))
                .timeout(action.timeout(), Mono.fromSupplier(() -> ActionOutcome.failed(
                        "the action handler did not finish within " + HumanDuration.format(action.timeout()))),
                        scheduler)
                .onErrorResume(e -> Mono.just(ActionOutcome.failed("the action handler failed: "
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()))))
                .defaultIfEmpty(ActionOutcome.leftToOperator())
                .cache();
        outcome.subscribe(any -> { }, error -> { });
        return outcome;
    }

    @Override
    public String toString() {
        return "TestContext[target=" + target + ", profile=" + securityProfile.number()
                + ", password=" + (basicAuthPassword.isPresent() ? "****" : "none")
                + ", trustAnchors=" + trustAnchors.size()
                + ", clientCertificate=" + clientKeyMaterial.isPresent()
                + (chargePointCa.isPresent() ? ", chargePointCa=" + chargePointCa.get() : "")
                + ", timeouts=" + timeouts + ", insecure=" + insecure
                + (operatorActions ? "" : ", operatorActions=off") + "]";
    }

    /** Builder of {@link TestContext}; validates each value as it is set. */
    public static final class Builder {
        private Target target;
        private SecurityProfile securityProfile = SecurityProfile.TLS_BASIC_AUTH;
        private Optional<Secret> basicAuthPassword = Optional.empty();
        private List<X509Certificate> trustAnchors = List.of();
        private Optional<KeyMaterial> clientKeyMaterial = Optional.empty();
        private Optional<KeyMaterial> chargePointCa = Optional.empty();
        private Timeouts timeouts = Timeouts.DEFAULTS;
        private Clock clock = Clock.systemUTC();
        private Scheduler scheduler = Schedulers.parallel();
        private MeterRegistry meterRegistry;
        private boolean meterRegistryGiven;
        private boolean insecure;
        private int maxConnectionsPerTarget = DEFAULT_MAX_CONNECTIONS_PER_TARGET;
        private final Map<String, String> options = new LinkedHashMap<>();
        private final Map<Class<?>, Object> resources = new LinkedHashMap<>();
        private ActionHandler actionHandler = ActionHandler.leftToOperator();
        private boolean operatorActions = true;
        private Optional<String> testCaseId = Optional.empty();

        private Builder(Target target) {
            this.target = Objects.requireNonNull(target, "target");
        }

        private Builder(TestContext c) {
            this.target = c.target;
            this.securityProfile = c.securityProfile;
            this.basicAuthPassword = c.basicAuthPassword;
            this.trustAnchors = c.trustAnchors;
            this.clientKeyMaterial = c.clientKeyMaterial;
            this.chargePointCa = c.chargePointCa;
            this.timeouts = c.timeouts;
            this.clock = c.clock;
            this.scheduler = c.scheduler;
            this.meterRegistry = c.meterRegistry;
            this.meterRegistryGiven = c.meterRegistryGiven;
            this.insecure = c.insecure;
            this.maxConnectionsPerTarget = c.maxConnectionsPerTarget;
            this.options.putAll(c.options);
            this.resources.putAll(c.resources);
            this.actionHandler = c.actionHandler;
            this.operatorActions = c.operatorActions;
            this.testCaseId = c.testCaseId;
        }

        public Builder target(Target target) {
            this.target = Objects.requireNonNull(target, "target");
            return this;
        }

        public Builder securityProfile(SecurityProfile profile) {
            this.securityProfile = Objects.requireNonNull(profile, "securityProfile");
            return this;
        }

        public Builder basicAuthPassword(Secret password) {
            this.basicAuthPassword = Optional.of(Objects.requireNonNull(password, "basicAuthPassword"));
            return this;
        }

        public Builder trustAnchors(List<X509Certificate> anchors) {
            this.trustAnchors = List.copyOf(anchors);
            return this;
        }

        public Builder clientKeyMaterial(KeyMaterial keyMaterial) {
            this.clientKeyMaterial = Optional.of(Objects.requireNonNull(keyMaterial, "clientKeyMaterial"));
            return this;
        }

        /** The Charge Point CA's certificate and key (see {@link TestContext#chargePointCa()}). */
        public Builder chargePointCa(KeyMaterial ca) {
            this.chargePointCa = Optional.of(Objects.requireNonNull(ca, "chargePointCa"));
            return this;
        }

        public Builder timeouts(Timeouts timeouts) {
            this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        public Builder meterRegistry(MeterRegistry registry) {
            this.meterRegistry = Objects.requireNonNull(registry, "meterRegistry");
            this.meterRegistryGiven = true;
            return this;
        }

        public Builder insecure(boolean insecure) {
            this.insecure = insecure;
            return this;
        }

        public Builder maxConnectionsPerTarget(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("connections per target must be at least 1, was: " + max);
            }
            this.maxConnectionsPerTarget = max;
            return this;
        }

        public Builder option(String key, String value) {
            options.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public <T> Builder resource(Class<T> type, T value) {
            resources.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Who handles the run's operator actions (a hook, the reference Central System, an embedder's API call). */
        public Builder actionHandler(ActionHandler handler) {
            this.actionHandler = Objects.requireNonNull(handler, "actionHandler");
            return this;
        }

        /** Whether test cases needing an operator action may run (default true). */
        public Builder operatorActions(boolean enabled) {
            this.operatorActions = enabled;
            return this;
        }

        public TestContext build() {
            if (meterRegistry == null) {
                meterRegistry = new SimpleMeterRegistry();
            }
            return new TestContext(this, new State());
        }
    }
}
