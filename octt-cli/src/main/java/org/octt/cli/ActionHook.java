package org.octt.cli;

import org.octt.core.spi.ActionHandler;
import org.octt.core.spi.ActionOutcome;
import org.octt.core.spi.OperatorAction;
import org.octt.core.spi.Target;
import org.octt.core.text.Printable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code --action-hook COMMAND}: an {@link ActionHandler} that runs {@code COMMAND} with {@code /bin/sh -c} for each
 * operator action, so that CI can make the Central System act through its own API. Nothing octt makes
 * (the action's text, its parameters, the URL) is put into the command line: they are handed over only
 * in environment variables ({@link #environment}), so a hostile value cannot inject shell code.
 *
 * <p>The hook's standard input is closed; its standard output and error are read together on a thread of
 * their own (never an event loop), of which the last {@value #OUTPUT_BOUND} bytes are kept. Exit status 0 is
 * {@link ActionOutcome#triggered}; any other is {@link ActionOutcome#failed} with the last lines of the output,
 * escaped; a hook still running at the action's deadline is killed with its process tree and is
 * {@link ActionOutcome#failed} too. Never errors.
 *
 * <p>The hook inherits the CLI's environment except the variables that hold a Basic auth password
 * ({@link CliEnvironment#PASSWORD_ENV} and those a targets file names): octt never hands a secret to it.
 */
final class ActionHook implements ActionHandler {

    /** How many bytes of the hook's output are kept (the last ones). */
    static final int OUTPUT_BOUND = 8 * 1024;

    /** How many of the last output lines, and characters, an outcome's message quotes. */
    static final int QUOTED_LINES = 5;
    static final int QUOTED_CHARS = 400;

    /** How long the output is still read after the hook exited (a child it left behind may hold the pipe). */
    private static final Duration OUTPUT_GRACE = Duration.ofSeconds(2);

    /** Prefix of the variables holding the action's parameters. */
    static final String PARAM_PREFIX = "OCTT_PARAM_";

    private final String command;
    private final Target target;
    private final Map<String, String> inherited;
    private final Set<String> withheld;
    private final Clock clock;

    /**
     * @param command   the shell command, as given
     * @param target    the target whose test cases ask for actions (its URL is handed over)
     * @param inherited the CLI's environment, handed to the hook except {@code withheld}
     * @param withheld  names of variables never handed over (they hold a password)
     * @param clock     tells the time left until an action's deadline
     */
    ActionHook(String command, Target target, Map<String, String> inherited, Collection<String> withheld, Clock clock) {
        this.command = Objects.requireNonNull(command, "command");
        this.target = Objects.requireNonNull(target, "target");
        this.inherited = Map.copyOf(inherited);
        this.withheld = Set.copyOf(withheld);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Mono<ActionOutcome> handle(OperatorAction action) {
        // waiting for a process blocks: on a thread meant for it, never on the caller's (perhaps an event loop)
        return Mono.fromCallable(() -> run(action)).subscribeOn(Schedulers.boundedElastic())
                .onErrorResume(e -> Mono.just(ActionOutcome.failed("the action hook could not run: "
                        + Printable.escape(String.valueOf(e.getMessage())))));
    }

    private ActionOutcome run(OperatorAction action) {
        Instant deadline = action.deadline().orElseGet(() -> clock.instant().plus(action.timeout()));
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(environment(action, deadline));
        Process process;
        try {
            process = builder.start();
        } catch (IOException | IllegalArgumentException | UnsupportedOperationException e) {
            return ActionOutcome.failed("the action hook could not start: " + Printable.escape(String.valueOf(e.getMessage())));
        }
        try {
            process.getOutputStream().close(); // stdin closed: a hook waiting for input ends at once
        } catch (IOException e) {
            // it exited already
        }
        Tail output = new Tail(process.getInputStream());
        Thread reader = new Thread(output, "octt-action-hook-output");
        reader.setDaemon(true);
        reader.start();
        try {
            long millis = Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
            if (!process.waitFor(millis, TimeUnit.MILLISECONDS)) {
                kill(process);
                reader.join(OUTPUT_GRACE.toMillis());
                return ActionOutcome.failed("the action hook did not finish within " + seconds(action.timeout())
                        + " and was stopped" + quoted(output.text()));
            }
            reader.join(OUTPUT_GRACE.toMillis());
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            return ActionOutcome.failed("the action hook was stopped: the run was cancelled");
        }
        int status = process.exitValue();
        String text = output.text();
        if (status == 0) {
            return ActionOutcome.triggered("the action hook exited 0" + quoted(text));
        }
        return ActionOutcome.failed("the action hook exited " + status + quoted(text));
    }

    /**
     * The hook's environment: the CLI's own without the withheld variables and any {@code OCTT_PARAM_*} of
     * its own, then {@code OCTT_ACTION_ID}, {@code OCTT_ACTION_TEXT}, {@code OCTT_AWAITED_CALL},
     * {@code OCTT_CHARGE_POINT_ID}, {@code OCTT_TEST_CASE}, {@code OCTT_TARGET_URL},
     * {@code OCTT_ACTION_DEADLINE} (ISO-8601), {@code OCTT_ACTION_TIMEOUT_SECONDS}, one
     * {@code OCTT_PARAM_<KEY>} per parameter ({@link #parameterVariable}) and all of them, keys as the test case
     * wrote them, in {@code OCTT_ACTION_PARAMETERS} ({@code key=value&...}, form-encoded, sorted by key).
     */
    Map<String, String> environment(OperatorAction action, Instant deadline) {
        Map<String, String> env = new java.util.TreeMap<>();
        inherited.forEach((k, v) -> {
            if (!withheld.contains(k) && !k.startsWith(PARAM_PREFIX)) {
                env.put(k, v);
            }
        });
        env.put("OCTT_ACTION_ID", action.id());
        env.put("OCTT_ACTION_TEXT", action.text());
        env.put("OCTT_AWAITED_CALL", action.awaitedCall());
        env.put("OCTT_CHARGE_POINT_ID", action.chargePointId().or(target::chargePointId).orElse(""));
        env.put("OCTT_TEST_CASE", action.testCaseId().orElse(""));
        env.put("OCTT_TARGET_URL", target.url().toString()); // never with credentials: a Target refuses userinfo
        env.put("OCTT_ACTION_DEADLINE", deadline.toString());
        env.put("OCTT_ACTION_TIMEOUT_SECONDS", Long.toString(ceilSeconds(action.timeout())));
        action.parameters().forEach((k, v) -> env.put(parameterVariable(k), v));
        env.put("OCTT_ACTION_PARAMETERS", formEncoded(action.parameters()));
        env.replaceAll((k, v) -> v.indexOf('\0') < 0 ? v : v.replace("\0", "\\0")); // no NUL in an environment
        return env;
    }

    /** {@code key=value&...} in key order, each part form-encoded (UTF-8): ready for a URL's query. */
    static String formEncoded(Map<String, String> parameters) {
        return new java.util.TreeMap<>(parameters).entrySet().stream()
                .map(e -> java.net.URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(java.util.stream.Collectors.joining("&"));
    }

    /** {@code OCTT_PARAM_} and the key upper-cased, each character other than A-Z and 0-9 as {@code _}. */
    static String parameterVariable(String key) {
        StringBuilder sb = new StringBuilder(PARAM_PREFIX);
        for (char c : key.toUpperCase(Locale.ROOT).toCharArray()) {
            sb.append((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ? c : '_');
        }
        return sb.toString();
    }

    /** Kills the hook and every process it started, and waits (within a bound) until they are gone. */
    private static void kill(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        process.destroyForcibly(); // the hook first, so that it starts nothing more
        tree.forEach(ProcessHandle::destroyForcibly);
        tree.add(process.toHandle());
        long until = System.nanoTime() + OUTPUT_GRACE.toNanos();
        for (ProcessHandle p : tree) { // gone before the outcome is reported, within a bound
            try {
                p.onExit().get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // past the bound: it was sent SIGKILL, nothing more can be done
            }
        }
    }

    /** {@code ": <the last lines>"}, escaped and bounded; {@code " (no output)"} when there is none. */
    static String quoted(String output) {
        List<String> lines = new ArrayList<>(output.lines().map(String::stripTrailing).filter(l -> !l.isBlank()).toList());
        if (lines.isEmpty()) {
            return " (no output)";
        }
        String last = String.join("\n", lines.subList(Math.max(0, lines.size() - QUOTED_LINES), lines.size()));
        if (last.length() > QUOTED_CHARS) {
            last = "..." + last.substring(last.length() - QUOTED_CHARS);
        }
        return ": " + Printable.escape(last);
    }

    private static long ceilSeconds(Duration d) {
        return d.plusNanos(999_999_999L).getSeconds();
    }

    /** {@code 60 s}, {@code 1.5 s}: as a sentence says a timeout. */
    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.getSeconds() + " s" : Durations.format(d);
    }

    /** Reads a stream to its end, keeping the last {@link #OUTPUT_BOUND} bytes. */
    private static final class Tail implements Runnable {
        private final InputStream in;
        private final byte[] ring = new byte[OUTPUT_BOUND];
        private long total;

        Tail(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[4096];
            try (in) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    synchronized (this) {
                        for (int i = 0; i < n; i++) {
                            ring[(int) (total++ % OUTPUT_BOUND)] = buffer[i];
                        }
                    }
                }
            } catch (IOException e) {
                // the hook was killed or closed its output: what was read is kept
            }
        }

        /** What was kept, decoded as UTF-8 (a malformed sequence replaced). */
        synchronized String text() {
            int kept = (int) Math.min(total, OUTPUT_BOUND);
            byte[] bytes = new byte[kept];
            long start = total - kept;
            for (int i = 0; i < kept; i++) {
                bytes[i] = ring[(int) ((start + i) % OUTPUT_BOUND)];
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
