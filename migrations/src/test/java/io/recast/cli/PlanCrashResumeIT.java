package io.recast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recast.adapters.cassandra.CassandraMigrationHistory;
import io.recast.adapters.cassandra.CassandraSessions;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.adapters.cassandra.JournalRow;
import io.recast.engine.plan.StepRecord;
import io.recast.kg.KgActorSystem;
import io.recast.kg.seed.DirectJournalWriter;
import io.recast.kg.seed.SeedPlan;
import io.recast.servers.LocalBlazegraph;
import io.recast.servers.LocalCassandra;
import io.recast.servers.LocalElasticsearch;
import io.recast.servers.junit.RealServers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.http.HttpHost;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole migration plan killed with SIGKILL in a separate JVM while a step runs, then started again: it resumes
 * (after the dead runner's lease, with no manual unlock) and ends in the same state as an uninterrupted run: the same
 * {@code messages}, the same tag views, the same documents in the index that serves.
 */
@RealServers
class PlanCrashResumeIT {

    private static final SeedPlan SEED = SeedPlan.generate(1_500, 200, 31);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static CqlSession session;
    private static ActorSystem<SpawnProtocol.Command> system;
    private static RestClient elasticsearch;
    private static int cassandraPort;
    private static String elasticsearchUrl;
    private static String blazegraphUrl;
    private static Map<String, Object> reference;

    @BeforeAll
    static void migrateAReference(LocalCassandra cassandra, LocalElasticsearch es, LocalBlazegraph bg)
            throws Exception {
        cassandraPort = cassandra.nativePort();
        elasticsearchUrl = es.url();
        blazegraphUrl = bg.url();
        session = CassandraSessions.open(settings("system"));
        system = KgActorSystem.start("crash-it", KgActorSystem.config(settings("system"),
                KgActorSystem.firstTimeBucketYesterday()));
        elasticsearch = RestClient.builder(HttpHost.create(es.url())).build();
        Path config = journal("crash_ref");
        int[] exit = new int[1];
        String output = StandardOutput.capture(() -> exit[0] = RecastCli.commandLine().execute("--config",
                config.toString(), "migrate", "--from", "1.0", "--to", "1.1"));
        assertEquals(0, exit[0], output);
        reference = state("crash_ref");
    }

    @AfterAll
    static void stop() throws Exception {
        if (system != null) {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        if (session != null) {
            session.close();
        }
        if (elasticsearch != null) {
            elasticsearch.close();
        }
    }

    @ParameterizedTest(name = "killed during \"{0}\"")
    @ValueSource(strings = {"rewrite journal", "rebuild tag views", "replay projections"})
    void aRunKilledDuringAStepResumesAndEndsInTheStateOfAnUninterruptedRun(String step) throws Exception {
        String keyspace = "crash_" + step.substring(0, step.indexOf(' ')).replace("rewrite", "rw");
        Path config = journal(keyspace);
        Process runner = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-cp", System.getProperty("java.class.path"), RecastCli.class.getName(),
                "--config", config.toString(), "migrate", "--from", "1.0", "--to", "1.1", "--yes")
                .redirectErrorStream(true).redirectOutput(dir.resolve(keyspace + ".log").toFile()).start();
        CassandraMigrationHistory history = new CassandraMigrationHistory(session, keyspace);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (runner.isAlive() && System.nanoTime() < deadline && history.steps("1.0", "1.1").stream()
                .noneMatch(r -> r.step().equals(step) && r.outcome() == StepRecord.Outcome.RUNNING)) {
            Thread.sleep(20);
        }
        assertTrue(runner.isAlive(), "the runner was still running the step \"" + step + "\" when killed: "
                + Files.readString(dir.resolve(keyspace + ".log")));
        runner.destroyForcibly();
        assertTrue(runner.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, runner.exitValue(), "killed with SIGKILL");

        int[] exit = new int[1];
        String output = StandardOutput.capture(() -> exit[0] = RecastCli.commandLine().execute("--config",
                config.toString(), "migrate", "--from", "1.0", "--to", "1.1"));

        assertEquals(0, exit[0], output);
        assertTrue(output.contains("MIGRATED"), output);
        assertEquals(reference, state(keyspace), "the same state as an uninterrupted run");
    }

    private static CassandraSettings settings(String keyspace) {
        return CassandraSettings.local("127.0.0.1", cassandraPort, LocalCassandra.DATACENTER, keyspace);
    }

    /** A fresh keyspace with the seeded legacy journal and a config whose lock lease is short. */
    private static Path journal(String keyspace) throws Exception {
        session.execute("DROP KEYSPACE IF EXISTS " + keyspace);
        session.execute("DROP KEYSPACE IF EXISTS " + keyspace + "_snapshot");
        elasticsearch.performRequest(new Request("DELETE", "/" + keyspace + "_resources_v*"));
        for (int v = 1; v <= 3; v++) {
            new io.recast.adapters.rdf.BlazegraphNamespaces(java.net.URI.create(blazegraphUrl)).drop(keyspace + "_v" + v);
        }
        new DirectJournalWriter(session, keyspace, system.classicSystem(), 64).write(SEED, n -> { });
        Path config = dir.resolve(keyspace + ".conf");
        Files.writeString(config, "recast.cassandra.contact-points = \"127.0.0.1:" + cassandraPort + "\"\n"
                + "recast.cassandra.keyspace = " + keyspace + "\n"
                + "recast.preflight.at-rest-seconds = 1\n"
                + "recast.elasticsearch.url = \"" + elasticsearchUrl + "\"\n"
                + "recast.sparql.url = \"" + blazegraphUrl + "\"\n"
                + "recast.lock.lease = 4s\n"
                + "recast.lock.wait = 60s\n");
        return config;
    }

    /** What the keyspace holds (messages, tag views) and the documents of its index, by id and revision. */
    private static Map<String, Object> state(String keyspace) throws Exception {
        Map<String, Object> state = new TreeMap<>();
        for (Row row : session.execute(SimpleStatement.newInstance("SELECT " + JournalRow.COLUMNS + " FROM "
                + keyspace + ".messages").setPageSize(2000))) {
            JournalRow r = JournalRow.from(row);
            state.put(r.persistenceId() + "#" + r.sequenceNr(), r.serManifest() + " "
                    + new String(r.event(), StandardCharsets.UTF_8) + " " + new TreeSet<>(r.tags()));
        }
        for (Row row : session.execute("SELECT tag_name, persistence_id, tag_pid_sequence_nr, sequence_nr FROM "
                + keyspace + ".tag_views")) {
            state.put("tag " + row.getString(0) + " " + row.getString(1) + " "
                    + row.getLong(2), row.getLong(3));
        }
        String alias = keyspace + "_resources";
        elasticsearch.performRequest(new Request("POST", "/" + alias + "/_refresh"));
        Request search = new Request("GET", "/" + alias + "/_search");
        search.setJsonEntity("{\"size\": 10000, \"version\": true, \"_source\": false}");
        JsonNode hits = JSON.readTree(elasticsearch.performRequest(search).getEntity().getContent())
                .path("hits").path("hits");
        List<String> documents = new ArrayList<>();
        hits.forEach(hit -> documents.add(hit.path("_id").asText() + "@" + hit.path("_version").asLong()));
        documents.sort(null);
        state.put("documents", documents);
        return state;
    }
}
