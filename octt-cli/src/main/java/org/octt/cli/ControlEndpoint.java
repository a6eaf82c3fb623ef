package org.octt.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.octt.core.text.Printable;
import org.octt.testkit.RunningCentralSystem;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The control interface of {@code octt serve}: an HTTP endpoint on 127.0.0.1 (a free port) through which a CI hook
 * makes the reference Central System perform an operator action, as a real Central System's operator would click.
 *
 * <p>{@code POST /actions/<actionId>?chargePointId=CP001[&KEY=VALUE...]} with {@code Authorization: Bearer <token>}:
 * the other query parameters are the action's parameters. Answers, each with a one-line text body: 200 and what the
 * Central System did; 400 for a malformed request; 401 without the token; 404 for an unknown action id or path; 405
 * for another method; 409 when the Central System could not do it (e.g. the Charge Point is not connected); 504 when
 * it did not finish within {@link #PERFORM_BOUND}.
 *
 * <p>The token is random (192 bits) and made for this process; it is compared in constant time. The requests are
 * handled on threads of their own, never on the Central System's event loops. Nothing a request carries is printed
 * unescaped.
 */
final class ControlEndpoint implements AutoCloseable {

    /** How long one action may take. */
    static final Duration PERFORM_BOUND = Duration.ofSeconds(60);

    /** Longest request target accepted (the query holds the parameters). */
    static final int MAX_QUERY = 16 * 1024;

    private static final String PREFIX = "/actions/";

    /** How many known action ids a 404 names (a hook quotes only the end of its output). */
    static final int SHOWN_IDS = 4;

    private final HttpServer server;
    private final ExecutorService threads;
    private final String token;
    private final RunningCentralSystem cs;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private ControlEndpoint(HttpServer server, ExecutorService threads, String token, RunningCentralSystem cs) {
        this.server = server;
        this.threads = threads;
        this.token = token;
        this.cs = cs;
    }

    /** Starts the endpoint for {@code cs} on a free loopback port with a fresh token. */
    static ControlEndpoint start(RunningCentralSystem cs, SecureRandom random) throws IOException {
        Objects.requireNonNull(cs, "cs");
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "octt-serve-control");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        ControlEndpoint endpoint = new ControlEndpoint(server, threads, token, cs);
        server.createContext("/", endpoint::handle);
        server.start();
        return endpoint;
    }

    /** {@code http://127.0.0.1:<port>}. */
    URI url() {
        InetSocketAddress a = server.getAddress();
        return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort());
    }

    /** The bearer token a request must carry. */
    String token() {
        return token;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Answer answer = answer(exchange);
            byte[] body = (answer.text() + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** A status and a one-line body. */
    record Answer(int status, String text) {
    }

    private Answer answer(HttpExchange exchange) {
        String given = exchange.getRequestHeaders().getFirst("Authorization");
        if (given == null || !MessageDigest.isEqual(("Bearer " + token).getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8))) {
            return new Answer(401, "missing or wrong bearer token (Authorization: Bearer <the token octt serve printed>)");
        }
        URI uri = exchange.getRequestURI();
        String path = uri.getRawPath();
        if (path == null || !path.startsWith(PREFIX) || path.length() == PREFIX.length()
                || path.indexOf('/', PREFIX.length()) >= 0) {
            return new Answer(404, "no such resource: " + Printable.escape(String.valueOf(path))
                    + " (POST /actions/<actionId>?chargePointId=<id>)");
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            return new Answer(405, "use POST, was: " + Printable.escape(exchange.getRequestMethod()));
        }
        String actionId = URLDecoder.decode(path.substring(PREFIX.length()), StandardCharsets.UTF_8);
        if (!cs.actionIds().contains(actionId)) {
            List<String> known = cs.actionIds();
            return new Answer(404, "unknown action id '" + Printable.escape(actionId) + "' (known: "
                    + (known.isEmpty() ? "none" : String.join(", ", known.subList(0, Math.min(SHOWN_IDS, known.size())))
                    + (known.size() > SHOWN_IDS ? " and " + (known.size() - SHOWN_IDS) + " more" : "")) + ")");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        String query = uri.getRawQuery();
        if (query != null && query.length() > MAX_QUERY) {
            return new Answer(400, "the query is longer than " + MAX_QUERY + " characters");
        }
        String chargePointId = cs.chargePointId();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key;
                String value;
                try {
                    key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return new Answer(400, "malformed query: " + Printable.escape(e.getMessage()));
                }
                if (key.equals("chargePointId")) {
                    chargePointId = value;
                } else {
                    parameters.put(key, value);
                }
            }
        }
        if (chargePointId.isEmpty()) {
            return new Answer(400, "chargePointId is empty");
        }
        try {
            String done = cs.perform(actionId, chargePointId, parameters).block(PERFORM_BOUND);
            return new Answer(200, Printable.escape(String.valueOf(done)));
        } catch (RuntimeException e) {
            if (isTimeout(e)) {
                return new Answer(504, "the reference Central System did not perform " + Printable.escape(actionId)
                        + " within " + ActionHook.seconds(PERFORM_BOUND));
            }
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Answer(409, "the reference Central System could not perform " + Printable.escape(actionId)
                    + " for " + Printable.escape(chargePointId) + ": "
                    + Printable.escape(message.replaceAll("\\s*\\R\\s*", " ")));
        }
    }

    /** Whether {@code block(PERFORM_BOUND)} gave up (a timeout inside the action is the action's failure). */
    private static boolean isTimeout(Throwable e) {
        return e instanceof IllegalStateException && String.valueOf(e.getMessage()).startsWith("Timeout on blocking read");
    }

    /** Stops the endpoint and its threads; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
