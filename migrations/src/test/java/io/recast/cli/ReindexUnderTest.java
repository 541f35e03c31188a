package io.recast.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.adapters.cassandra.CassandraReindexJobs;
import io.recast.adapters.cassandra.CassandraSessions;
import io.recast.adapters.cassandra.CassandraSettings;
import io.recast.adapters.cassandra.CassandraViewVersions;
import io.recast.config.RecastConfig;
import io.recast.engine.jobs.ReindexJob;
import io.recast.kg.KgActorSystem;
import io.recast.kg.KgCommand;
import io.recast.kg.ProjectDirectory;
import io.recast.kg.migration.KnowledgeGraphUpcasters;
import io.recast.kg.seed.DirectJournalWriter;
import io.recast.kg.seed.SeedPlan;
import io.recast.kg.v1_1.KgEntity;
import io.recast.projections.views.LiveViewProjection;
import io.recast.projections.views.ViewVerification;
import io.recast.adapters.rdf.BlazegraphNamespaces;
import io.recast.adapters.rdf.SparqlGraphReader;
import io.recast.servers.LocalBlazegraph;
import io.recast.servers.LocalCassandra;
import io.recast.servers.LocalElasticsearch;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.http.HttpHost;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SpawnProtocol;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;

/**
 * A journal migrated to 1.1 with its Elasticsearch read model serving, on the local servers, as the reindex tests
 * drive it: the service's live projections as {@code recast run} starts them, a writer that keeps adding events
 * through the v1.1 service's entities, queries through the alias, the {@code recast} command in this JVM or in
 * another one (to be killed), and the check of what serves against the journal.
 */
final class ReindexUnderTest implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ASK = Duration.ofSeconds(30);

    private final String keyspace;
    private final Path dir;
    private final Path config;
    private final CqlSession session;
    private final ActorSystem<SpawnProtocol.Command> system;
    private final RestClient elasticsearch;
    private final Optional<BlazegraphNamespaces> blazegraph;

    ReindexUnderTest(String keyspace, SeedPlan seed, Path dir, LocalCassandra cassandra, LocalElasticsearch es)
            throws IOException {
        this(keyspace, seed, dir, cassandra, es, Optional.empty());
    }

    /** With {@code blazegraph}, the read model is the RDF store in Blazegraph instead of the Elasticsearch index. */
    ReindexUnderTest(String keyspace, SeedPlan seed, Path dir, LocalCassandra cassandra, LocalElasticsearch es,
                     Optional<LocalBlazegraph> blazegraph) throws IOException {
        this.keyspace = keyspace;
        this.blazegraph = blazegraph.map(bg -> new BlazegraphNamespaces(URI.create(bg.url())));
        this.dir = dir;
        CassandraSettings settings = CassandraSettings.local("127.0.0.1", cassandra.nativePort(),
                LocalCassandra.DATACENTER, keyspace);
        this.session = CassandraSessions.open(settings);
        session.execute("DROP KEYSPACE IF EXISTS " + keyspace);
        session.execute("DROP KEYSPACE IF EXISTS " + keyspace + "_snapshot");
        this.system = KgActorSystem.start("reindex-it", KgActorSystem.config(settings,
                KgActorSystem.firstTimeBucketYesterday()));
        this.elasticsearch = RestClient.builder(HttpHost.create(es.url())).build();
        elasticsearch.performRequest(new Request("DELETE", "/" + alias() + "_v*"));
        for (int v = 1; v <= 3 && this.blazegraph.isPresent(); v++) {
            this.blazegraph.get().drop(keyspace + "_v" + v);
        }
        new DirectJournalWriter(session, keyspace, system.classicSystem(), 64).write(seed, n -> { });
        this.config = dir.resolve(keyspace + ".conf");
        Files.writeString(config, "recast.cassandra.contact-points = \"127.0.0.1:" + cassandra.nativePort() + "\"\n"
                + "recast.cassandra.keyspace = " + keyspace + "\n"
                + "recast.preflight.at-rest-seconds = 1\n"
                + "recast.elasticsearch.url = \"" + es.url() + "\"\n"
                + (blazegraph.isPresent() ? "recast.views.enabled = rdf\nrecast.sparql.url = \""
                + blazegraph.get().url() + "\"\n" : "recast.views.enabled = elasticsearch\n")
                + "recast.views.batch-size = 50\n"
                + "recast.views.slices = 2\n");
        MigrationUnderTest.Result migrated = MigrationUnderTest.recast("--config", config.toString(), "migrate",
                "--from", "1.0", "--to", "1.1", "--yes");
        assertEquals(0, migrated.exit(), migrated.output());
    }

    Path config() {
        return config;
    }

    String alias() {
        return keyspace + "_resources";
    }

    String view() {
        return blazegraph.isPresent() ? "rdf:" + keyspace : "elasticsearch:" + alias();
    }

    /** The graph names of a Blazegraph namespace. */
    java.util.Set<String> graphs(String namespace) {
        try (SparqlGraphReader reader = new SparqlGraphReader(blazegraph.orElseThrow().sparqlEndpoint(namespace))) {
            return new java.util.TreeSet<>(reader.graphs());
        }
    }

    CqlSession session() {
        return session;
    }

    CassandraReindexJobs jobs() {
        return new CassandraReindexJobs(session, keyspace);
    }

    CassandraViewVersions versions() {
        return new CassandraViewVersions(session, keyspace);
    }

    /** The only job of the read model, once a reindex recorded it, or empty. */
    Optional<ReindexJob> latestJob() {
        return jobs().list().stream().filter(job -> job.view().equals(view())).findFirst();
    }

    /** Runs {@code recast --config <config> ARGS} in this JVM. */
    MigrationUnderTest.Result recast(String... args) {
        List<String> all = new ArrayList<>(List.of("--config", config.toString()));
        all.addAll(List.of(args));
        return MigrationUnderTest.recast(all.toArray(String[]::new));
    }

    /** {@code recast ARGS} in another JVM, its output in {@code <keyspace>.log}. */
    Process recastInAnotherJvm(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-cp", System.getProperty("java.class.path"), RecastCli.class.getName(),
                "--config", config.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log().toFile()).start();
    }

    Path log() {
        return dir.resolve(keyspace + ".log");
    }

    /** The index the alias points to. */
    String aliasTarget() throws IOException {
        Response response = elasticsearch.performRequest(new Request("GET", "/_alias/" + alias()));
        return JSON.readTree(response.getEntity().getContent()).fieldNames().next();
    }

    boolean indexExists(String index) throws IOException {
        Request head = new Request("HEAD", "/" + index);
        return elasticsearch.performRequest(head).getStatusLine().getStatusCode() == 200;
    }

    /** The ids of an index's documents. */
    java.util.Set<String> ids(String index) throws IOException {
        elasticsearch.performRequest(new Request("POST", "/" + index + "/_refresh"));
        Request search = new Request("GET", "/" + index + "/_search");
        search.setJsonEntity("{\"size\": 10000, \"_source\": false}");
        java.util.Set<String> ids = new java.util.TreeSet<>();
        JSON.readTree(elasticsearch.performRequest(search).getEntity().getContent()).path("hits").path("hits")
                .forEach(hit -> ids.add(hit.path("_id").asText()));
        return ids;
    }

    /** The check of what serves against the journal, as {@code recast verify} does it. */
    List<ViewVerification.Finding> verify() {
        RecastConfig recast = RecastConfig.load(Optional.of(config));
        try (ReadModels models = ReadModels.open(recast, new Endpoints(recast, System.out), keyspace)) {
            return models.verification(session, keyspace, new KnowledgeGraphUpcasters().manifests()).verify();
        }
    }

    /** The service's live projections, as {@code recast run} starts them. */
    Service service() {
        RecastConfig recast = RecastConfig.load(Optional.of(config));
        ReadModels models = ReadModels.open(recast, new Endpoints(recast, System.out), keyspace);
        List<LiveViewProjection> live = models.live(session, keyspace, new KnowledgeGraphUpcasters().manifests());
        live.forEach(projection -> projection.start(system));
        return new Service(models, live);
    }

    /** The service's live projections that run. */
    final class Service implements AutoCloseable {
        private final ReadModels models;
        private final List<LiveViewProjection> live;

        private Service(ReadModels models, List<LiveViewProjection> live) {
            this.models = models;
            this.live = live;
        }

        int projections() {
            return live.size();
        }

        /** Waits until every projection has handled what {@code eventsByTag} holds. */
        void awaitCaughtUp(Duration timeout) {
            live.forEach(projection -> projection.awaitCaughtUp(system, timeout));
        }

        @Override
        public void close() {
            live.forEach(LiveViewProjection::stop);
            models.close();
        }
    }

    /** A writer that keeps creating and updating resources through the v1.1 service's entities. */
    Writer writer(Duration pause) {
        return new Writer(pause);
    }

    final class Writer implements AutoCloseable {
        private final String project = UUID.randomUUID().toString();
        private final String organization = UUID.randomUUID().toString();
        private final ProjectDirectory projects = uuid -> Optional.of(new ProjectDirectory.ProjectInfo(organization,
                "https://kg.example.org/reindex/", "https://kg.example.org/reindex/vocab/", "/data"));
        private final Duration pause;
        private final Map<String, ActorRef<KgEntity.Protocol>> entities = new ConcurrentHashMap<>();
        private final Map<String, Long> revisions = new ConcurrentHashMap<>();
        private final Map<String, Long> createdAt = new ConcurrentHashMap<>();
        private final AtomicLong events = new AtomicLong();
        private volatile boolean stopped;
        private volatile Throwable failure;
        private final Thread thread;

        private Writer(Duration pause) {
            this.pause = pause;
            this.thread = new Thread(this::loop, "reindex-it-writer");
            thread.setDaemon(true);
            thread.start();
        }

        /** Events accepted so far. */
        long events() {
            return events.get();
        }

        /** The ids of the resources created after {@code eventsBefore} events had been written. */
        java.util.Set<String> createdAfter(long eventsBefore) {
            java.util.Set<String> ids = new java.util.TreeSet<>();
            createdAt.forEach((id, at) -> {
                if (at > eventsBefore) {
                    ids.add(id);
                }
            });
            return ids;
        }

        private void loop() {
            int n = 0;
            try {
                while (!stopped) {
                    if (n++ % 3 == 2 && !revisions.isEmpty()) {
                        update(new ArrayList<>(revisions.keySet()).get(n % revisions.size()));
                    } else {
                        create();
                    }
                    Thread.sleep(pause.toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception | Error e) {
                failure = e;
            }
        }

        private void create() throws Exception {
            String entity = UUID.randomUUID().toString();
            String id = "https://kg.example.org/reindex/resources/" + entity;
            ActorRef<KgEntity.Protocol> ref = AskPattern.<SpawnProtocol.Command, ActorRef<KgEntity.Protocol>>ask(
                    system, replyTo -> new SpawnProtocol.Spawn<>(KgEntity.create("resources", entity, projects),
                            "writer-" + entity, Props.empty(), replyTo), ASK, system.scheduler())
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
            long rev = execute(ref, new KgCommand.CreateResource(entity, id, project,
                    "https://bluebrain.github.io/nexus/schemas/unconstrained.json", List.of("http://schema.org/Dataset"),
                    source(id, "created"), null, java.time.Instant.now().toString(), "writer"));
            entities.put(entity, ref);
            revisions.put(entity, rev);
            createdAt.put(id, events.get());
        }

        private void update(String entity) throws Exception {
            String id = "https://kg.example.org/reindex/resources/" + entity;
            long rev = execute(entities.get(entity), new KgCommand.UpdateResource(entity, revisions.get(entity),
                    List.of("http://schema.org/Dataset"), source(id, "updated " + events.get()),
                    java.time.Instant.now().toString(), "writer"));
            revisions.put(entity, rev);
        }

        private long execute(ActorRef<KgEntity.Protocol> entity, KgCommand command) throws Exception {
            long rev = AskPattern.<KgEntity.Protocol, Long>askWithStatus(entity,
                    replyTo -> new KgEntity.Execute(command, replyTo), ASK, system.scheduler())
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
            events.incrementAndGet();
            return rev;
        }

        private JsonNode source(String id, String name) {
            ObjectNode source = JSON.createObjectNode();
            source.put("@id", id);
            source.putArray("@type").add("http://schema.org/Dataset");
            source.put("http://schema.org/name", name);
            return source;
        }

        /** Stops writing; fails when a write failed. */
        @Override
        public void close() throws Exception {
            stopped = true;
            thread.join(60_000);
            entities.values().forEach(ref -> ref.tell(new KgEntity.Passivate()));
            if (failure != null) {
                throw new AssertionError("the writer failed: " + failure, failure);
            }
        }
    }

    /** Queries through the alias, one after the other, counting those that fail. */
    Queries queries() {
        return new Queries();
    }

    final class Queries implements AutoCloseable {
        private final AtomicLong ran = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        private volatile boolean stopped;
        private final Thread thread;

        private Queries() {
            thread = new Thread(this::loop, "reindex-it-queries");
            thread.setDaemon(true);
            thread.start();
        }

        long ran() {
            return ran.get();
        }

        long failed() {
            return failed.get();
        }

        List<String> failures() {
            return List.copyOf(failures);
        }

        private void loop() {
            while (!stopped) {
                try {
                    Request search = new Request("GET", "/" + alias() + "/_search");
                    search.setJsonEntity("{\"size\": 5, \"query\": {\"match\": {\"_kind\": \"resources\"}}}");
                    JsonNode answer = JSON.readTree(elasticsearch.performRequest(search).getEntity().getContent());
                    if (answer.path("hits").path("total").path("value").asLong() < 1) {
                        throw new IllegalStateException("no resource found: " + answer);
                    }
                    ran.incrementAndGet();
                } catch (Exception e) {
                    failed.incrementAndGet();
                    ran.incrementAndGet();
                    if (failures.size() < 5) {
                        failures.add(e.toString());
                    }
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            stopped = true;
            thread.join(10_000);
        }
    }

    @Override
    public void close() throws Exception {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        session.close();
        elasticsearch.close();
    }
}
