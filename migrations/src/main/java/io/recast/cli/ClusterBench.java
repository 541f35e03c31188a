package io.recast.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.adapters.cassandra.SharedRangeRuns;
import io.recast.projections.ClusterSlices;
import io.recast.projections.views.ViewReplayProjection;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code recast bench --step cluster}: the rebuild of the Elasticsearch read model ({@code recast reindex
 * elasticsearch}) on a Pekko cluster of one node, then of two nodes (the second one a {@code recast worker}), each
 * node a JVM of its own on this machine, on the same migrated journal. Reports each run's replay rate and, from the
 * shared runs' ledger, how the token ranges were shared and whether any was done twice. On one machine the two nodes
 * share its cores: the figure to read is the sharing, not the speed-up.
 */
final class ClusterBench {

    private static final Pattern REPLAY = Pattern.compile("replay: (\\d+) events in ([\\d.]+) s");
    private static final Pattern SPAN = Pattern.compile("shared over the cluster: .*; ([\\d.]+) s from the start");
    private static final Pattern JOB = Pattern.compile("(?:started|resuming) job (\\S+)");

    /** What one reindex did. */
    record Run(int nodes, double wallSeconds, double replaySeconds, double slicesSeconds, long events,
               ClusterSlices.Sharing sharing) {

        /** Events per second from the slices' start (once the members were up) to the last range. */
        double eventsPerSecond() {
            return events / slicesSeconds;
        }
    }

    private final CqlSession session;
    private final CassandraSettings cassandra;
    private final URI elasticsearch;
    private final Path dir;
    private final String heap;
    private final Optional<Path> baseConfig;
    private final PrintStream out;

    ClusterBench(CqlSession session, CassandraSettings cassandra, URI elasticsearch, Path dir, String heap,
                 Optional<Path> baseConfig, PrintStream out) {
        this.session = session;
        this.cassandra = cassandra;
        this.elasticsearch = elasticsearch;
        this.dir = dir;
        this.heap = heap;
        this.baseConfig = baseConfig;
        this.out = out;
    }

    /** The configuration of every node: the bench's journal, Elasticsearch only, the cluster on. */
    Path config() {
        try {
            Files.createDirectories(dir);
            Path config = dir.resolve(cassandra.keyspace() + ".conf");
            String include = baseConfig.map(file -> "include file(\"" + file.toAbsolutePath() + "\")\n").orElse("");
            Files.writeString(config, include + "recast.cassandra.contact-points = \"" + cassandra.contactPoints()
                    .stream().map(ClusterBench::hostAndPort).collect(Collectors.joining(",")) + "\"\n"
                    + "recast.cassandra.local-datacenter = \"" + cassandra.localDatacenter() + "\"\n"
                    + "recast.cassandra.keyspace = " + cassandra.keyspace() + "\n"
                    + "recast.preflight.at-rest-seconds = 1\n"
                    + "recast.elasticsearch.url = \"" + elasticsearch + "\"\n"
                    + "recast.views.enabled = elasticsearch\n");
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Drops the index versions an earlier bench left ({@code <keyspace>_resources_v1} .. {@code _v<upTo>}): the
     * migration starts again from version 1.
     */
    void dropIndexes(int upTo) {
        String alias = cassandra.keyspace() + "_resources";
        String names = java.util.stream.IntStream.rangeClosed(1, upTo).mapToObj(v -> alias + "_v" + v)
                .collect(Collectors.joining(","));
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(elasticsearch.resolve("/" + names
                            + "?ignore_unavailable=true")).DELETE().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Elasticsearch refused to drop the bench's old indexes ("
                        + response.statusCode() + "): " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dropping the bench's old indexes", e);
        }
    }

    /** {@code recast migrate} of the seeded journal, one JVM, no cluster (it also builds the index's first version). */
    void migrate() {
        Process process = start("migrate", List.of("migrate", "--from", "1.0", "--to", "1.1", "--yes"), Map.of());
        int exit = await(process, "migrate", 60);
        if (exit != 0) {
            throw new IllegalStateException("The bench's migration failed (exit " + exit + "): " + tail("migrate"));
        }
    }

    /** A reindex on a cluster of {@code nodes} (1 or 2) nodes. */
    Run reindex(int nodes, String label) {
        int[] ports = new int[nodes];
        for (int i = 0; i < nodes; i++) {
            ports[i] = freePort();
        }
        String seeds = java.util.Arrays.stream(ports).mapToObj(port -> "127.0.0.1:" + port)
                .collect(Collectors.joining(","));
        List<Process> workers = new ArrayList<>();
        for (int i = 1; i < nodes; i++) {
            workers.add(start(label + "-worker-" + i, List.of("worker", "--once"), cluster(ports[i], seeds, nodes)));
        }
        Instant since = Instant.now();
        long started = System.nanoTime();
        Process reindex = start(label, List.of("reindex", "elasticsearch"), cluster(ports[0], seeds, nodes));
        int exit = await(reindex, label, 60);
        double wall = (System.nanoTime() - started) / 1e9;
        for (int i = 0; i < workers.size(); i++) {
            int workerExit = await(workers.get(i), label + "-worker-" + (i + 1), 2);
            if (workerExit != 0) {
                throw new IllegalStateException("A worker failed (exit " + workerExit + "): "
                        + tail(label + "-worker-" + (i + 1)));
            }
        }
        String output = read(label);
        Matcher replay = REPLAY.matcher(output);
        Matcher job = JOB.matcher(output);
        Matcher span = SPAN.matcher(output);
        if (exit != 0 || !replay.find() || !job.find() || !span.find()) {
            throw new IllegalStateException("The reindex on " + nodes + " node(s) failed (exit " + exit + "): "
                    + tail(label));
        }
        ClusterSlices.Sharing sharing = ClusterSlices.Sharing.of(new SharedRangeRuns(session, cassandra.keyspace()),
                ViewReplayProjection.PROJECTION_NAME_PREFIX + job.group(1), since);
        cleanup(label);
        return new Run(nodes, wall, Double.parseDouble(replay.group(2)), Double.parseDouble(span.group(1)),
                Long.parseLong(replay.group(1)), sharing);
    }

    /** Drops the versions the reindex retired, so that the index does not pile up versions. */
    private void cleanup(String label) {
        Process cleanup = start(label + "-cleanup", List.of("cleanup"), Map.of());
        int exit = await(cleanup, label + "-cleanup", 5);
        if (exit != 0) {
            out.println("  (cleanup after " + label + " exited " + exit + ": " + tail(label + "-cleanup") + ")");
        }
    }

    private static Map<String, String> cluster(int port, String seeds, int nodes) {
        return Map.of("RECAST_CLUSTER", "true", "RECAST_CLUSTER_PORT", String.valueOf(port),
                "RECAST_CLUSTER_SEED_NODES", seeds, "RECAST_CLUSTER_MIN_NODES", String.valueOf(nodes));
    }

    private Process start(String label, List<String> args, Map<String, String> environment) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), RecastCli.class.getName(),
                "--config", config().toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(label + ".log").toFile());
        builder.environment().putAll(environment);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int await(Process process, String label, int minutes) {
        try {
            if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(label + " did not end within " + minutes + " minutes: " + tail(label));
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while " + label + " ran", e);
        }
    }

    private String read(String label) {
        try {
            return Files.readString(dir.resolve(label + ".log"));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private String tail(String label) {
        List<String> lines = read(label).lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hostAndPort(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }
}
