package org.octt.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

class CpuAccountTests {

    @Test
    @Timeout(30)
    void countsTheCpuOfTheThreadsItSelectsByNameAndTheWholeProcess() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch spun = new CountDownLatch(1);
        CountDownLatch measured = new CountDownLatch(1);
        Thread busy = new Thread(() -> {
            try {
                started.await();
                spin(Duration.ofMillis(200));
                spun.countDown();
                measured.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "octt-reference-cs-test");
        busy.start();
        CpuAccount before = CpuAccount.snapshot();
        started.countDown(); // the busy thread spins only between the two snapshots
        spun.await();
        CpuAccount after = CpuAccount.snapshot();
        measured.countDown();
        busy.join();

        Duration selected = after.threadsSince(before, n -> n.startsWith("octt-reference-cs"));
        Duration none = after.threadsSince(before, n -> n.startsWith("no such thread"));
        assertThat(selected).isPositive().isLessThanOrEqualTo(Duration.ofMillis(400));
        assertThat(none).isZero();
        // the process's CPU time comes in clock ticks (10 ms on Linux), a thread's in nanoseconds
        assertThat(after.processSince(before)).isGreaterThanOrEqualTo(selected.minusMillis(20));
    }

    @Test
    void describesCpuPerRunAndTheWallTimeItBounds() {
        CpuAccount before = new CpuAccount(0, java.util.Map.of(1L, 0L, 2L, 0L), java.util.Map.of(1L, "octt-reference-cs-1", 2L, "main"));
        CpuAccount after = new CpuAccount(40_000_000, java.util.Map.of(1L, 10_000_000L, 2L, 25_000_000L),
                java.util.Map.of(1L, "octt-reference-cs-1", 2L, "main"));

        String text = BenchMain.cpuPerRun(before, after, 2);

        int cpus = Runtime.getRuntime().availableProcessors();
        assertThat(text).startsWith("per run 20.0 ms of process CPU: reference Central System threads 5.0 ms, "
                + "the rest (octt, GC, JIT) 15.0 ms; on " + cpus + " CPUs the mean run cannot take under ")
                .endsWith(String.format(java.util.Locale.ROOT, "%.1f ms", 20.0 / cpus));
    }

    private static void spin(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        long x = 0;
        while (System.nanoTime() < end) {
            x += System.nanoTime() % 7;
        }
        if (x == 42) {
            System.out.print("");
        }
    }
}
