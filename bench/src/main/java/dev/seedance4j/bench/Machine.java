package dev.seedance4j.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The machine a benchmark ran on, so that figures are never quoted without it.
 *
 * @param cores          processors available to the JVM
 * @param memoryBytes    physical memory of the machine, or -1 when the JVM cannot tell
 * @param maxHeapBytes   the JVM's maximum heap
 * @param os             operating system name, version and architecture
 * @param javaVersion    the runtime's version and vendor
 * @param cpuModel       the CPU's model name from {@code /proc/cpuinfo}, or {@code unknown}
 * @param loadAverage    the system load average over the last minute when the run started (other work on the
 *                       machine skews every figure), or -1 when the OS does not tell
 */
public record Machine(
        int cores,
        long memoryBytes,
        long maxHeapBytes,
        String os,
        String javaVersion,
        String cpuModel,
        double loadAverage) {

    /** The machine this JVM runs on. */
    public static Machine current() {
        long memory = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memory = os.getTotalMemorySize();
        }
        return new Machine(
                Runtime.getRuntime().availableProcessors(),
                memory,
                Runtime.getRuntime().maxMemory(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.runtime.version", System.getProperty("java.version")) + " ("
                        + System.getProperty("java.vendor") + ")",
                cpuModel(Path.of("/proc/cpuinfo")),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** The first {@code model name} of a cpuinfo file, or {@code unknown} when there is none. */
    static String cpuModel(Path cpuinfo) {
        try {
            for (String line : Files.readAllLines(cpuinfo)) {
                if (line.toLowerCase(Locale.ROOT).startsWith("model name")) {
                    int colon = line.indexOf(':');
                    if (colon > 0) return line.substring(colon + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or not readable: say so instead of guessing
        }
        return "unknown";
    }

    /** One line for a table caption, e.g. {@code 2 cores, 7.8 GiB, Intel(R) Xeon(R) ..., Linux 6.1 amd64, Java 17.0.12}. */
    public String summary() {
        String memory =
                memoryBytes < 0 ? "memory unknown" : String.format(Locale.ROOT, "%.1f GiB", memoryBytes / 1073741824.0);
        return cores + " cores, " + memory + ", " + cpuModel + ", " + os + ", Java " + javaVersion
                + (loadAverage < 0 ? "" : String.format(Locale.ROOT, ", load average %.1f at the start", loadAverage));
    }
}
