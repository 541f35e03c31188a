package io.recast.cli;

import io.recast.adapters.cassandra.CassandraSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code recast migrate --from 1.0 --to 1.1 --yes} in a JVM of its own, as an operator runs it, so that its time is
 * the whole command's (start-up included) and its peak memory is Recast's alone, not the bench's: the bench holds
 * the journal in memory for its raw loads. The peak resident set is read from {@code /proc/<pid>/status} while the
 * child runs (Linux; -1 elsewhere).
 */
final class ChildMigration {

    /** The collector {@code ./recast} gives its batch commands (all but {@code run}), so the child runs as they do. */
    static final String BATCH_COLLECTOR = "-XX:+UseParallelGC";

    /** How the child ended: its exit code, wall time, peak resident set and where its output went. */
    record Result(int exitCode, double seconds, long peakRssKb, Path log) {

        String tail() {
            try {
                List<String> lines = Files.readAllLines(log);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
            } catch (IOException e) {
                return "(no output: " + e.getMessage() + ")";
            }
        }
    }

    private final Path dir;
    private final String heap;
    private final Optional<Path> baseConfig;

    /**
     * @param dir        where the child's configuration and output go
     * @param heap       its {@code -Xmx}, e.g. {@code 1g}
     * @param baseConfig the bench's own configuration file, included first (credentials, TLS, tuning)
     */
    ChildMigration(Path dir, String heap, Optional<Path> baseConfig) {
        this.dir = dir;
        this.heap = heap;
        this.baseConfig = baseConfig;
    }

    Result run(CassandraSettings cassandra, URI elasticsearch, URI sparql) {
        try {
            Files.createDirectories(dir);
            String keyspace = cassandra.keyspace();
            Path config = dir.resolve(keyspace + ".conf");
            String include = baseConfig.map(file -> "include file(\"" + file.toAbsolutePath() + "\")\n").orElse("");
            Files.writeString(config, include + "recast.cassandra.contact-points = \"" + cassandra.contactPoints().stream()
                    .map(ChildMigration::hostAndPort).collect(Collectors.joining(",")) + "\"\n"
                    + "recast.cassandra.local-datacenter = \"" + cassandra.localDatacenter() + "\"\n"
                    + "recast.cassandra.keyspace = " + keyspace + "\n"
                    + "recast.preflight.at-rest-seconds = 1\n"
                    + "recast.elasticsearch.url = \"" + elasticsearch + "\"\n"
                    + "recast.sparql.url = \"" + sparql + "\"\n");
            Path log = dir.resolve(keyspace + ".log");
            long started = System.nanoTime();
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + heap, BATCH_COLLECTOR, "-cp", System.getProperty("java.class.path"), RecastCli.class.getName(),
                    "--config", config.toString(), "migrate", "--from", "1.0", "--to", "1.1", "--yes")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Path status = Path.of("/proc", Long.toString(process.pid()), "status");
            long peak = -1;
            while (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
                peak = Math.max(peak, highWaterMarkKb(status));
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Result(process.exitValue(), seconds, peak, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the migration ran", e);
        }
    }

    private static String hostAndPort(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    /** VmHWM of a process's status file, in kB; -1 when it cannot be read (the process ended, or not Linux). */
    static long highWaterMarkKb(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
