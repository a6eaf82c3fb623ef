package org.octt.cli;

/**
 * Where the CLI hears of an interrupt (Ctrl-C): a JVM shutdown hook in production, a trigger in
 * tests. The action runs on the interrupting thread and may block until the run has stopped and
 * written its reports.
 */
@FunctionalInterface
public interface Interrupts {

    /** Runs {@code action} on an interrupt until the returned registration is closed. */
    Registration onInterrupt(Runnable action);

    /** Ends a registration. */
    @FunctionalInterface
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /** A JVM shutdown hook (SIGINT, SIGTERM). */
    static Interrupts shutdownHook() {
        return action -> {
            Thread hook = new Thread(action, "octt-interrupt");
            Runtime.getRuntime().addShutdownHook(hook);
            return () -> {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is shutting down: the hook is running or has run; nothing to remove
                }
            };
        };
    }

    /** Never interrupted. */
    Interrupts NONE = action -> () -> { };
}
