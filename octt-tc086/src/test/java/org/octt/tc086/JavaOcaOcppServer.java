package org.octt.tc086;

import eu.chargetime.ocpp.AuthenticationException;
import eu.chargetime.ocpp.JSONConfiguration;
import eu.chargetime.ocpp.JSONServer;
import eu.chargetime.ocpp.ServerEvents;
import eu.chargetime.ocpp.feature.profile.ServerCoreEventHandler;
import eu.chargetime.ocpp.feature.profile.ServerCoreProfile;
import eu.chargetime.ocpp.model.SessionInformation;
import eu.chargetime.ocpp.model.core.AuthorizeConfirmation;
import eu.chargetime.ocpp.model.core.AuthorizeRequest;
import eu.chargetime.ocpp.model.core.BootNotificationConfirmation;
import eu.chargetime.ocpp.model.core.BootNotificationRequest;
import eu.chargetime.ocpp.model.core.DataTransferConfirmation;
import eu.chargetime.ocpp.model.core.DataTransferRequest;
import eu.chargetime.ocpp.model.core.HeartbeatConfirmation;
import eu.chargetime.ocpp.model.core.HeartbeatRequest;
import eu.chargetime.ocpp.model.core.MeterValuesConfirmation;
import eu.chargetime.ocpp.model.core.MeterValuesRequest;
import eu.chargetime.ocpp.model.core.RegistrationStatus;
import eu.chargetime.ocpp.model.core.StartTransactionConfirmation;
import eu.chargetime.ocpp.model.core.StartTransactionRequest;
import eu.chargetime.ocpp.model.core.StatusNotificationConfirmation;
import eu.chargetime.ocpp.model.core.StatusNotificationRequest;
import eu.chargetime.ocpp.model.core.StopTransactionConfirmation;
import eu.chargetime.ocpp.model.core.StopTransactionRequest;
import org.octt.tls.pki.IssuedCertificate;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The Java-OCA-OCPP (eu.chargetime.ocpp v1_6 1.1.0) JSON server, a Central System others wrote,
 * with WSS enabled through {@link JSONServer#enableWSS(SSLContext)} on a free loopback port: it
 * answers BootNotification with Accepted and StatusNotification with an empty conf, and accepts
 * only the Charge Point {@value InteropPki#CHARGE_POINT_ID} with the given Basic auth password.
 * TLS is the JDK's (JSSE) through Java-WebSocket 1.5.2.
 */
public final class JavaOcaOcppServer implements AutoCloseable {

    static {
        // Production servers run without -ea; surefire enables assertions, and an assert in
        // Java-WebSocket 1.5.2's SSLSocketChannel2.processHandshake then fails on the first TLS 1.2
        // handshake from octt's client and kills the server's selector thread. Java-WebSocket's
        // classes are initialised only when the first server starts, after this.
        JavaOcaOcppServer.class.getClassLoader().setPackageAssertionStatus("org.java_websocket", false);
    }

    private static final Duration START_DEADLINE = Duration.ofSeconds(10);
    private static final char[] STORE_PASSWORD = "octt".toCharArray();

    private final JSONServer server;
    private final int port;
    private final SSLContext sslContext;
    final AtomicInteger bootNotifications = new AtomicInteger();
    public final List<Integer> statusNotificationConnectorIds = new CopyOnWriteArrayList<>();
    /** "accepted" or "refused", with the username and the resource the Charge Point asked for. */
    public final List<String> authentications = new CopyOnWriteArrayList<>();
    final AtomicInteger sessions = new AtomicInteger();
    /** The security extension's requests it received (SignCertificate, SecurityEventNotification...), as their toString. */
    public final List<String> securityRequests = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicReference<byte[]> password = new java.util.concurrent.atomic.AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicReference<UUID> latestSession = new java.util.concurrent.atomic.AtomicReference<>();
    /** Completed with the first session Java-OCA-OCPP registers. */
    private final java.util.concurrent.CompletableFuture<UUID> firstSession = new java.util.concurrent.CompletableFuture<>();
    private volatile java.util.function.Function<eu.chargetime.ocpp.model.securityext.SignCertificateRequest,
            eu.chargetime.ocpp.model.securityext.SignCertificateConfirmation> signCertificate =
            request -> new eu.chargetime.ocpp.model.securityext.SignCertificateConfirmation(
                    eu.chargetime.ocpp.model.securityext.types.GenericStatusEnumType.Accepted);

    private JavaOcaOcppServer(JSONServer server, int port, SSLContext sslContext) {
        this.server = server;
        this.port = port;
        this.sslContext = sslContext;
    }

    /** Starts the server with these certificates (each with its private key) as its key material. */
    /**
     * Starts the server with these certificates (each with its private key) as its key material,
     * allowing TLS 1.2 only.
     *
     * <p>Why not TLS 1.3 as well: over TLS 1.3, Java-WebSocket 1.5.2's {@code SSLSocketChannel2}
     * intermittently never sends the answer to the upgrade request (about one connection in five,
     * with {@code openssl s_client} as the client too; never over TLS 1.2), so the WebSocket checks
     * would be flaky. See docs/interop.md.
     */
    public static JavaOcaOcppServer start(String password, IssuedCertificate... certificates) throws IOException {
        return start(List.of("TLSv1.2"), password, certificates);
    }

    /** Starts the server allowing these protocol versions (e.g. TLSv1.2, TLSv1.3). */
    public static JavaOcaOcppServer start(List<String> protocols, String password, IssuedCertificate... certificates)
            throws IOException {
        SSLContext ssl = restrictedTo(protocols, sslContext(certificates));
        JavaOcaOcppServer[] self = new JavaOcaOcppServer[1];
        ServerCoreProfile profile = new ServerCoreProfile(new Handler(() -> self[0]));
        JSONServer server = new JSONServer(profile, JSONConfiguration.get());
        server.addFeatureProfile(new eu.chargetime.ocpp.feature.profile.securityext.ServerSecurityExtProfile(
                new SecurityHandler(() -> self[0])));
        server.enableWSS(ssl);
        int port = freePort();
        JavaOcaOcppServer s = new JavaOcaOcppServer(server, port, ssl);
        self[0] = s;
        s.password.set(password.getBytes(StandardCharsets.UTF_8));
        server.open("127.0.0.1", port, new ServerEvents() {
            @Override
            public void authenticateSession(SessionInformation information, String username, byte[] given)
                    throws AuthenticationException {
                boolean ok = InteropPki.CHARGE_POINT_ID.equals(username) && MessageDigest.isEqual(s.password.get(), given);
                s.authentications.add((ok ? "accepted " : "refused ") + username + " at " + information.getIdentifier());
                if (!ok) {
                    throw new AuthenticationException(401, "wrong Charge Point or password");
                }
            }

            @Override
            public void newSession(UUID sessionIndex, SessionInformation information) {
                s.sessions.incrementAndGet();
                s.latestSession.set(sessionIndex);
                s.firstSession.complete(sessionIndex);
            }

            @Override
            public void lostSession(UUID sessionIndex) {
            }
        });
        try {
            s.awaitListening();
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    public int port() {
        return port;
    }

    /**
     * Sends a request to the Charge Point's latest session, as the Central System's operator would
     * make it (e.g. {@code new ChangeConfigurationRequest("AuthorizationKey", "...")}), and completes
     * with its answer. Java-OCA-OCPP registers a session on its own thread, possibly after the
     * client already sees the WebSocket open: a request made before waits for it, at most 5 s.
     */
    public java.util.concurrent.CompletionStage<eu.chargetime.ocpp.model.Confirmation> send(
            eu.chargetime.ocpp.model.Request request) {
        UUID latest = latestSession.get();
        java.util.concurrent.CompletableFuture<UUID> session = latest != null
                ? java.util.concurrent.CompletableFuture.completedFuture(latest)
                : firstSession.copy().orTimeout(5, java.util.concurrent.TimeUnit.SECONDS)
                        .exceptionally(e -> {
                            throw new IllegalStateException("no Charge Point session is open", e);
                        });
        return session.thenCompose(id -> {
            try {
                return server.send(id, request);
            } catch (eu.chargetime.ocpp.OccurenceConstraintException
                     | eu.chargetime.ocpp.UnsupportedFeatureException
                     | eu.chargetime.ocpp.NotConnectedException e) {
                return java.util.concurrent.CompletableFuture.failedFuture(e);
            }
        });
    }

    /** The Basic auth password it accepts from now on (as after ChangeConfiguration AuthorizationKey). */
    public void acceptPassword(byte[] newPassword) {
        password.set(newPassword.clone());
    }

    /** How it answers SignCertificate.req (Accepted by default). */
    public void answerSignCertificate(java.util.function.Function<eu.chargetime.ocpp.model.securityext.SignCertificateRequest,
            eu.chargetime.ocpp.model.securityext.SignCertificateConfirmation> answer) {
        signCertificate = answer;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /** The cipher suites the server's TLS engine enables by default (what the JDK allows). */
    public List<String> enabledCipherSuites() {
        return List.of(sslContext.createSSLEngine().getEnabledCipherSuites());
    }

    @Override
    public void close() {
        server.close();
    }

    private static SSLContext sslContext(IssuedCertificate... certificates) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (IssuedCertificate c : certificates) {
                store.setKeyEntry("key" + i++, c.privateKey(), STORE_PASSWORD,
                        c.chainWithoutRoot().toArray(new Certificate[0]));
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, STORE_PASSWORD);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(kmf.getKeyManagers(), null, null);
            return ssl;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the server's SSLContext: " + e.getMessage(), e);
        }
    }

    /**
     * The context with every engine it creates restricted to {@code protocols}: Java-WebSocket's
     * server factory takes engines from the context as they come, and a server-side context enables
     * every version its provider allows whatever protocol it was created for.
     */
    private static SSLContext restrictedTo(List<String> protocols, SSLContext context) {
        String[] enabled = protocols.toArray(new String[0]);
        SSLContextSpi spi = new SSLContextSpi() {
            @Override
            protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) {
                throw new UnsupportedOperationException("already initialised");
            }

            @Override
            protected SSLSocketFactory engineGetSocketFactory() {
                return context.getSocketFactory();
            }

            @Override
            protected SSLServerSocketFactory engineGetServerSocketFactory() {
                return context.getServerSocketFactory();
            }

            @Override
            protected SSLEngine engineCreateSSLEngine() {
                SSLEngine engine = context.createSSLEngine();
                engine.setEnabledProtocols(enabled);
                return engine;
            }

            @Override
            protected SSLEngine engineCreateSSLEngine(String host, int port) {
                SSLEngine engine = context.createSSLEngine(host, port);
                engine.setEnabledProtocols(enabled);
                return engine;
            }

            @Override
            protected SSLSessionContext engineGetServerSessionContext() {
                return context.getServerSessionContext();
            }

            @Override
            protected SSLSessionContext engineGetClientSessionContext() {
                return context.getClientSessionContext();
            }
        };
        return new SSLContext(spi, context.getProvider(), context.getProtocol()) { };
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        }
    }

    /** Java-WebSocket binds on its own thread after open() returns: wait until it accepts. */
    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + START_DEADLINE.toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(address(), 200);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("Java-OCA-OCPP server not listening on port " + port + " after "
                            + START_DEADLINE, notYet);
                }
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
        }
    }

    /** Answers BootNotification with Accepted and StatusNotification with an empty conf. */
    private record Handler(java.util.function.Supplier<JavaOcaOcppServer> server) implements ServerCoreEventHandler {

        @Override
        public BootNotificationConfirmation handleBootNotificationRequest(UUID session, BootNotificationRequest request) {
            server.get().bootNotifications.incrementAndGet();
            return new BootNotificationConfirmation(ZonedDateTime.now(), 300, RegistrationStatus.Accepted);
        }

        @Override
        public StatusNotificationConfirmation handleStatusNotificationRequest(UUID session, StatusNotificationRequest request) {
            server.get().statusNotificationConnectorIds.add(request.getConnectorId());
            return new StatusNotificationConfirmation();
        }

        @Override
        public HeartbeatConfirmation handleHeartbeatRequest(UUID session, HeartbeatRequest request) {
            return new HeartbeatConfirmation(ZonedDateTime.now());
        }

        @Override
        public AuthorizeConfirmation handleAuthorizeRequest(UUID session, AuthorizeRequest request) {
            throw new UnsupportedOperationException("Authorize is not part of TC_086");
        }

        @Override
        public DataTransferConfirmation handleDataTransferRequest(UUID session, DataTransferRequest request) {
            throw new UnsupportedOperationException("DataTransfer is not part of TC_086");
        }

        @Override
        public MeterValuesConfirmation handleMeterValuesRequest(UUID session, MeterValuesRequest request) {
            throw new UnsupportedOperationException("MeterValues is not part of TC_086");
        }

        @Override
        public StartTransactionConfirmation handleStartTransactionRequest(UUID session, StartTransactionRequest request) {
            throw new UnsupportedOperationException("StartTransaction is not part of TC_086");
        }

        @Override
        public StopTransactionConfirmation handleStopTransactionRequest(UUID session, StopTransactionRequest request) {
            throw new UnsupportedOperationException("StopTransaction is not part of TC_086");
        }
    }

    /** Answers the security extension's requests and records them. */
    private record SecurityHandler(java.util.function.Supplier<JavaOcaOcppServer> server)
            implements eu.chargetime.ocpp.feature.profile.securityext.ServerSecurityExtEventHandler {

        @Override
        public eu.chargetime.ocpp.model.securityext.LogStatusNotificationConfirmation handleLogStatusNotificationRequest(
                UUID session, eu.chargetime.ocpp.model.securityext.LogStatusNotificationRequest request) {
            server.get().securityRequests.add("LogStatusNotification " + request.getStatus());
            return new eu.chargetime.ocpp.model.securityext.LogStatusNotificationConfirmation();
        }

        @Override
        public eu.chargetime.ocpp.model.securityext.SecurityEventNotificationConfirmation handleSecurityEventNotificationRequest(
                UUID session, eu.chargetime.ocpp.model.securityext.SecurityEventNotificationRequest request) {
            server.get().securityRequests.add("SecurityEventNotification " + request.getType());
            return new eu.chargetime.ocpp.model.securityext.SecurityEventNotificationConfirmation();
        }

        @Override
        public eu.chargetime.ocpp.model.securityext.SignCertificateConfirmation handleSignCertificateRequest(
                UUID session, eu.chargetime.ocpp.model.securityext.SignCertificateRequest request) {
            server.get().securityRequests.add("SignCertificate");
            return server.get().signCertificate.apply(request);
        }

        @Override
        public eu.chargetime.ocpp.model.securityext.SignedFirmwareStatusNotificationConfirmation
                handleSignedFirmwareStatusNotificationRequest(
                UUID session, eu.chargetime.ocpp.model.securityext.SignedFirmwareStatusNotificationRequest request) {
            server.get().securityRequests.add("SignedFirmwareStatusNotification " + request.getStatus());
            return new eu.chargetime.ocpp.model.securityext.SignedFirmwareStatusNotificationConfirmation();
        }
    }
}
