package org.octt.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.Channel;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;
import org.octt.testkit.internal.BcTlsServerHandler;
import org.octt.testkit.internal.CentralSystemHttpHandler;
import org.octt.testkit.internal.ChargePointAccounts;
import org.octt.testkit.internal.HostCredentials;
import org.octt.testkit.internal.NonTlsHandlers;
import org.octt.testkit.internal.OcppBehaviour;
import org.octt.testkit.internal.BasicAuthenticator;
import org.octt.testkit.internal.SessionRegistry;
import org.octt.testkit.internal.StandardAnswers;
import org.octt.testkit.internal.ReferenceTlsServer;
import org.octt.testkit.internal.ServerCredential;
import org.octt.testkit.internal.TlsServerSettings;
import org.octt.testkit.internal.TrafficRecorder;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * An in-process OCPP 1.6J Central System for demos and for tests of test cases such as TC_086_CSMS:
 * a secured WebSocket endpoint {@code wss://<hostName>:<port>/ocpp/<ChargePointId>} on 127.0.0.1,
 * with its own PKI, security profile 2 (Basic auth) or 3 (client certificates), answering
 * BootNotification, StatusNotification and Heartbeat, and able to misbehave in every way TC_086 checks
 * (see {@link Fault}) and in the ways its policies describe: {@link Builder#auth(AuthPolicy)},
 * {@link Builder#subprotocols(SubprotocolPolicy)}, {@link Builder#clientCertificates(ClientCertificatePolicy)},
 * {@link Builder#answer(String, CallHandler)} and {@link Builder#call(ScheduledCall)} (see the
 * package documentation).
 *
 * <p>TLS is served by Bouncy Castle's low-level TLS API, not JSSE, so that the server offers exactly
 * what a fault asks for (TLS 1.0/1.1, TLS_RSA_* suites, RSA-1024 or P-192 keys) on any JDK, without
 * touching JVM-wide security properties. Both an RSA-2048 and an ECDSA P-256 certificate are served
 * at once: the RSA suites get the RSA certificate, the ECDSA suites the EC one. Under TLS 1.3 the
 * client's signature schemes choose (ECDSA P-256 first).
 *
 * <p>One server can also stand for many hosts: with {@link Builder#additionalHostNames(Collection)}
 * it issues certificates for each name (from the same key pairs) and serves the ones of the name the
 * client sends in its server_name (SNI) extension; a client that sends no name, or one not served,
 * gets the certificates of {@link #hostName()}. A fleet of a thousand "Central Systems" is then a
 * few servers and a resolve override per name.
 *
 * <p>Usage in a plugin's test (the server is reached at {@link RunningCentralSystem#connectAddress()}
 * while the URL names {@code csms.octt.test}, which never resolves; that is what {@code --resolve}
 * does for the CLI):
 *
 * <pre>{@code
 * static final ReferencePki PKI = ReferencePki.generate(); // once: RSA-2048 generation is the slow part
 *
 * @Test
 * @Timeout(10)
 * void failsSubjectCnCheckWhenCnNamesAnotherHost(@TempDir Path dir) throws Exception {
 *     try (RunningCentralSystem cs = ReferenceCentralSystem.builder()
 *             .pki(PKI)
 *             .faults(EnumSet.of(Fault.CN_MISMATCH))
 *             .build()
 *             .start()) {
 *         Path caFile = Files.writeString(dir.resolve("ca.pem"), cs.rootCertificatePem());
 *         Path passwordFile = Files.writeString(dir.resolve("password"), cs.chargePointPasswordAsString());
 *         // run the code under test against cs.url() (wss://csms.octt.test:<port>/ocpp/CP001),
 *         // connecting to cs.connectAddress(), trusting caFile, user cs.chargePointId(), passwordFile
 *         ...
 *         assertThat(cs.bootNotificationCount()).isEqualTo(1);          // what the server received
 *         assertThat(cs.statusNotificationConnectorIds()).containsExactly(0, 1);
 *     }
 * }
 * }</pre>
 *
 * <p>{@link RunningCentralSystem#traffic()} tells what reached the server: TCP connections, TLS
 * handshakes (version, suite, certificate type) and the alerts it raised, HTTP requests and whether
 * each carried an Authorization header (never its value), WebSocket sessions and OCPP calls. Use it
 * to prove, for example, that no credentials were sent to an untrusted server.
 *
 * <p>Starting generates a {@link ReferencePki} (an RSA-2048 key: a few hundred milliseconds) unless
 * one is given with {@link Builder#pki(ReferencePki)}; tests that start many servers share one.
 *
 * <p>This class is the immutable, validated configuration; {@link #start()} may be called more than
 * once, each call starting an independent server on a new port.
 */
public final class ReferenceCentralSystem {

    /** The default host name: a reserved test domain that never resolves (RFC 6761). */
    public static final String DEFAULT_HOST_NAME = "csms.octt.test";
    /** The default Charge Point identity, the last path segment of {@link RunningCentralSystem#url()}. */
    public static final String DEFAULT_CHARGE_POINT_ID = "CP001";
    /** The heartbeat interval BootNotification.conf hands out by default, in seconds. */
    public static final int HEARTBEAT_INTERVAL_SECONDS = StandardAnswers.INTERVAL_SECONDS;

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9*]([A-Za-z0-9_*-]*[A-Za-z0-9])?"
            + "(\\.[A-Za-z0-9]([A-Za-z0-9_-]*[A-Za-z0-9])?)*\\.?");
    private static final Pattern CHARGE_POINT_ID = Pattern.compile("[A-Za-z0-9._~:@!$&'()*+,;=-]{1,48}");
    private static final char[] PASSWORD_ALPHABET =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    private static final int GENERATED_PASSWORD_LENGTH = 24;

    private static final List<Integer> TLS13_SUITES = List.of(CipherSuite.TLS_AES_128_GCM_SHA256,
            CipherSuite.TLS_AES_256_GCM_SHA384, CipherSuite.TLS_CHACHA20_POLY1305_SHA256);
    private static final List<Integer> ECDHE_ECDSA_SUITES = List.of(
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384);
    private static final List<Integer> ECDHE_RSA_SUITES = List.of(
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384);
    private static final List<Integer> RSA_KX_SUITES = List.of(
            CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384);
    private static final List<Integer> LEGACY_ECDSA_SUITES = List.of(
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA);
    private static final List<Integer> LEGACY_ECDHE_RSA_SUITES = List.of(
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA);
    private static final List<Integer> LEGACY_RSA_KX_SUITES = List.of(
            CipherSuite.TLS_RSA_WITH_AES_128_CBC_SHA, CipherSuite.TLS_RSA_WITH_AES_256_CBC_SHA);

    private static final List<Set<Fault>> EXCLUSIVE = List.of(
            EnumSet.of(Fault.RSA_ONLY, Fault.ECDSA_ONLY),
            EnumSet.of(Fault.TLS13_ONLY, Fault.LEGACY_TLS),
            EnumSet.of(Fault.CN_MISMATCH, Fault.CN_WILDCARD, Fault.NO_CN),
            EnumSet.of(Fault.EXPIRED, Fault.NOT_YET_VALID),
            EnumSet.of(Fault.NO_TLS_ANSWER, Fault.NOT_TLS),
            EnumSet.of(Fault.BOOT_REJECTED, Fault.BOOT_INVALID),
            EnumSet.of(Fault.WRONG_PASSWORD, Fault.ANY_PASSWORD),
            EnumSet.of(Fault.NO_SUBPROTOCOL, Fault.UNKNOWN_SUBPROTOCOL_KEPT, Fault.WRONG_SUBPROTOCOL_SELECTED),
            EnumSet.of(Fault.SIGN_CERTIFICATE_REJECTED, Fault.NO_CERTIFICATE_SIGNED, Fault.SIGNED_OTHER_KEY,
                    Fault.SIGNED_WRONG_CN, Fault.SIGNED_MALFORMED_PEM, Fault.SIGNED_RSA_1024, Fault.SIGNED_EXPIRED,
                    Fault.SIGNED_UNTRUSTED_ISSUER));

    private final String hostName;
    private final List<String> additionalHostNames;
    private final List<String> hostNames;
    private final String chargePointId;
    private final Set<Fault> faults;
    private final int securityProfile;
    private final Optional<char[]> password;
    private final Optional<ReferencePki> pki;
    private final int port;
    private final AuthPolicy auth;
    private final SubprotocolPolicy subprotocols;
    private final ClientCertificatePolicy clientCertificates;
    private final Map<String, CallHandler> answers;
    private final CallHandler otherActions;
    private final List<ScheduledCall> calls;
    private final CertificateSigning certificateSigning;
    private final Map<String, CentralSystemAction> actions;

    private ReferenceCentralSystem(Builder b) {
        this.hostName = b.hostName;
        this.additionalHostNames = List.copyOf(b.additionalHostNames);
        List<String> all = new ArrayList<>(1 + additionalHostNames.size());
        all.add(hostName);
        all.addAll(additionalHostNames);
        this.hostNames = List.copyOf(all);
        this.chargePointId = b.chargePointId;
        this.faults = b.faults.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(b.faults));
        this.securityProfile = b.securityProfile;
        this.password = Optional.ofNullable(b.password).map(char[]::clone);
        this.pki = Optional.ofNullable(b.pki);
        this.port = b.port;
        // the policies as given, then the faults' presets on top of them
        AuthPolicy a = b.auth != null ? b.auth : securityProfile == 2 ? AuthPolicy.handedOut() : AuthPolicy.open();
        this.auth = authFaults(a);
        this.subprotocols = faults.contains(Fault.NO_SUBPROTOCOL) ? SubprotocolPolicy.selectNone()
                : faults.contains(Fault.UNKNOWN_SUBPROTOCOL_KEPT) ? b.subprotocols.keepingUnacceptable()
                : faults.contains(Fault.WRONG_SUBPROTOCOL_SELECTED) ? SubprotocolPolicy.select(Fault.UNKNOWN_SUBPROTOCOL, SubprotocolPolicy.OCPP16)
                : b.subprotocols;
        ClientCertificatePolicy c = b.clientCertificates != null ? b.clientCertificates
                : securityProfile == 3 ? ClientCertificatePolicy.required() : ClientCertificatePolicy.none();
        if (faults.contains(Fault.CLIENT_CERT_NOT_REQUESTED)) {
            c = ClientCertificatePolicy.none();
        }
        if (faults.contains(Fault.ANY_CLIENT_CERT_ACCEPTED)) {
            c = c.acceptingAnyIssuer();
        }
        if (faults.contains(Fault.EXPIRED_CLIENT_CERT_ACCEPTED)) {
            c = c.acceptingExpired();
        }
        if (faults.contains(Fault.WRONG_CN_CLIENT_CERT_ACCEPTED)) {
            c = c.acceptingAnyCommonName();
        }
        this.clientCertificates = c;
        Map<String, CallHandler> table = new LinkedHashMap<>(b.answers);
        if (faults.contains(Fault.BOOT_REJECTED)) {
            table.put("BootNotification", CallHandler.bootNotification("Rejected"));
        }
        if (faults.contains(Fault.BOOT_INVALID)) {
            Reply invalid = Reply.result("{\"interval\":\"" + HEARTBEAT_INTERVAL_SECONDS + "s\",\"status\":\"Accepted\"}");
            table.put("BootNotification", call -> call.problem().isPresent() ? Reply.standard() : invalid);
        }
        if (faults.contains(Fault.STATUS_NOTIFICATION_ERROR)) {
            table.put("StatusNotification", CallHandler.errorWhenWellFormed("InternalError",
                    "StatusNotification could not be processed"));
        }
        if (faults.contains(Fault.SECURITY_EVENT_NOTIFICATION_ERROR)) {
            table.put("SecurityEventNotification", CallHandler.errorWhenWellFormed("InternalError",
                    "SecurityEventNotification could not be processed"));
        }
        if (faults.contains(Fault.SECURITY_EVENT_UNANSWERED)) {
            table.put("SecurityEventNotification", CallHandler.always(Reply.none()));
        }
        if (faults.contains(Fault.LOG_STATUS_NOT_ANSWERED)) {
            table.put("LogStatusNotification", CallHandler.always(Reply.none()));
        }
        if (faults.contains(Fault.FIRMWARE_STATUS_NOT_ANSWERED)) {
            table.put("SignedFirmwareStatusNotification", CallHandler.always(Reply.none()));
        }
        CallHandler other = b.otherActions;
        if (faults.contains(Fault.NO_ANSWER)) {
            table.clear();
            other = CallHandler.always(Reply.none());
        }
        this.answers = java.util.Collections.unmodifiableMap(table);
        this.otherActions = other;
        List<ScheduledCall> scheduled = new ArrayList<>(b.calls);
        if (faults.contains(Fault.SENDS_CALL_FIRST)) {
            scheduled.add(ScheduledCall.of("GetConfiguration", "{}")
                    .at(ScheduledCall.When.BEFORE_BOOT_NOTIFICATION_ANSWER));
        }
        this.calls = List.copyOf(scheduled);
        this.certificateSigning = signingFaults(b.certificateSigning);
        this.actions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.actions));
    }

    /** The certificate signing policy with the faults' presets applied. */
    private CertificateSigning signingFaults(CertificateSigning given) {
        if (faults.contains(Fault.SIGN_CERTIFICATE_REJECTED)) {
            return CertificateSigning.rejecting();
        }
        if (faults.contains(Fault.NO_CERTIFICATE_SIGNED)) {
            return CertificateSigning.withoutCertificateSigned();
        }
        Map<Fault, CertificateSigning.Flaw> flaws = Map.of(Fault.SIGNED_OTHER_KEY, CertificateSigning.Flaw.OTHER_PUBLIC_KEY,
                Fault.SIGNED_WRONG_CN, CertificateSigning.Flaw.WRONG_COMMON_NAME,
                Fault.SIGNED_MALFORMED_PEM, CertificateSigning.Flaw.MALFORMED_PEM,
                Fault.SIGNED_RSA_1024, CertificateSigning.Flaw.RSA_1024,
                Fault.SIGNED_EXPIRED, CertificateSigning.Flaw.EXPIRED,
                Fault.SIGNED_UNTRUSTED_ISSUER, CertificateSigning.Flaw.UNTRUSTED_ISSUER);
        for (Map.Entry<Fault, CertificateSigning.Flaw> f : flaws.entrySet()) {
            if (faults.contains(f.getKey())) {
                return CertificateSigning.issuingWith(f.getValue());
            }
        }
        return given;
    }

    /**
     * How SignCertificate.req is answered, and what CertificateSigned.req follows, faults applied;
     * used unless {@link #answers()} has a handler of SignCertificate.
     */
    public CertificateSigning certificateSigning() {
        return certificateSigning;
    }

    /** The auth policy with the faults' presets applied (only checked policies can misbehave this way). */
    private AuthPolicy authFaults(AuthPolicy a) {
        AuthPolicy p = faults.contains(Fault.WRONG_PASSWORD) ? a.withoutHandedOutPassword() : a;
        if (!p.checksCredentials()) {
            return p;
        }
        if (faults.contains(Fault.NO_AUTH_ACCEPTED)) {
            p = p.acceptingMissingCredentials();
        }
        if (faults.contains(Fault.ANY_PASSWORD)) {
            p = p.acceptingAnyPassword();
        }
        if (faults.contains(Fault.ANY_USER)) {
            p = p.acceptingAnyUser();
        }
        if (faults.contains(Fault.LOCKS_AFTER_FAILURE)) {
            p = p.lockingAfter(1);
        }
        return p;
    }

    /** A builder with the defaults: {@value #DEFAULT_HOST_NAME}, profile 2, no fault, generated password and PKI. */
    public static Builder builder() {
        return new Builder();
    }

    /** The host name the certificates are issued for and {@link RunningCentralSystem#url()} names. */
    public String hostName() {
        return hostName;
    }

    /**
     * The other host names served, each with its own certificates, in the order given to
     * {@link Builder#additionalHostNames(Collection)}; empty by default. Unmodifiable.
     */
    public List<String> additionalHostNames() {
        return additionalHostNames;
    }

    /** {@link #hostName()} followed by {@link #additionalHostNames()}. Unmodifiable. */
    List<String> hostNames() {
        return hostNames;
    }

    /** The faults switched on, possibly none. */
    public Set<Fault> faults() {
        return faults;
    }

    /** 2 (TLS with Basic auth) or 3 (TLS with client certificates). */
    public int securityProfile() {
        return securityProfile;
    }

    /** The TCP port on 127.0.0.1 to listen on; 0 (the default) for a free one. */
    public int port() {
        return port;
    }

    /** The Basic auth policy, faults applied: {@link AuthPolicy#handedOut()} under profile 2 and {@link AuthPolicy#open()} under 3 unless set. */
    public AuthPolicy auth() {
        return auth;
    }

    /** The subprotocol policy, faults applied. */
    public SubprotocolPolicy subprotocols() {
        return subprotocols;
    }

    /** The client certificate policy: {@link ClientCertificatePolicy#required()} under profile 3 and {@link ClientCertificatePolicy#none()} under 2 unless set. */
    public ClientCertificatePolicy clientCertificates() {
        return clientCertificates;
    }

    /** The handler of each action given, faults applied; other actions get {@link #otherActions()}. Unmodifiable. */
    public Map<String, CallHandler> answers() {
        return answers;
    }

    /** The handler of the actions {@link #answers()} does not name. */
    public CallHandler otherActions() {
        return otherActions;
    }

    /** The CALLs sent to the Charge Point on its own, in order, faults applied. */
    /** What it can be asked to do on its own, by operator action id ({@link RunningCentralSystem#perform}). */
    public Map<String, CentralSystemAction> actions() {
        return actions;
    }

    public List<ScheduledCall> calls() {
        return calls;
    }

    /**
     * Starts a server: issues the server certificates, binds 127.0.0.1 on a free port and returns
     * once it accepts connections (well under a second with a given PKI). Each additional host name
     * adds two certificates to sign: a few milliseconds each on a 2-CPU machine, some 3 to 8 s for
     * 1,000 names. Blocking: call it from a test or main thread, never from an event loop.
     *
     * @return the running server; close it when done
     * @throws IllegalStateException if the server cannot bind, with the cause attached
     */
    public RunningCentralSystem start() {
        // Key generation (RSA-2048) and the server's start-up (class loading, binding) take similar
        // time on a cold JVM: do them at once. No connection is served before the settings are set.
        CompletableFuture<ReferencePki> keys = pki.map(CompletableFuture::completedFuture)
                .orElseGet(() -> CompletableFuture.supplyAsync(ReferencePki::generate, runnable -> {
                    Thread t = new Thread(runnable, "octt-reference-pki");
                    t.setDaemon(true);
                    t.start();
                }));
        AtomicReference<TlsServerSettings> tlsSettings = new AtomicReference<>();
        Set<Channel> connections = ConcurrentHashMap.newKeySet();
        AtomicBoolean closing = new AtomicBoolean();

        SecureRandom random = new SecureRandom();
        char[] handedOut = password.map(char[]::clone).orElseGet(() -> generatePassword(random));

        TrafficRecorder traffic = new TrafficRecorder();
        ChargePointAccounts accounts = new ChargePointAccounts();
        SessionRegistry sessions = new SessionRegistry();
        Optional<BasicAuthenticator> authenticator = Optional.empty();
        if (auth.checksCredentials()) {
            byte[] handedOutUtf8 = new String(handedOut).getBytes(StandardCharsets.UTF_8);
            AuthPolicy policy = auth;
            boolean oldPasswordAccepted = faults.contains(Fault.OLD_PASSWORD_ACCEPTED);
            authenticator = Optional.of(new BasicAuthenticator((user, password) -> {
                boolean handedOutOk = policy.acceptsHandedOutPassword() && MessageDigest.isEqual(password, handedOutUtf8);
                Optional<byte[]> changed = accounts.password(user); // a new AuthorizationKey replaces the handed-out one
                boolean own = changed.isPresent()
                        ? MessageDigest.isEqual(password, changed.get()) | (oldPasswordAccepted & handedOutOk)
                        : handedOutOk;
                return policy.acceptsAnyPassword() | own | policy.acceptsAdded(user, password);
            }, policy.lockAfter(), policy.acceptsMissingCredentials(), policy.acceptsAnyUser()));
        }
        Map<String, CallHandler> handlers = new LinkedHashMap<>(answers);
        if (!faults.contains(Fault.NO_ANSWER)) {
            handlers.putIfAbsent("SignCertificate", certificateSigning.handler(keys::join));
        }
        OcppBehaviour behaviour = new OcppBehaviour(handlers, otherActions, calls, !faults.contains(Fault.NO_ANSWER));
        CentralSystemHttpHandler http = new CentralSystemHttpHandler(authenticator, subprotocols, behaviour,
                new StandardAnswers(new ObjectMapper(), Clock.systemUTC()), traffic, sessions)
                .withClientCommonNameCheck(clientCertificates.mode() != ClientCertificatePolicy.Mode.NONE
                        && clientCertificates.checksCommonName())
                .withAccounts(accounts, faults.contains(Fault.OLD_PROFILE_ACCEPTED));
        BcTlsCrypto crypto = new BcTlsCrypto(random);

        LoopResources loops = LoopResources.create("octt-reference-cs", 1, 2, true);
        DisposableServer server;
        try {
            server = HttpServer.create()
                    .runOn(loops)
                    .host("127.0.0.1")
                    .port(port)
                    .doOnChannelInit((observer, channel, remoteAddress) -> {
                        traffic.connection();
                        connections.add(channel); // before reading closing: close() sets it, then reads connections
                        channel.closeFuture().addListener(f -> connections.remove(channel));
                        TlsServerSettings tls = tlsSettings.get();
                        if (tls == null || closing.get()) {
                            channel.close(); // not started yet (nobody can know the port), or closing
                            return;
                        }
                        channel.pipeline().addFirst("octt.reference.tls", transportHandler(tls, crypto, traffic));
                    })
                    .handle(http)
                    .bindNow(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            loops.disposeLater(Duration.ZERO, Duration.ofSeconds(2)).subscribe();
            throw new IllegalStateException("cannot start the reference Central System on 127.0.0.1" + (port == 0 ? "" : ":" + port) + ": "
                    + e.getMessage(), e);
        }
        ReferencePki generated;
        Map<String, ServerCertificates> certificates;
        Map<String, HostCredentials> credentials = new LinkedHashMap<>();
        try {
            generated = keys.join();
            certificates = ServerCertificates.issue(generated, hostNames(), faults);
            ServerCredential.Preparer preparer = new ServerCredential.Preparer();
            certificates.forEach((name, c) -> credentials.put(name, new HostCredentials(
                    c.rsa().map(preparer::prepare), c.ec().map(preparer::prepare))));
        } catch (RuntimeException e) {
            server.disposeNow(Duration.ofSeconds(5));
            loops.disposeLater(Duration.ZERO, Duration.ofSeconds(2)).subscribe();
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cannot generate the reference Central System's certificates for "
                    + hostName + ": " + cause.getMessage(), cause);
        }
        ServerCertificates primary = certificates.get(TlsServerSettings.key(hostName));
        tlsSettings.set(new TlsServerSettings(versions(), cipherSuites(primary),
                credentials.get(TlsServerSettings.key(hostName)), credentials,
                clientCertificates.mode(), clientCertificates.issuers().isEmpty()
                        ? List.of(generated.clientCaCertificate()) : clientCertificates.issuers(),
                clientCertificates.checksIssuer(), clientCertificates.checksValidity()));
        return new RunningCentralSystem(this, chargePointId, generated, primary, handedOut, server, loops,
                connections, closing, traffic, sessions, accounts);
    }

    private io.netty.channel.ChannelHandler transportHandler(TlsServerSettings tls, BcTlsCrypto crypto,
            TrafficRecorder traffic) {
        if (faults.contains(Fault.NO_TLS_ANSWER)) {
            return NonTlsHandlers.silent();
        }
        if (faults.contains(Fault.NOT_TLS)) {
            return NonTlsHandlers.plainHttp();
        }
        return new BcTlsServerHandler(() -> new ReferenceTlsServer(crypto, tls, traffic::handshake, traffic::tlsAlert));
    }

    private List<ProtocolVersion> versions() {
        if (faults.contains(Fault.TLS13_ONLY)) {
            return List.of(ProtocolVersion.TLSv13);
        }
        if (faults.contains(Fault.LEGACY_TLS)) {
            return List.of(ProtocolVersion.TLSv13, ProtocolVersion.TLSv12, ProtocolVersion.TLSv11,
                    ProtocolVersion.TLSv10);
        }
        return List.of(ProtocolVersion.TLSv13, ProtocolVersion.TLSv12);
    }

    private List<Integer> cipherSuites(ServerCertificates certificates) {
        List<Integer> suites = new ArrayList<>(TLS13_SUITES);
        if (faults.contains(Fault.TLS13_ONLY)) {
            return suites;
        }
        boolean ec = certificates.ec().isPresent();
        boolean rsa = certificates.rsa().isPresent();
        boolean rsaKx = rsa && !faults.contains(Fault.NO_RSA_KX_SUITES);
        addIf(suites, ec, ECDHE_ECDSA_SUITES);
        addIf(suites, rsa, ECDHE_RSA_SUITES);
        addIf(suites, rsaKx, RSA_KX_SUITES);
        if (faults.contains(Fault.LEGACY_TLS)) {
            addIf(suites, ec, LEGACY_ECDSA_SUITES);
            addIf(suites, rsa, LEGACY_ECDHE_RSA_SUITES);
            addIf(suites, rsaKx, LEGACY_RSA_KX_SUITES);
        }
        return suites;
    }

    private static void addIf(List<Integer> suites, boolean condition, List<Integer> more) {
        if (condition) {
            suites.addAll(more);
        }
    }

    private static char[] generatePassword(SecureRandom random) {
        char[] p = new char[GENERATED_PASSWORD_LENGTH];
        for (int i = 0; i < p.length; i++) {
            p[i] = PASSWORD_ALPHABET[random.nextInt(PASSWORD_ALPHABET.length)];
        }
        return p;
    }

    @Override
    public String toString() {
        return "ReferenceCentralSystem[host=" + hostName
                + (additionalHostNames.isEmpty() ? "" : ", additionalHosts=" + additionalHostNames.size())
                + ", chargePointId=" + chargePointId
                + ", securityProfile=" + securityProfile + ", faults=" + faults + ", auth=" + auth
                + ", subprotocols=" + subprotocols + ", clientCertificates=" + clientCertificates
                + ", answers=" + answers.keySet() + ", calls=" + calls + ", certificateSigning=" + certificateSigning + "]";
    }

    /** Mutable builder of a {@link ReferenceCentralSystem}; not thread-safe. Setters validate at once. */
    public static final class Builder {

        private String hostName = DEFAULT_HOST_NAME;
        private List<String> additionalHostNames = List.of();
        private String chargePointId = DEFAULT_CHARGE_POINT_ID;
        private Set<Fault> faults = EnumSet.noneOf(Fault.class);
        private int securityProfile = 2;
        private char[] password;
        private ReferencePki pki;
        private int port;
        private AuthPolicy auth;
        private SubprotocolPolicy subprotocols = SubprotocolPolicy.ocpp16();
        private ClientCertificatePolicy clientCertificates;
        private final Map<String, CallHandler> answers = new LinkedHashMap<>();
        private CallHandler otherActions = CallHandler.standard();
        private final List<ScheduledCall> calls = new ArrayList<>();
        private CertificateSigning certificateSigning = CertificateSigning.issuing();
        private final Map<String, CentralSystemAction> actions = new LinkedHashMap<>();

        private Builder() {
            for (CentralSystemAction a : CentralSystemActions.builtIn()) {
                actions.put(a.actionId(), a);
            }
        }

        /**
         * Something it can be asked to do on its own (added to, or replacing by id, the
         * {@link CentralSystemActions#builtIn() built-in} ones).
         */
        public Builder action(CentralSystemAction action) {
            Objects.requireNonNull(action, "action");
            actions.put(Objects.requireNonNull(action.actionId(), "actionId"), action);
            return this;
        }

        /**
         * How SignCertificate.req is answered and which CertificateSigned.req follows;
         * {@link CertificateSigning#issuing()} by default. The {@code sign-certificate-rejected},
         * {@code no-certificate-signed} and {@code signed-*} faults replace it; a handler given with
         * {@link #answer(String, CallHandler)} for SignCertificate takes precedence.
         */
        public Builder certificateSigning(CertificateSigning certificateSigning) {
            this.certificateSigning = Objects.requireNonNull(certificateSigning, "certificateSigning");
            return this;
        }

        /**
         * The TCP port on 127.0.0.1 to listen on; 0 (the default) for a free one, the only choice
         * with which two servers of one configuration can run at once.
         *
         * @throws IllegalArgumentException if it is not 0 to 65535
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 (a free one) to 65535, was: " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * Which Basic credentials are accepted and what wrong ones lead to; by default {@link
         * AuthPolicy#handedOut()} under security profile 2 and {@link AuthPolicy#open()} under 3.
         * {@link Fault#WRONG_PASSWORD} refuses the handed-out password on top of it.
         */
        public Builder auth(AuthPolicy auth) {
            this.auth = Objects.requireNonNull(auth, "auth");
            return this;
        }

        /**
         * Which subprotocol the upgrade selects; {@link SubprotocolPolicy#ocpp16()} by default.
         * {@link Fault#NO_SUBPROTOCOL} replaces it with {@link SubprotocolPolicy#selectNone()}.
         */
        public Builder subprotocols(SubprotocolPolicy subprotocols) {
            this.subprotocols = Objects.requireNonNull(subprotocols, "subprotocols");
            return this;
        }

        /**
         * Whether a client certificate is requested and whose is accepted; by default {@link
         * ClientCertificatePolicy#required()} under security profile 3 and {@link ClientCertificatePolicy#none()} under 2.
         */
        public Builder clientCertificates(ClientCertificatePolicy clientCertificates) {
            this.clientCertificates = Objects.requireNonNull(clientCertificates, "clientCertificates");
            return this;
        }

        /**
         * How CALLs of {@code action} are answered (replacing an earlier handler of it); every action
         * gets {@link Reply#standard()} by default. The faults {@link Fault#BOOT_REJECTED},
         * {@link Fault#BOOT_INVALID}, {@link Fault#STATUS_NOTIFICATION_ERROR} replace the handler of
         * their action, {@link Fault#NO_ANSWER} every handler.
         *
         * @throws IllegalArgumentException if the action is blank
         */
        public Builder answer(String action, CallHandler handler) {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(handler, "handler");
            if (action.isBlank()) {
                throw new IllegalArgumentException("an action must not be blank");
            }
            answers.put(action, handler);
            return this;
        }

        /** As {@link #answer(String, CallHandler)} with {@link CallHandler#always(Reply)}. */
        public Builder answer(String action, Reply reply) {
            return answer(action, CallHandler.always(reply));
        }

        /** How CALLs of actions without a handler of their own are answered; {@link CallHandler#standard()} by default. */
        public Builder otherActions(CallHandler handler) {
            this.otherActions = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * A CALL to send to the Charge Point on every WebSocket session (added to the earlier ones);
         * {@link Fault#SENDS_CALL_FIRST} adds a GetConfiguration before the BootNotification answer.
         */
        public Builder call(ScheduledCall call) {
            calls.add(Objects.requireNonNull(call, "call"));
            return this;
        }

        /**
         * The FQDN the certificates are issued for, served to clients that send no server name
         * (SNI) or one not served; {@value #DEFAULT_HOST_NAME} by default.
         *
         * @throws IllegalArgumentException if it is not a DNS name, naming it
         */
        public Builder hostName(String hostName) {
            this.hostName = checkHostName("host name", Objects.requireNonNull(hostName, "hostName"));
            return this;
        }

        /**
         * More host names to serve (replacing earlier ones), none by default. Each gets its own RSA
         * and ECDSA certificates, issued at start from the same CA and the same two key pairs as
         * {@link #hostName(String)}'s and with the same faults (a {@link Fault#SAN_MISMATCH} leaves
         * each name out of its own certificate). A client gets the certificates of the name it sends
         * in its server_name (SNI) extension, compared without regard to case; {@link
         * RunningCentralSystem#url()} still names the primary host name.
         *
         * @param hostNames DNS names, not null, no null element, distinct without regard to case
         *                  (and from the primary host name, checked by {@link #build()})
         * @throws IllegalArgumentException if a name is not a DNS name or appears twice, naming it
         */
        public Builder additionalHostNames(Collection<String> hostNames) {
            Objects.requireNonNull(hostNames, "hostNames");
            List<String> names = new ArrayList<>(hostNames.size());
            Set<String> seen = new HashSet<>();
            for (String name : hostNames) {
                checkHostName("additional host name", Objects.requireNonNull(name, "additional host name"));
                if (!seen.add(TlsServerSettings.key(name))) {
                    throw new IllegalArgumentException("additional host names must be distinct, '" + name
                            + "' appears twice");
                }
                names.add(name);
            }
            this.additionalHostNames = List.copyOf(names);
            return this;
        }

        private static String checkHostName(String what, String hostName) {
            if (!HOST.matcher(hostName).matches() || hostName.length() > 253) {
                throw new IllegalArgumentException(what + " must be a DNS name, was: '" + hostName + "'");
            }
            return hostName;
        }

        /** The Charge Point identity {@link RunningCentralSystem#url()} ends with; {@value #DEFAULT_CHARGE_POINT_ID} by default. */
        public Builder chargePointId(String chargePointId) {
            Objects.requireNonNull(chargePointId, "chargePointId");
            if (!CHARGE_POINT_ID.matcher(chargePointId).matches()) {
                throw new IllegalArgumentException("charge point id must be 1 to 48 URL-safe characters, was: '"
                        + chargePointId + "'");
            }
            this.chargePointId = chargePointId;
            return this;
        }

        /** The faults to switch on (replacing earlier ones); none by default. */
        public Builder faults(Collection<Fault> faults) {
            Objects.requireNonNull(faults, "faults");
            this.faults = faults.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(faults);
            return this;
        }

        /** The faults to switch on (replacing earlier ones). */
        public Builder faults(Fault... faults) {
            return faults(Arrays.asList(faults));
        }

        /** 2 (TLS and Basic auth, the default) or 3 (TLS with client certificates). */
        public Builder securityProfile(int securityProfile) {
            if (securityProfile != 2 && securityProfile != 3) {
                throw new IllegalArgumentException("security profile must be 2 or 3, was: " + securityProfile);
            }
            this.securityProfile = securityProfile;
            return this;
        }

        /**
         * The Basic auth password (AuthorizationKey) the Charge Point is to use; a random
         * {@value #GENERATED_PASSWORD_LENGTH}-character one by default. The array is copied.
         */
        public Builder password(char[] password) {
            Objects.requireNonNull(password, "password");
            if (password.length == 0) {
                throw new IllegalArgumentException("password must not be empty");
            }
            this.password = password.clone();
            return this;
        }

        /** As {@link #password(char[])}. */
        public Builder password(String password) {
            Objects.requireNonNull(password, "password");
            return password(password.toCharArray());
        }

        /** Key material to reuse instead of generating one per start. */
        public Builder pki(ReferencePki pki) {
            this.pki = Objects.requireNonNull(pki, "pki");
            return this;
        }

        /**
         * The configuration.
         *
         * @throws IllegalArgumentException when two faults contradict each other, naming them, or
         *                                  when an additional host name is the host name
         */
        public ReferenceCentralSystem build() {
            for (String name : additionalHostNames) {
                if (TlsServerSettings.key(name).equals(TlsServerSettings.key(hostName))) {
                    throw new IllegalArgumentException("additional host name '" + name + "' is the host name '"
                            + hostName + "' already");
                }
            }
            for (Set<Fault> exclusive : EXCLUSIVE) {
                Set<Fault> both = EnumSet.copyOf(exclusive);
                both.retainAll(faults);
                if (both.size() > 1) {
                    throw new IllegalArgumentException("faults " + both + " cannot be combined");
                }
            }
            return new ReferenceCentralSystem(this);
        }
    }
}
