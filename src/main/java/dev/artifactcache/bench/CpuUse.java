package dev.artifactcache.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
 */
record CpuUse(double seconds, double serviceSeconds, double benchSeconds, double otherCores) {

    /** USER_HZ of /proc: 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100;

    /** One reading; {@code servicePid} 0 before the service exists. */
    record Sample(long nanos, long busyTicks, long totalTicks, long serviceTicks, long selfTicks) {

        static Sample take(long servicePid) {
            long[] machine = machineTicks();
            return new Sample(System.nanoTime(), machine[0], machine[1], servicePid == 0 ? 0 : processTicks(servicePid),
                    processTicks(ProcessHandle.current().pid()));
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
        return new CpuUse(seconds, service, bench, others);
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

    /** utime + stime of a process (fields 14 and 15 of /proc/pid/stat, counted after the command name). */
    private static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
