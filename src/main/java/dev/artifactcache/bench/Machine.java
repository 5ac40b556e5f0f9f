package dev.artifactcache.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The machine the figures were measured on, as the README reports it.
 *
 * @param cpus        processors available to the JVM ({@code nproc})
 * @param cpuModel    {@code model name} of /proc/cpuinfo, or "unknown"
 * @param memoryBytes {@code MemTotal} of /proc/meminfo, or 0
 * @param jdk         the first line of {@code java -version} of the service's JVM
 * @param os          name, version and architecture
 */
record Machine(int cpus, String cpuModel, long memoryBytes, String jdk, String os) {

    static Machine describe(Path java) {
        return new Machine(Runtime.getRuntime().availableProcessors(), procValue("/proc/cpuinfo", "model name"),
                kilobytes(procValue("/proc/meminfo", "MemTotal")) * 1024, javaVersion(java),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    }

    private static String procValue(String file, String key) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException e) {
            return "unknown";
        }
        return "unknown";
    }

    private static long kilobytes(String value) {
        String digits = value.replaceAll("\\D", "");
        return digits.isEmpty() ? 0 : Long.parseLong(digits);
    }

    private static String javaVersion(Path java) {
        try {
            Process process = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
            List<String> lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            process.waitFor(30, TimeUnit.SECONDS);
            return lines.size() > 1 ? lines.get(0) + " (" + lines.get(1) + ")" : String.join(" ", lines);
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
