package io.recast.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recast.adapters.cassandra.CassandraViewVersions;
import io.recast.adapters.cassandra.EntityJournal;
import io.recast.adapters.cassandra.ProjectionOffsets;
import io.recast.adapters.cassandra.TokenRangeScanner;
import io.recast.adapters.elasticsearch.ElasticsearchAccess;
import io.recast.adapters.elasticsearch.ElasticsearchClients;
import io.recast.adapters.elasticsearch.ElasticsearchIndexSink;
import io.recast.adapters.elasticsearch.VersionedIndexes;
import io.recast.adapters.rdf.BlazegraphNamespaces;
import io.recast.config.RecastConfig;
import io.recast.engine.event.CachingManifestCodec;
import io.recast.engine.event.ManifestCodec;
import io.recast.engine.view.RetryPolicy;
import io.recast.engine.view.ViewVersion;
import io.recast.kg.views.KgEntityViewProjector;
import io.recast.projections.views.BlazegraphView;
import io.recast.projections.views.ElasticsearchView;
import io.recast.projections.views.LiveViewProjection;
import io.recast.projections.views.NativeStoreView;
import io.recast.projections.views.VersionedView;
import io.recast.projections.views.ViewRebuild;
import io.recast.projections.views.ViewVerification;
import io.recast.projections.views.ViewWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The knowledge graph's read models as configured ({@code recast.views.*}): the Elasticsearch index of resources and
 * the RDF store (Blazegraph or an embedded native store), with their versions recorded in the journal's keyspace.
 * Builds the rebuild that the migration and {@code recast reindex} run, and the live projection that
 * {@code recast run} keeps going.
 */
final class ReadModels implements AutoCloseable {

    static final String INDEX_BODY = "/kg-resources-index.json";

    private final List<VersionedView> views;
    private final Optional<ElasticsearchClients.Handle> elasticsearch;
    private final RecastConfig config;

    private ReadModels(List<VersionedView> views, Optional<ElasticsearchClients.Handle> elasticsearch,
                       RecastConfig config) {
        this.views = views;
        this.elasticsearch = elasticsearch;
        this.config = config;
    }

    /** The configured read models; none when {@code recast.views.enabled} is empty. */
    static ReadModels open(RecastConfig config, Endpoints endpoints, String keyspace) {
        List<VersionedView> views = new ArrayList<>();
        Optional<ElasticsearchClients.Handle> handle = Optional.empty();
        RetryPolicy retry = new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(10), config.viewsGiveUpAfter());
        if (config.views().contains("elasticsearch")) {
            handle = Optional.of(ElasticsearchClients.open(endpoints.elasticsearch()));
            var client = handle.get().transport().restClient();
            views.add(new ElasticsearchView(client, new VersionedIndexes(client, config.viewsIndex(keyspace), retry),
                    indexBody(), ElasticsearchIndexSink.Settings.defaults().withRetry(retry)));
        }
        if (config.views().contains("rdf")) {
            views.add(config.rdfNativeStore()
                    ? new NativeStoreView(config.rdfNativeDir(), config.viewsNamespace(keyspace))
                    : new BlazegraphView(new BlazegraphNamespaces(endpoints.sparql(), config.sparqlUsername(),
                    config.sparqlPassword()), config.viewsNamespace(keyspace), retry));
        }
        return new ReadModels(List.copyOf(views), handle, config);
    }

    /** No read model (a dry run, or none configured). */
    static ReadModels none(RecastConfig config) {
        return new ReadModels(List.of(), Optional.empty(), config);
    }

    boolean isEmpty() {
        return views.isEmpty();
    }

    List<VersionedView> views() {
        return views;
    }

    /** The rebuild of every configured read model from the journal. */
    ViewRebuild rebuild(CqlSession session, String keyspace, ManifestCodec manifests) {
        return rebuild(session, keyspace, manifests, views);
    }

    /** The rebuild of some of the configured read models (a reindex rebuilds one). */
    ViewRebuild rebuild(CqlSession session, String keyspace, ManifestCodec manifests, List<VersionedView> only) {
        ManifestCodec cached = CachingManifestCodec.of(manifests);
        return new ViewRebuild(only, new CassandraViewVersions(session, keyspace), new KgEntityViewProjector(),
                new TokenRangeScanner(session, keyspace), new EntityJournal(session, keyspace, cached), cached,
                new ProjectionOffsets(session, ProjectionOffsets.Tables.in(keyspace)),
                new ViewRebuild.Settings(Math.max(1, config.viewsSlices()), config.viewsBatchSize(), 200,
                        config.viewsTimeout(), KgEntityViewProjector.TAGS), Clock.systemUTC());
    }

    /**
     * The preflight check that every configured read model's server answers now (the migration refuses to start
     * rather than fail at its replay step).
     */
    io.recast.engine.plan.PreflightCheck reachable() {
        return new io.recast.engine.plan.PreflightCheck() {
            @Override
            public String name() {
                return "read model servers reachable";
            }

            @Override
            public io.recast.engine.plan.PreflightResult check() {
                List<String> down = new ArrayList<>();
                elasticsearch.ifPresent(handle -> elasticsearchProblem(handle).ifPresent(down::add));
                for (VersionedView view : views) {
                    if (view instanceof BlazegraphView blazegraph) {
                        try {
                            blazegraph.ping();
                        } catch (RuntimeException e) {
                            down.add(e.getMessage());
                        }
                    }
                }
                return down.isEmpty() ? io.recast.engine.plan.PreflightResult.pass("every read model server answers")
                        : io.recast.engine.plan.PreflightResult.fail(String.join("; ", down)
                        + " (or leave that read model out with recast.views.enabled)");
            }
        };
    }

    /**
     * Why Elasticsearch cannot serve the migration, if it cannot: unreachable, its certificate not trusted, or the
     * credentials refused (401). Any other answer passes (the status is for the sink to judge).
     */
    private static Optional<String> elasticsearchProblem(ElasticsearchClients.Handle handle) {
        String hosts = ElasticsearchAccess.hosts(handle.transport().restClient());
        try {
            handle.transport().restClient().performRequest(new org.elasticsearch.client.Request("GET",
                    "/_cluster/health"));
            return Optional.empty();
        } catch (org.elasticsearch.client.ResponseException answered) {
            // a 403 here says only that the user may not read the cluster's health, which the migration does not need
            int status = answered.getResponse().getStatusLine().getStatusCode();
            return status == 401 ? ElasticsearchAccess.refusal(hosts, status, Optional.empty()) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return ElasticsearchAccess.untrustedCertificate(hosts, e).or(() -> Optional.of("Elasticsearch at "
                    + hosts + " is unreachable (" + e.getMessage() + "): start it or fix recast.elasticsearch.url"));
        }
    }

    /** The check of the versions that serve against the journal. */
    ViewVerification verification(CqlSession session, String keyspace, ManifestCodec manifests) {
        io.recast.adapters.rdf.JsonLdGraphs jsonLd = new io.recast.adapters.rdf.JsonLdGraphs();
        return new ViewVerification(views, new CassandraViewVersions(session, keyspace), new KgEntityViewProjector(),
                new TokenRangeScanner(session, keyspace), CachingManifestCodec.of(manifests),
                graph -> (long) jsonLd.toRdf(graph).statements().size());
    }

    /**
     * The live projections of the service: one per rebuild whose versions serve (the migration rebuilt every read
     * model in one run; a {@code recast reindex} rebuilds one), going on from that rebuild's offsets. They write into
     * whichever version serves at each write (through the Elasticsearch alias; the RDF namespace recorded as
     * active), so that a reindex switching versions while the service runs redirects their writes at once. Read
     * models without a serving version are left out; none when nothing was rebuilt yet.
     */
    List<LiveViewProjection> live(CqlSession session, String keyspace, ManifestCodec manifests) {
        CassandraViewVersions versions = new CassandraViewVersions(session, keyspace);
        Map<String, List<VersionedView>> byRun = new LinkedHashMap<>();
        Map<String, java.time.Instant> replayStarted = new LinkedHashMap<>();
        for (VersionedView view : views) {
            Optional<ViewVersion> active = versions.active(view.view());
            if (active.isEmpty()) {
                continue; // the caller says which read models serve nothing yet
            }
            byRun.computeIfAbsent(active.get().runId(), run -> new ArrayList<>()).add(view);
            replayStarted.merge(active.get().runId(), active.get().replayStarted(),
                    (a, b) -> a.isBefore(b) ? a : b);
        }
        ManifestCodec cached = CachingManifestCodec.of(manifests);
        List<LiveViewProjection> live = new ArrayList<>();
        byRun.forEach((runId, followed) -> {
            var index = Optional.<io.recast.engine.view.IndexSink>empty();
            var graph = Optional.<io.recast.engine.view.GraphSink>empty();
            for (VersionedView view : followed) {
                java.util.function.Supplier<String> serving = () -> versions.active(view.view())
                        .map(ViewVersion::target).orElseThrow(() -> new IllegalStateException("No version of "
                                + view.view() + " serves any more; check `recast status` and `recast jobs list`"));
                index = index.or(() -> view.servingIndexSink(serving));
                graph = graph.or(() -> view.servingGraphSink(serving));
            }
            ViewWriter writer = new ViewWriter(new KgEntityViewProjector(), index, graph, config.viewsBatchSize());
            live.add(new LiveViewProjection(ViewRebuild.liveName(runId), KgEntityViewProjector.TAGS,
                    new EntityJournal(session, keyspace, cached), writer,
                    new ProjectionOffsets(session, ProjectionOffsets.Tables.in(keyspace)),
                    replayStarted.get(runId), 200));
        });
        return live;
    }

    /**
     * The configured read model of a kind: {@code elasticsearch} (the index) or {@code rdf} (Blazegraph or the
     * native store).
     *
     * @throws IllegalArgumentException naming the setting when that kind is not configured
     */
    VersionedView view(String kind) {
        String prefix = switch (kind) {
            case "elasticsearch" -> "elasticsearch:";
            case "rdf" -> "rdf";
            default -> throw new IllegalArgumentException("No read model '" + kind + "': choose elasticsearch or rdf");
        };
        return views.stream().filter(view -> view.view().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("The read model " + kind + " is not configured:"
                        + " add it to recast.views.enabled (RECAST_VIEWS), now '" + String.join(",",
                        config.views()) + "'"));
    }

    /** The targets that serve, e.g. {@code kg_resources_v2, kg_v2}. */
    String describeActive(CqlSession session, String keyspace) {
        CassandraViewVersions versions = new CassandraViewVersions(session, keyspace);
        return String.join(", ", views.stream().map(view -> versions.active(view.view())
                .map(ViewVersion::target).orElse(view.view() + " (none)")).toList());
    }

    static JsonNode indexBody() {
        try (InputStream in = ReadModels.class.getResourceAsStream(INDEX_BODY)) {
            if (in == null) {
                throw new IllegalStateException(INDEX_BODY + " is missing from the classpath");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        views.forEach(VersionedView::close);
        elasticsearch.ifPresent(ElasticsearchClients.Handle::close);
    }
}
