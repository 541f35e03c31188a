package io.recast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recast.adapters.cassandra.CassandraSessions;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.adapters.cassandra.CassandraViewVersions;
import io.recast.adapters.rdf.BlazegraphNamespaces;
import io.recast.adapters.rdf.CanonicalLiterals;
import io.recast.adapters.rdf.JsonLdGraphs;
import io.recast.adapters.rdf.SparqlGraphReader;
import io.recast.config.RecastConfig;
import io.recast.engine.view.ResourceGraph;
import io.recast.engine.view.ViewVersion;
import io.recast.kg.KgActorSystem;
import io.recast.kg.Vocabulary;
import io.recast.kg.migration.KnowledgeGraphUpcasters;
import io.recast.kg.seed.DirectJournalWriter;
import io.recast.kg.seed.EntityScript;
import io.recast.kg.seed.SeedPlan;
import io.recast.kg.v1_1.EntityState;
import io.recast.kg.v1_1.KgEntity;
import io.recast.kg.views.KgEntityViewProjector;
import io.recast.projections.views.ViewRebuild;
import io.recast.servers.LocalBlazegraph;
import io.recast.servers.LocalCassandra;
import io.recast.servers.LocalElasticsearch;
import io.recast.servers.junit.RealServers;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.http.HttpHost;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.eclipse.rdf4j.model.Model;
import org.eclipse.rdf4j.model.impl.LinkedHashModel;
import org.eclipse.rdf4j.model.util.Models;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read models after the v1.0 -> v1.1 migration, on the real Cassandra, Elasticsearch and Blazegraph: every
 * entity that the v1.1 service recovers has one document holding its state and one named graph holding its source's
 * triples and its metadata; the alias and the namespace switch to the migration's versions; and rebuilds during which
 * Elasticsearch or Blazegraph stop and come back end with nothing missing and nothing duplicated.
 */
@RealServers
class ReadModelsIT {

    private static final String KEYSPACE = "views_it";
    private static final SeedPlan SEED = SeedPlan.generate(2_400, 400, 23);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private static CqlSession session;
    private static ActorSystem<SpawnProtocol.Command> system;
    private static RestClient elasticsearch;
    private static Path config;
    private static URI blazegraph;
    private static final Map<String, EntityState> expected = new TreeMap<>();

    @BeforeAll
    static void migrate(LocalCassandra cassandra, LocalElasticsearch es, LocalBlazegraph bg) throws Exception {
        CassandraSettings settings = CassandraSettings.local("127.0.0.1", cassandra.nativePort(),
                LocalCassandra.DATACENTER, KEYSPACE);
        session = CassandraSessions.open(settings);
        session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
        session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE + "_snapshot");
        system = KgActorSystem.start("views-it", KgActorSystem.config(settings,
                KgActorSystem.firstTimeBucketYesterday()));
        new DirectJournalWriter(session, KEYSPACE, system.classicSystem(), 64).write(SEED, n -> { });
        blazegraph = URI.create(bg.url());
        for (String namespace : List.of(KEYSPACE + "_v1", KEYSPACE + "_v2", KEYSPACE + "_v3")) {
            new BlazegraphNamespaces(blazegraph).drop(namespace);
        }
        elasticsearch = RestClient.builder(HttpHost.create(es.url())).build();
        elasticsearch.performRequest(new Request("DELETE", "/" + KEYSPACE + "_resources_v*"));
        config = dir.resolve("views.conf");
        Files.writeString(config, "recast.cassandra.contact-points = \"127.0.0.1:" + cassandra.nativePort() + "\"\n"
                + "recast.cassandra.keyspace = " + KEYSPACE + "\n"
                + "recast.preflight.at-rest-seconds = 1\n"
                + "recast.elasticsearch.url = \"" + es.url() + "\"\n"
                + "recast.sparql.url = \"" + bg.url() + "\"\n"
                + "recast.views.batch-size = 20\n"
                + "recast.views.slices = 2\n");

        String migrated = migrate();
        assertTrue(migrated.contains("replay projections"), migrated);

        for (EntityScript script : SEED.entities()) {
            if (KgEntityViewProjector.KINDS.contains(script.kind())) {
                EntityState state = recover(script);
                if (state.exists()) {
                    expected.put(state.id(), state);
                }
            }
        }
    }

    @AfterAll
    static void close() throws Exception {
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

    @Test
    void elasticsearchHoldsOneDocumentPerEntityWithTheStateThatTheServiceRecovers() throws Exception {
        Map<String, JsonNode> documents = documents(KEYSPACE + "_resources");

        assertEquals(expected.keySet(), documents.keySet());
        long deprecated = 0;
        for (EntityState state : expected.values()) {
            JsonNode document = documents.get(state.id());
            assertEquals(state.rev(), document.path("_rev").asLong(), state.id());
            assertEquals(state.deprecated(), document.path("_deprecated").asBoolean(), state.id());
            assertEquals(state.project(), document.path("_project").asText(), state.id());
            assertEquals(state.organization(), document.path("_organization").asText(), state.id());
            assertEquals(state.kind(), document.path("_kind").asText(), state.id());
            if ("resources".equals(state.kind())) {
                assertEquals(state.types(), JSON.convertValue(document.path("@type"), List.class), state.id());
                assertEquals(state.source().path("http://schema.org/name"),
                        document.path("http://schema.org/name"), state.id());
            }
            deprecated += state.deprecated() ? 1 : 0;
        }
        assertTrue(deprecated > 0, "the seed deprecates some resources");
    }

    @Test
    void blazegraphHoldsOneGraphPerEntityWithItsSourceTriplesAndItsMetadata() {
        try (SparqlGraphReader reader = new SparqlGraphReader(new BlazegraphNamespaces(blazegraph)
                .sparqlEndpoint(KEYSPACE + "_v1"))) {
            assertEquals(expected.keySet(), new java.util.TreeSet<>(reader.graphs()));
            JsonLdGraphs jsonLd = new JsonLdGraphs();
            for (EntityState state : expected.values()) {
                Model stored = reader.graph(state.id());
                Model source = new LinkedHashModel();
                Model metadata = new LinkedHashModel();
                stored.forEach(st -> (st.getPredicate().stringValue().startsWith(Vocabulary.NXV)
                        || !"resources".equals(state.kind()) && st.getSubject().stringValue().equals(state.id())
                        ? metadata : source).add(st));
                if ("resources".equals(state.kind())) {
                    Model expansion = jsonLd.toRdf(new ResourceGraph(state.id(), state.rev(),
                            List.of(state.source()))).statements();
                    assertTrue(Models.isomorphic(CanonicalLiterals.of(expansion), CanonicalLiterals.of(source)),
                            () -> state.id() + ": expected the expansion of its source " + expansion + " but got "
                                    + source);
                }
                assertEquals(String.valueOf(state.deprecated()), literal(metadata, "deprecated"), state.id());
                assertEquals(String.valueOf(state.rev()), literal(metadata, "rev"), state.id());
            }
        }
    }

    @Test
    void theAliasAndTheNamespaceServeTheVersionsThatTheMigrationBuiltAndASecondRunChangesNothing() throws Exception {
        CassandraViewVersions versions = new CassandraViewVersions(session, KEYSPACE);
        ViewVersion index = versions.active("elasticsearch:" + KEYSPACE + "_resources").orElseThrow();
        ViewVersion namespace = versions.active("rdf:" + KEYSPACE).orElseThrow();
        assertEquals(1, index.version());
        assertEquals(KEYSPACE + "_v1", namespace.target());
        assertEquals(KEYSPACE + "_resources_v1", aliasTarget(KEYSPACE + "_resources"));

        migrate();

        assertEquals(KEYSPACE + "_resources_v1", aliasTarget(KEYSPACE + "_resources"));
        assertEquals(1, versions.versions("elasticsearch:" + KEYSPACE + "_resources").size());
    }

    @Test
    void aRebuildDuringWhichElasticsearchStopsAndComesBackEndsWithEveryDocumentOnce(LocalElasticsearch es)
            throws Exception {
        String index = KEYSPACE + "_resources_v" + nextVersion("elasticsearch:" + KEYSPACE + "_resources");
        rebuildThrough("es-outage", es::stop, es::start, () -> count(index) > 0);

        assertEquals(index, aliasTarget(KEYSPACE + "_resources"));
        Map<String, JsonNode> documents = documents(KEYSPACE + "_resources");
        assertEquals(expected.keySet(), documents.keySet());
        expected.values().forEach(state -> assertEquals(state.rev(),
                documents.get(state.id()).path("_rev").asLong(), state.id()));
    }

    @Test
    void aRebuildDuringWhichBlazegraphStopsAndComesBackEndsWithEveryGraphOnce(LocalBlazegraph bg) throws Exception {
        String namespace = KEYSPACE + "_v" + nextVersion("rdf:" + KEYSPACE);
        rebuildThrough("bg-outage", bg::stop, bg::start, () -> graphs(namespace) > 0);

        try (SparqlGraphReader rebuilt = new SparqlGraphReader(new BlazegraphNamespaces(blazegraph)
                .sparqlEndpoint(namespace));
             SparqlGraphReader first = new SparqlGraphReader(new BlazegraphNamespaces(blazegraph)
                     .sparqlEndpoint(KEYSPACE + "_v1"))) {
            assertEquals(expected.keySet(), new java.util.TreeSet<>(rebuilt.graphs()));
            assertEquals(first.statementCount(), rebuilt.statementCount(), "no statement missing or twice");
        }
    }

    @Test
    void aDryRunWithReadModelsConfiguredCreatesNoIndexNoNamespaceAndNoRecord() throws Exception {
        String keyspace = "views_dry";
        Path dry = seeded(keyspace, "");
        Map<String, String> before = journal(keyspace);

        int[] exit = new int[1];
        String output = StandardOutput.capture(() -> exit[0] = RecastCli.commandLine().execute("--config",
                dry.toString(), "migrate", "--from", "1.0", "--to", "1.1", "--dry-run"));

        assertEquals(0, exit[0], output);
        assertTrue(output.contains("would replay the journal into new versions"), output);
        assertEquals(before, journal(keyspace), "the journal is unchanged");
        var indexes = JSON.readTree(elasticsearch.performRequest(new Request("GET", "/" + keyspace
                + "_resources_v*")).getEntity().getContent());
        assertEquals(0, indexes.size(), "no index was created: " + indexes);
        assertTrue(!new BlazegraphNamespaces(blazegraph).exists(keyspace + "_v1"), "no namespace was created");
        assertTrue(session.getMetadata().getKeyspace(keyspace).flatMap(ks -> ks.getTable(
                CassandraViewVersions.TABLE)).isEmpty(), "no version was recorded");
    }

    @Test
    void aMigrationIsRefusedBeforeAnyChangeWhenElasticsearchIsUnreachable() throws Exception {
        String keyspace = "views_refused";
        Path refused = seeded(keyspace, "recast.elasticsearch.url = \"http://127.0.0.1:9\"\n");
        Map<String, String> before = journal(keyspace);

        int[] exit = new int[1];
        String output = StandardOutput.capture(() -> exit[0] = RecastCli.commandLine().execute("--config",
                refused.toString(), "migrate", "--from", "1.0", "--to", "1.1"));

        assertEquals(MigrateCommand.REFUSED, exit[0], output);
        assertTrue(output.contains("Elasticsearch") && output.contains("unreachable"), output);
        assertTrue(output.contains("recast.elasticsearch.url"), "it says what to fix: " + output);
        assertEquals(before, journal(keyspace), "the journal is unchanged");
    }

    /** A fresh keyspace with the seeded journal, and a config for it (the test servers, plus {@code extra}). */
    private static Path seeded(String keyspace, String extra) throws Exception {
        session.execute("DROP KEYSPACE IF EXISTS " + keyspace);
        session.execute("DROP KEYSPACE IF EXISTS " + keyspace + "_snapshot");
        new DirectJournalWriter(session, keyspace, system.classicSystem(), 64).write(SeedPlan.generate(300, 40, 3),
                n -> { });
        Path file = dir.resolve(keyspace + ".conf");
        Files.writeString(file, Files.readString(config).replace("recast.cassandra.keyspace = " + KEYSPACE,
                "recast.cassandra.keyspace = " + keyspace) + extra);
        return file;
    }

    /** Every event of the keyspace: what it says, by persistence id and sequence number. */
    private static Map<String, String> journal(String keyspace) {
        Map<String, String> events = new TreeMap<>();
        session.execute("SELECT persistence_id, sequence_nr, ser_manifest, event FROM " + keyspace + ".messages")
                .forEach(row -> events.put(row.getString(0) + "#" + row.getLong(1), row.getString(2) + " "
                        + java.nio.charset.StandardCharsets.UTF_8.decode(row.getByteBuffer(3))));
        return events;
    }

    /** Runs {@code recast migrate --from 1.0 --to 1.1}; it must exit 0. */
    private static String migrate() {
        int[] exit = new int[1];
        String output = StandardOutput.capture(() -> exit[0] = RecastCli.commandLine().execute("--config",
                config.toString(), "migrate", "--from", "1.0", "--to", "1.1"));
        assertEquals(0, exit[0], output);
        return output;
    }

    /** Runs a rebuild with a new run id, stops a server once it has written something, starts it 3 s later. */
    private static void rebuildThrough(String runId, Runnable stop, Runnable start, BooleanSupplier started)
            throws Exception {
        RecastConfig recast = RecastConfig.load(Optional.of(config));
        try (ReadModels models = ReadModels.open(recast, new Endpoints(recast, System.out), KEYSPACE)) {
            ViewRebuild rebuild = models.rebuild(session, KEYSPACE, new KnowledgeGraphUpcasters().manifests());
            CompletableFuture<ViewRebuild.Result> running = CompletableFuture.supplyAsync(
                    () -> rebuild.run(system, runId));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!started.getAsBoolean() && !running.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            boolean stoppedMidway = !running.isDone();
            stop.run();
            Thread.sleep(3_000);
            start.run();
            ViewRebuild.Result result = running.get(5, TimeUnit.MINUTES);
            assertTrue(stoppedMidway, "the server was stopped while the rebuild ran");
            assertEquals(expected.size(), result.replay().counts().entities() - nonViewEntities(),
                    "every entity was projected");
        }
    }

    private static int nextVersion(String view) {
        return new CassandraViewVersions(session, KEYSPACE).versions(view).size() + 1;
    }

    private static long nonViewEntities() {
        return SEED.entities().stream().filter(s -> !KgEntityViewProjector.KINDS.contains(s.kind())).count();
    }

    private static long count(String index) {
        try {
            elasticsearch.performRequest(new Request("POST", "/" + index + "/_refresh"));
            var response = elasticsearch.performRequest(new Request("GET", "/" + index + "/_count"));
            return JSON.readTree(response.getEntity().getContent()).path("count").asLong();
        } catch (Exception e) {
            return 0;
        }
    }

    private static long graphs(String namespace) {
        try (SparqlGraphReader reader = new SparqlGraphReader(new BlazegraphNamespaces(blazegraph)
                .sparqlEndpoint(namespace))) {
            return reader.graphCount();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static String aliasTarget(String alias) throws Exception {
        var response = elasticsearch.performRequest(new Request("GET", "/_alias/" + alias));
        return JSON.readTree(response.getEntity().getContent()).fieldNames().next();
    }

    private static Map<String, JsonNode> documents(String alias) throws Exception {
        elasticsearch.performRequest(new Request("POST", "/" + alias + "/_refresh"));
        Request search = new Request("GET", "/" + alias + "/_search");
        search.setJsonEntity("{\"size\": 10000, \"query\": {\"match_all\": {}}}");
        JsonNode hits = JSON.readTree(elasticsearch.performRequest(search).getEntity().getContent())
                .path("hits").path("hits");
        Map<String, JsonNode> documents = new TreeMap<>();
        for (JsonNode hit : hits) {
            JsonNode previous = documents.put(hit.path("_id").asText(), hit.path("_source"));
            assertEquals(null, previous, "one document per id");
        }
        return documents;
    }

    private static String literal(Model metadata, String name) {
        return metadata.stream().filter(st -> st.getPredicate().stringValue().equals(Vocabulary.NXV + name))
                .map(st -> st.getObject().stringValue()).findFirst().orElse("<missing>");
    }

    private static EntityState recover(EntityScript script) throws Exception {
        ActorRef<KgEntity.Protocol> entity = AskPattern.<SpawnProtocol.Command, ActorRef<KgEntity.Protocol>>ask(
                system, replyTo -> new SpawnProtocol.Spawn<>(KgEntity.create(script.kind(), script.entityId(),
                        uuid -> Optional.empty()), "recover-" + script.persistenceId(), Props.empty(), replyTo),
                TIMEOUT, system.scheduler()).toCompletableFuture().get(30, TimeUnit.SECONDS);
        try {
            return AskPattern.<KgEntity.Protocol, EntityState>ask(entity, KgEntity.GetState::new, TIMEOUT,
                    system.scheduler()).toCompletableFuture().get(30, TimeUnit.SECONDS);
        } finally {
            entity.tell(new KgEntity.Passivate());
        }
    }
}
