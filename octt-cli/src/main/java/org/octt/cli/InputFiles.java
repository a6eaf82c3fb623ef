package org.octt.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one reader of every input file ({@code --basic-auth-password-file}, {@code --config},
 * {@code --targets}, {@code --ca-file}, {@code --client-cert}, {@code --client-key} and their
 * targets-file columns): with a size cap and in bounded time, each problem a {@link UsageException}
 * of one line naming the option and the file, never the content.
 *
 * <p>A regular file is checked for size before it is read. Anything else (a pipe, {@code /dev/fd/N}
 * from a shell's {@code <(command)}, a character device) is opened and read on a daemon thread of
 * its own, within a deadline and up to the cap: a pipe nobody writes to, or {@code /dev/zero},
 * ends in an error instead of a hang or an exhausted heap. Stateless; each read starts its own
 * thread, so nothing is shared between reads.
 */
final class InputFiles {

    /** The size cap of a kind of input file. */
    enum Limit {
        /** A password file: a password is at most 1 KiB, plus its line ending ({@code \r\n}). */
        PASSWORD(1024 + 2, "1 KiB"),
        /** A PEM or DER file (a long chain is a few tens of KiB). */
        PEM(1024 * 1024, "1 MiB"),
        /** A {@code --config} or {@code --targets} file (a fleet of 100,000 targets fits). */
        TEXT(16 * 1024 * 1024, "16 MiB");

        final int bytes;
        final String label;

        Limit(int bytes, String label) {
            this.bytes = bytes;
            this.label = label;
        }
    }

    /** How long a pipe or device may take to deliver its content (time for a passphrase prompt of {@code pass}). */
    static final Duration DEADLINE = Duration.ofSeconds(10);

    private InputFiles() {
    }

    /** {@link #read(String, Path, Limit, Duration)} within {@link #DEADLINE}. */
    static byte[] read(String option, Path file, Limit limit) {
        return read(option, file, limit, DEADLINE);
    }

    /**
     * The content of the file, at most {@code limit} bytes.
     *
     * @param option   how to name the setting in a message ({@code --ca-file}, {@code FILE line 3: client-cert})
     * @param deadline how long a non-regular file (pipe, device) may take to be read to its end
     * @throws UsageException when the value is empty, the file is missing, a folder, unreadable,
     *                        larger than the limit, or not read to its end within the deadline
     */
    static byte[] read(String option, Path file, Limit limit, Duration deadline) {
        TargetContexts.readableFile(option, file);
        if (Files.isRegularFile(file)) {
            try {
                if (Files.size(file) > limit.bytes) {
                    throw tooLarge(option, file, limit);
                }
                try (InputStream in = Files.newInputStream(file)) {
                    return readCapped(option, file, in, limit, new AtomicLong());
                }
            } catch (IOException e) {
                throw TargetContexts.unreadable(option, file, e);
            }
        }
        return readWithDeadline(option, file, limit, deadline);
    }

    private static byte[] readWithDeadline(String option, Path file, Limit limit, Duration deadline) {
        AtomicLong received = new AtomicLong();
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            // a FileChannel: closing it on timeout also ends a read blocked in the kernel
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                 InputStream in = Channels.newInputStream(channel)) {
                result.complete(readCapped(option, file, in, limit, received));
            } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        }, "octt-input-reader");
        reader.setDaemon(true); // a FIFO nobody opens for writing blocks open(2) for good; never keep the JVM for it
        reader.start();
        try {
            return result.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            reader.interrupt();
            String within = "within " + seconds(deadline);
            throw new UsageException(received.get() == 0
                    ? option + ": no data from " + file + " " + within + " (a pipe nobody writes to?)"
                    : option + ": " + file + " did not end " + within + " (a pipe that stays open?)", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UsageException usage) {
                throw usage;
            }
            if (e.getCause() instanceof IOException io) {
                throw TargetContexts.unreadable(option, file, io);
            }
            throw new IllegalStateException("reading " + file + " failed", e.getCause());
        } catch (InterruptedException e) {
            reader.interrupt();
            Thread.currentThread().interrupt();
            throw new UsageException(option + ": interrupted while reading " + file, e);
        }
    }

    private static byte[] readCapped(String option, Path file, InputStream in, Limit limit, AtomicLong received)
            throws IOException {
        byte[] buffer = new byte[Math.min(limit.bytes + 1, 8192)];
        int length = 0;
        int n;
        while ((n = in.read(buffer, length, buffer.length - length)) != -1) {
            length += n;
            received.set(length);
            if (length > limit.bytes) {
                Arrays.fill(buffer, (byte) 0);
                throw tooLarge(option, file, limit);
            }
            if (length == buffer.length) {
                byte[] bigger = Arrays.copyOf(buffer, Math.min(limit.bytes + 1, buffer.length * 2));
                Arrays.fill(buffer, (byte) 0); // a password's bytes are not left behind
                buffer = bigger;
            }
        }
        byte[] content = Arrays.copyOf(buffer, length);
        Arrays.fill(buffer, (byte) 0);
        return content;
    }

    private static UsageException tooLarge(String option, Path file, Limit limit) {
        return new UsageException(option + " " + file + " is larger than " + limit.label);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
