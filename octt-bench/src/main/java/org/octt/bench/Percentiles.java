package org.octt.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Summary of a sample of durations: nearest-rank percentiles (no interpolation), mean, min, max.
 *
 * @param count how many samples
 * @param median the 50th percentile
 * @param p99 the 99th percentile
 * @param mean the arithmetic mean
 * @param min the smallest sample
 * @param max the largest sample
 */
public record Percentiles(int count, Duration median, Duration p99, Duration mean, Duration min, Duration max) {

    public Percentiles {
        Objects.requireNonNull(median, "median");
        Objects.requireNonNull(p99, "p99");
        Objects.requireNonNull(mean, "mean");
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
    }

    /**
     * Summarises samples given in nanoseconds.
     *
     * @throws IllegalArgumentException when there is no sample
     */
    public static Percentiles ofNanos(List<Long> nanos) {
        if (nanos.isEmpty()) {
            throw new IllegalArgumentException("no sample to summarise, was: " + nanos);
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        long sum = 0;
        for (long n : sorted) {
            sum += n;
        }
        return new Percentiles(sorted.length, Duration.ofNanos(rank(sorted, 50)), Duration.ofNanos(rank(sorted, 99)),
                Duration.ofNanos(sum / sorted.length), Duration.ofNanos(sorted[0]),
                Duration.ofNanos(sorted[sorted.length - 1]));
    }

    /** The nearest-rank percentile: the smallest sample with at least p% of the samples at or below it. */
    static long rank(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** "median 12.3 ms, p99 20.1 ms, mean ..., min ..., max ... (n=200)". */
    public String describe() {
        return "median " + ms(median) + ", p99 " + ms(p99) + ", mean " + ms(mean) + ", min " + ms(min) + ", max "
                + ms(max) + " (n=" + count + ")";
    }

    static String ms(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f ms", d.toNanos() / 1e6);
    }
}
