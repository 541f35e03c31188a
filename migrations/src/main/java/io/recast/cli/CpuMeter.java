package io.recast.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The CPU time that each process of a measurement used (Recast's JVM and the local servers), read from the operating
 * system through {@link ProcessHandle.Info#totalCpuDuration()}: what a timed section cost in CPU, next to its wall
 * time. On a machine whose cores the servers and Recast share, a section cannot take less wall time than the CPU time
 * of all of them divided by the cores; a bench compares that floor with its targets.
 */
final class CpuMeter {

    private final Map<String, ProcessHandle> processes;

    /** {@code processes}: by name, e.g. {@code recast}, {@code cassandra}; those whose CPU time the OS does not tell are left out. */
    CpuMeter(Map<String, ProcessHandle> processes) {
        Map<String, ProcessHandle> known = new LinkedHashMap<>();
        processes.forEach((name, process) -> {
            if (cpu(process).isPresent()) {
                known.put(name, process);
            }
        });
        this.processes = Map.copyOf(known);
    }

    /** The CPU time of each process now; {@link Reading#since} gives what a section used. */
    Reading read() {
        Map<String, Duration> now = new LinkedHashMap<>();
        processes.forEach((name, process) -> cpu(process).ifPresent(cpu -> now.put(name, cpu)));
        return new Reading(now);
    }

    /** The names of the processes measured. */
    java.util.Set<String> names() {
        return new java.util.TreeSet<>(processes.keySet());
    }

    /** The CPU time of each process at one moment. */
    record Reading(Map<String, Duration> cpu) {

        /** The CPU seconds each process used from {@code start} to this reading (a process gone since is left out). */
        Usage since(Reading start) {
            Map<String, Double> seconds = new java.util.TreeMap<>();
            cpu.forEach((name, end) -> {
                Duration begin = start.cpu().get(name);
                if (begin != null) {
                    seconds.put(name, end.minus(begin).toNanos() / 1e9);
                }
            });
            return new Usage(seconds);
        }
    }

    /** CPU seconds per process over one section. */
    record Usage(Map<String, Double> seconds) {

        double total() {
            return seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        double of(String name) {
            return seconds.getOrDefault(name, 0.0);
        }

        Usage plus(Usage other) {
            Map<String, Double> sum = new java.util.TreeMap<>(seconds);
            other.seconds.forEach((name, s) -> sum.merge(name, s, Double::sum));
            return new Usage(sum);
        }

        /** E.g. {@code cassandra 3.1 s, recast 1.2 s}. */
        @Override
        public String toString() {
            StringBuilder text = new StringBuilder();
            seconds.forEach((name, s) -> text.append(text.length() == 0 ? "" : ", ")
                    .append(String.format("%s %.1f s", name, s)));
            return text.toString();
        }
    }

    private static Optional<Duration> cpu(ProcessHandle process) {
        return process.info().totalCpuDuration();
    }
}
