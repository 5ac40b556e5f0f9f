package dev.artifactcache.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time over one phase of the benchmark, from /proc (Linux): the service's process, this
 * process (the benchmark's clients), and everything else on the machine. On a shared machine the
 * wall-clock figures depend on what else runs; the service's CPU seconds mostly do not, and the
 * "others" figure says how much the phase had to share. Where /proc is missing (not Linux) every
 * reading is zero, and so are the figures.
 *
 * @param seconds        wall time of the phase
 * @param serviceSeconds CPU time the service used
 * @param benchSeconds   CPU time this benchmark process used (clients, waiting loops)
 * @param otherCores     average cores busy with other processes during the phase
 * @param jitSeconds     of {@code serviceSeconds}, the CPU time of the service's JIT compiler threads
 */
record CpuUse(double seconds, double serviceSeconds, double benchSeconds, double otherCores, double jitSeconds) {

    /** USER_HZ of /proc: 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100;
    /** HotSpot's names of its compiler threads ("C1 CompilerThread0", "C2 CompilerThread1"), as /proc cuts them to 15 characters. */
    private static final Pattern JIT_THREAD = Pattern.compile("C[12] CompilerThre");

    /**
     * One reading; {@code servicePid} 0 before the service exists.
     *
     * @param jitTicks the ticks of each of the service's JIT compiler threads, by thread id
     */
    record Sample(long nanos, long busyTicks, long totalTicks, long serviceTicks, long selfTicks, Map<String, Long> jitTicks) {

        static Sample take(long servicePid) {
            long[] machine = machineTicks();
            return new Sample(System.nanoTime(), machine[0], machine[1], servicePid == 0 ? 0 : processTicks(servicePid),
                    processTicks(ProcessHandle.current().pid()), servicePid == 0 ? Map.of() : compilerThreadTicks(servicePid));
        }
    }

    static CpuUse between(Sample from, Sample to) {
        double seconds = (to.nanos() - from.nanos()) / 1e9;
        double service = (to.serviceTicks() - from.serviceTicks()) / TICKS_PER_SECOND;
        double bench = (to.selfTicks() - from.selfTicks()) / TICKS_PER_SECOND;
        long total = to.totalTicks() - from.totalTicks();
        double perCpu = total / (double) Runtime.getRuntime().availableProcessors();
        double others = perCpu <= 0 ? 0
                : Math.max(0, (to.busyTicks() - from.busyTicks()) - (service + bench) * TICKS_PER_SECOND) / perCpu;
        return new CpuUse(seconds, service, bench, others, ticksBetween(from.jitTicks(), to.jitTicks()) / TICKS_PER_SECOND);
    }

    /**
     * The ticks the threads of {@code to} used since {@code from}: all of those of a thread started
     * in between. HotSpot ends idle compiler threads and starts them again; a thread that ended in
     * between takes its last ticks along.
     */
    private static long ticksBetween(Map<String, Long> from, Map<String, Long> to) {
        long ticks = 0;
        for (Map.Entry<String, Long> thread : to.entrySet()) {
            ticks += thread.getValue() - from.getOrDefault(thread.getKey(), 0L);
        }
        return ticks;
    }

    /** Busy and total ticks of all CPUs (first line of /proc/stat), or zeros where there is none. */
    private static long[] machineTicks() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            long total = 0;
            for (int i = 1; i < Math.min(fields.length, 9); i++) {
                total += Long.parseLong(fields[i]);
            }
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    private static long processTicks(long pid) {
        return ticks(Path.of("/proc", Long.toString(pid), "stat"));
    }

    /** The ticks of each JIT compiler thread of a JVM, by thread id; empty where /proc is missing. */
    static Map<String, Long> compilerThreadTicks(long pid) {
        try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return threads.filter(thread -> isJitThread(thread.resolve("comm")))
                    .collect(Collectors.toMap(thread -> thread.getFileName().toString(), thread -> ticks(thread.resolve("stat"))));
        } catch (IOException | UncheckedIOException e) {
            return Map.of();
        }
    }

    private static boolean isJitThread(Path comm) {
        try {
            return JIT_THREAD.matcher(Files.readString(comm)).lookingAt();
        } catch (IOException e) {
            return false; // the thread ended
        }
    }

    /** utime + stime of a process or thread (fields 14 and 15 of its stat file, counted after the command name), or 0. */
    private static long ticks(Path stat) {
        try {
            String text = Files.readString(stat);
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
