package org.octt.ocpp.cp;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.octt.core.spi.HumanDuration;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Fetches a firmware image as a Charge Point does after SignedUpdateFirmware.req: an HTTP or HTTPS
 * GET of the firmware's {@code location}, bounded in size and time, or (for a Central System whose
 * firmware location octt cannot reach) a local file read instead. Every outcome is data, never an
 * error. HTTPS trusts the JDK's default trust store and checks the host name.
 */
public final class FirmwareDownload {

    /** The largest firmware image read by default: 16 MiB. */
    public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;

    /** Why a download did not give the image. */
    public enum Failure {
        /** Not an http:// or https:// URL (e.g. ftp://), or not a URL at all. */
        UNSUPPORTED_LOCATION,
        /** The server answered with another status than 200. */
        REFUSED,
        /** More bytes than the bound. */
        TOO_LARGE,
        /** No connection, or it broke. */
        UNREACHABLE,
        /** Not done within the timeout. */
        TIMED_OUT,
        /** The local file cannot be read. */
        UNREADABLE_FILE
    }

    /** How a download ended. */
    public sealed interface Outcome {
        /** Where the image came from: the location or the file. */
        String source();

        /** A sentence saying what happened. */
        String message();
    }

    /** The image, complete. */
    public record Fetched(String source, byte[] bytes) implements Outcome {
        public Fetched {
            Objects.requireNonNull(source, "source");
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public String message() {
            return "downloaded " + bytes.length + " bytes from " + source;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Fetched f && f.source.equals(source) && Arrays.equals(f.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return 31 * source.hashCode() + Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "Fetched[" + source + ", " + bytes.length + " bytes]";
        }
    }

    /** No image. */
    public record Failed(String source, Failure failure, String message) implements Outcome {
        public Failed {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(message, "message");
        }
    }

    private static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge() {
            super(null, null, false, false);
        }
    }

    private FirmwareDownload() {
    }

    /**
     * GETs {@code location} (http or https), following no redirect: {@link Fetched} for a 200 answer
     * of at most {@code maxBytes}, {@link Failed} otherwise, always within {@code timeout}.
     */
    public static Mono<Outcome> fetch(String location, long maxBytes, Duration timeout) {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(timeout, "timeout");
        if (maxBytes < 0 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a download needs a non-negative size bound and a positive timeout,"
                    + " was: " + maxBytes + " bytes, " + timeout);
        }
        URI uri;
        try {
            uri = new URI(location);
        } catch (URISyntaxException e) {
            return Mono.just(new Failed(location, Failure.UNSUPPORTED_LOCATION, "the firmware location '"
                    + location + "' is not a URL: " + e.getReason()));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            return Mono.just(new Failed(location, Failure.UNSUPPORTED_LOCATION, "the firmware location '" + location
                    + "' is not an http:// or https:// URL with a host; octt downloads firmware over HTTP(S) only"
                    + " (give the image as a local file instead)"));
        }
        HttpClient http = HttpClient.newConnection()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .responseTimeout(timeout)
                .followRedirect(false);
        if (scheme.equals("https")) {
            http = http.secure();
        }
        return http.get().uri(uri)
                .<Outcome>response((response, body) -> {
                    int status = response.status().code();
                    if (status != 200) {
                        return Mono.just(new Failed(location, Failure.REFUSED, "GET " + location + " was answered "
                                + response.status() + ", expected 200 OK with the firmware image"));
                    }
                    long declared = response.responseHeaders().getInt(HttpHeaderNames.CONTENT_LENGTH, -1);
                    if (declared > maxBytes) {
                        return Mono.just(tooLarge(location, maxBytes));
                    }
                    return body.asByteArray()
                            .reduceWith(ByteArrayOutputStream::new, (all, chunk) -> {
                                if (all.size() + (long) chunk.length > maxBytes) {
                                    throw new TooLarge();
                                }
                                all.write(chunk, 0, chunk.length);
                                return all;
                            })
                            .map(all -> new Fetched(location, all.toByteArray()));
                })
                .next()
                .timeout(timeout, Mono.fromSupplier(() -> new Failed(location, Failure.TIMED_OUT, "GET " + location
                        + " did not complete within " + HumanDuration.format(timeout))))
                .onErrorResume(TooLarge.class, e -> Mono.just(tooLarge(location, maxBytes)))
                .onErrorResume(e -> Mono.just(new Failed(location, Failure.UNREACHABLE, "GET " + location
                        + " failed: " + e)))
                .defaultIfEmpty(new Failed(location, Failure.UNREACHABLE, "GET " + location + " got no answer"));
    }

    private static Failed tooLarge(String location, long maxBytes) {
        return new Failed(location, Failure.TOO_LARGE, "the firmware at " + location + " is larger than "
                + maxBytes + " bytes, the most octt downloads");
    }

    /** Reads the image from {@code file} instead (blocking, on a bounded-elastic thread), at most {@code maxBytes}. */
    public static Mono<Outcome> readFile(Path file, long maxBytes) {
        Objects.requireNonNull(file, "file");
        return Mono.fromCallable(() -> read(file, maxBytes)).subscribeOn(Schedulers.boundedElastic());
    }

    private static Outcome read(Path file, long maxBytes) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                return new Failed(file.toString(), Failure.TOO_LARGE, "the firmware file " + file + " is larger than "
                        + maxBytes + " bytes");
            }
            return new Fetched(file.toString(), bytes);
        } catch (IOException e) {
            return new Failed(file.toString(), Failure.UNREADABLE_FILE, "cannot read the firmware file " + file + ": "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }
}
