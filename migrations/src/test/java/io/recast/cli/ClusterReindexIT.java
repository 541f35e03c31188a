package io.recast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recast.adapters.cassandra.SharedRangeRuns;
import io.recast.kg.seed.SeedPlan;
import io.recast.projections.ClusterSlices;
import io.recast.projections.views.ViewReplayProjection;
import io.recast.projections.views.ViewVerification;
import io.recast.servers.LocalCassandra;
import io.recast.servers.LocalElasticsearch;
import io.recast.servers.junit.RealServers;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.http.HttpHost;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reindex spread over a Pekko cluster of two nodes, each in a JVM of its own on 127.0.0.1: the node that runs
 * {@code recast reindex elasticsearch} and one that runs {@code recast worker}. Both take token-range slices (Pekko
 * sharded daemons); with the worker killed by SIGKILL in the middle of the replay, the other node takes its slices
 * over and finishes. Either way the new index holds exactly what the single-node replay of the migration wrote.
 */
@RealServers
class ClusterReindexIT {

    private static final SeedPlan SEED = SeedPlan.generate(12_000, 1_200, 44);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static ReindexUnderTest kg;
    private static RestClient elasticsearch;

    @BeforeAll
    static void migrate(LocalCassandra cassandra, LocalElasticsearch es) throws Exception {
        kg = new ReindexUnderTest("cluster_it", SEED, dir, cassandra, es);
        elasticsearch = RestClient.builder(HttpHost.create(es.url())).build();
    }

    @AfterAll
    static void close() throws Exception {
        if (elasticsearch != null) {
            elasticsearch.close();
        }
        if (kg != null) {
            kg.close();
        }
    }

    @Test
    void twoNodesShareTheSlicesAndNothingIsDoneTwice() throws Exception {
        String singleNodeIndex = "cluster_it_resources_v1"; // the migration's own replay, in one JVM
        int[] ports = {freePort(), freePort()};
        Instant started = Instant.now();
        Process worker = node("worker", ports[1], ports, "worker", "--once");
        Process reindex = node("reindex", ports[0], ports, "reindex", "elasticsearch");

        assertTrue(reindex.waitFor(4, TimeUnit.MINUTES), "the reindex ended: " + output("reindex"));
        assertTrue(worker.waitFor(1, TimeUnit.MINUTES), "the worker left once the run ended: " + output("worker"));
        assertEquals(0, reindex.exitValue(), output("reindex"));
        assertEquals(0, worker.exitValue(), output("worker"));

        ClusterSlices.Sharing sharing = sharingOfLatestJob(started);
        assertEquals(2, sharing.rangesByNode().size(), "both nodes did ranges: " + sharing);
        assertEquals(Map.of(), sharing.rangesDoneMoreThanOnce(), "no range done twice: " + sharing);
        assertEquals(64, sharing.rangesRecorded(), sharing.toString());
        System.out.println("two nodes: " + sharing);
        assertTrue(output("reindex").contains("shared over the cluster: "), output("reindex"));
        assertTrue(output("worker").contains("joined recast-views-"), output("worker"));
        String rebuilt = kg.aliasTarget();
        assertTrue(!rebuilt.equals(singleNodeIndex), "the alias moved to the new index");
        assertEquals(documents(singleNodeIndex), documents(rebuilt),
                "the two-node replay wrote what the single-node one did");
        assertClean(kg.verify());
    }

    @Test
    void whenOneNodeIsKilledTheOtherTakesItsSlicesOverAndFinishes() throws Exception {
        String before = kg.aliasTarget();
        int[] ports = {freePort(), freePort()};
        Instant started = Instant.now();
        Process worker = node("killed-worker", ports[1], ports, "worker");
        Process reindex = node("survivor", ports[0], ports, "reindex", "elasticsearch");

        String runName = awaitRunOfNewJob(before, reindex);
        SharedRangeRuns runs = new SharedRangeRuns(kg.session(), "cluster_it");
        int doneByWorker = 0;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (doneByWorker < 3 && System.nanoTime() < deadline && reindex.isAlive()) {
            doneByWorker = ClusterSlices.Sharing.of(runs, runName, started).rangesByNode().getOrDefault(
                    "pekko://recast@127.0.0.1:" + ports[1], 0);
            Thread.sleep(100);
        }
        int recordedWhenKilled = ClusterSlices.Sharing.of(runs, runName, started).rangesRecorded();
        worker.destroyForcibly();
        assertTrue(worker.waitFor(30, TimeUnit.SECONDS));

        assertTrue(reindex.waitFor(4, TimeUnit.MINUTES), "the surviving node finished: " + output("survivor"));
        assertEquals(137, worker.exitValue(), "the worker was killed with SIGKILL");
        assertEquals(0, reindex.exitValue(), output("survivor"));
        assertTrue(doneByWorker >= 3, "the worker had done ranges when it was killed: " + doneByWorker);
        assertTrue(recordedWhenKilled < 64, "the worker was killed in the middle of the replay ("
                + recordedWhenKilled + " of 64 ranges done)");
        ClusterSlices.Sharing sharing = ClusterSlices.Sharing.of(runs, runName, started);
        assertEquals(64, sharing.rangesRecorded(), "every range done: " + sharing);
        assertEquals(2, sharing.rangesByNode().size(), sharing.toString());
        String rebuilt = kg.aliasTarget();
        assertTrue(!rebuilt.equals(before), "the alias moved to the new index");
        String singleNodeIndex = "cluster_it_resources_v1"; // the migration's own replay, in one JVM
        assertEquals(documents(singleNodeIndex), documents(rebuilt),
                "the end state equals the single-node run's: " + sharing);
        System.out.println("two nodes, one killed by SIGKILL after " + recordedWhenKilled + " of 64 ranges: "
                + sharing);
        assertClean(kg.verify());
    }

    private static void assertClean(List<ViewVerification.Finding> findings) {
        assertEquals(1, findings.size(), findings.toString());
        assertTrue(findings.get(0).clean(), "what serves equals the journal: " + findings.get(0));
    }

    /** {@code recast ARGS} as a node of the test's cluster, in a JVM of its own. */
    private static Process node(String name, int port, int[] ports, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"), RecastCli.class.getName(),
                "--config", kg.config().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        builder.environment().put("RECAST_CLUSTER", "true");
        builder.environment().put("RECAST_CLUSTER_PORT", String.valueOf(port));
        builder.environment().put("RECAST_CLUSTER_SEED_NODES", "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1]);
        builder.environment().put("RECAST_CLUSTER_MIN_NODES", "2");
        builder.environment().put("RECAST_CLUSTER_DOWN_AFTER", "3s");
        return builder.start();
    }

    private static String output(String name) throws IOException {
        Path log = dir.resolve(name + ".log");
        return Files.exists(log) ? Files.readString(log) : "(no output)";
    }

    private static ClusterSlices.Sharing sharingOfLatestJob(Instant since) {
        String job = kg.latestJob().orElseThrow().id();
        return ClusterSlices.Sharing.of(new SharedRangeRuns(kg.session(), "cluster_it"),
                ViewReplayProjection.PROJECTION_NAME_PREFIX + job, since);
    }

    /** The shared run of the job that the reindex starts (the latest job, once it is not the one before). */
    private static String awaitRunOfNewJob(String servingBefore, Process reindex) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline && reindex.isAlive()) {
            var job = kg.latestJob();
            if (job.isPresent() && !job.get().state().finished()) {
                String name = ViewReplayProjection.PROJECTION_NAME_PREFIX + job.get().id();
                if (new SharedRangeRuns(kg.session(), "cluster_it").find(name).isPresent()) {
                    return name;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No shared run was announced (serving " + servingBefore + "): "
                + output("survivor"));
    }

    /** Every document of an index: id -> version and source. */
    private static Map<String, String> documents(String index) throws IOException {
        elasticsearch.performRequest(new Request("POST", "/" + index + "/_refresh"));
        Request search = new Request("GET", "/" + index + "/_search");
        search.setJsonEntity("{\"size\": 10000, \"version\": true, \"sort\": [\"_doc\"]}");
        JsonNode hits = JSON.readTree(elasticsearch.performRequest(search).getEntity().getContent())
                .path("hits").path("hits");
        Map<String, String> documents = new TreeMap<>();
        hits.forEach(hit -> documents.put(hit.path("_id").asText(), hit.path("_version").asLong() + " "
                + hit.path("_source")));
        assertTrue(documents.size() > 100, index + " holds documents: " + documents.size());
        return documents;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
