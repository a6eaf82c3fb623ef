package org.octt.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * CPU time spent by this process between two {@link #snapshot() snapshots}: in total (every thread,
 * including the collector and the JIT compilers) and by the Java threads whose names a predicate
 * selects (e.g. the reference Central System's event loops). A thread that ended between the two
 * snapshots counts in the total only.
 *
 * @param processNanos the process's CPU time (user + system), or -1 where the JVM does not tell it
 * @param threadNanos  each live Java thread's CPU time, by thread id
 * @param threadNames  each live Java thread's name, by thread id
 */
record CpuAccount(long processNanos, Map<Long, Long> threadNanos, Map<Long, String> threadNames) {

    /** The CPU times now. */
    static CpuAccount snapshot() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> nanos = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue; // ended meanwhile
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu >= 0) {
                nanos.put(info.getThreadId(), cpu);
                names.put(info.getThreadId(), info.getThreadName());
            }
        }
        long process = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
        return new CpuAccount(process, Map.copyOf(nanos), Map.copyOf(names));
    }

    /** The process's CPU time from {@code earlier} to this snapshot, or zero where the JVM does not tell it. */
    Duration processSince(CpuAccount earlier) {
        return processNanos < 0 || earlier.processNanos < 0 ? Duration.ZERO : Duration.ofNanos(processNanos - earlier.processNanos);
    }

    /** The CPU time of the threads live at both snapshots whose names {@code select} accepts. */
    Duration threadsSince(CpuAccount earlier, Predicate<String> select) {
        long sum = 0;
        for (Map.Entry<Long, Long> e : threadNanos.entrySet()) {
            Long before = earlier.threadNanos.get(e.getKey());
            if (select.test(threadNames.get(e.getKey()))) {
                sum += e.getValue() - (before != null ? before : 0);
            }
        }
        return Duration.ofNanos(sum);
    }
}
