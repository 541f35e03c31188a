package io.recast.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recast.adapters.cassandra.CassandraSessions;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.adapters.cassandra.JournalRow;
import io.recast.adapters.rdf.BlazegraphNamespaces;
import io.recast.kg.KgActorSystem;
import io.recast.kg.seed.DirectJournalWriter;
import io.recast.kg.seed.SeedPlan;
import io.recast.servers.LocalBlazegraph;
import io.recast.servers.LocalCassandra;
import io.recast.servers.LocalElasticsearch;
import java.io.IOException;
import java.net.URI;
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

/**
 * The whole migration, with its read models, on the local servers, as the crash tests drive it: a fresh keyspace
 * with a seeded legacy journal, the {@code recast} command in this JVM or in another one (to be killed), and the
 * state a run leaves (messages, tag views, the documents of the index that serves).
 */
final class MigrationUnderTest implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SeedPlan seed;
    private final Path dir;
    private final int cassandraPort;
    private final String elasticsearchUrl;
    private final String blazegraphUrl;
    private final CqlSession session;
    private final ActorSystem<SpawnProtocol.Command> system;
    private final RestClient elasticsearch;

    MigrationUnderTest(SeedPlan seed, Path dir, LocalCassandra cassandra, LocalElasticsearch es, LocalBlazegraph bg) {
        this.seed = seed;
        this.dir = dir;
        this.cassandraPort = cassandra.nativePort();
        this.elasticsearchUrl = es.url();
        this.blazegraphUrl = bg.url();
        this.session = CassandraSessions.open(settings("system"));
        this.system = KgActorSystem.start("crash-it", KgActorSystem.config(settings("system"),
                KgActorSystem.firstTimeBucketYesterday()));
        this.elasticsearch = RestClient.builder(HttpHost.create(es.url())).build();
    }

    CqlSession session() {
        return session;
    }

    private CassandraSettings settings(String keyspace) {
        return CassandraSettings.local("127.0.0.1", cassandraPort, LocalCassandra.DATACENTER, keyspace);
    }

    /** A fresh keyspace with the seeded legacy journal, no read model of that name, and a config with a short lease. */
    Path journal(String keyspace) throws IOException {
        session.execute("DROP KEYSPACE IF EXISTS " + keyspace);
        session.execute("DROP KEYSPACE IF EXISTS " + keyspace + "_snapshot");
        elasticsearch.performRequest(new Request("DELETE", "/" + keyspace + "_resources_v*"));
        BlazegraphNamespaces namespaces = new BlazegraphNamespaces(URI.create(blazegraphUrl));
        for (int v = 1; v <= 3; v++) {
            namespaces.drop(keyspace + "_v" + v);
        }
        new DirectJournalWriter(session, keyspace, system.classicSystem(), 64).write(seed, n -> { });
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

    /** {@code recast migrate --from 1.0 --to 1.1 --yes} in another JVM, its output in {@code <keyspace>.log}. */
    Process startMigrationInAnotherJvm(String keyspace, Path config) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-cp", System.getProperty("java.class.path"), RecastCli.class.getName(),
                "--config", config.toString(), "migrate", "--from", "1.0", "--to", "1.1", "--yes")
                .redirectErrorStream(true).redirectOutput(log(keyspace).toFile()).start();
    }

    Path log(String keyspace) {
        return dir.resolve(keyspace + ".log");
    }

    /** Runs {@code recast ARGS} in this JVM; the output holds what it printed on standard output and error. */
    static Result recast(String... args) {
        int[] exit = new int[1];
        String output = StandardOutput.captureWithErrors(() -> exit[0] = RecastCli.commandLine().execute(args));
        return new Result(exit[0], output);
    }

    record Result(int exit, String output) {
    }

    /** What the keyspace holds (messages, tag views) and the documents of its index, by id and revision. */
    Map<String, Object> state(String keyspace) throws IOException {
        Map<String, Object> state = journalState(session, keyspace);
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

    /** What the journal says (per id: sequence number, manifest, payload, tags) and the tag views' rows per tag. */
    static Map<String, Object> journalState(CqlSession session, String keyspace) {
        Map<String, Object> state = new TreeMap<>();
        for (Row row : session.execute(SimpleStatement.newInstance("SELECT " + JournalRow.COLUMNS + " FROM "
                + keyspace + ".messages").setPageSize(2000))) {
            JournalRow r = JournalRow.from(row);
            state.put(r.persistenceId() + "#" + r.sequenceNr(), r.serManifest() + " "
                    + new String(r.event(), StandardCharsets.UTF_8) + " " + new TreeSet<>(r.tags()));
        }
        for (Row row : session.execute("SELECT tag_name, persistence_id, tag_pid_sequence_nr, sequence_nr FROM "
                + keyspace + ".tag_views")) {
            state.put("tag " + row.getString(0) + " " + row.getString(1) + " " + row.getLong(2), row.getLong(3));
        }
        return state;
    }

    @Override
    public void close() throws Exception {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        session.close();
        elasticsearch.close();
    }
}
