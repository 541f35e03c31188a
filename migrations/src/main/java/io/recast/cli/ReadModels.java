package io.recast.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recast.adapters.cassandra.CassandraViewVersions;
import io.recast.adapters.cassandra.EntityJournal;
import io.recast.adapters.cassandra.ProjectionOffsets;
import io.recast.adapters.cassandra.TokenRangeScanner;
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
import java.util.List;
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
        ManifestCodec cached = CachingManifestCodec.of(manifests);
        return new ViewRebuild(views, new CassandraViewVersions(session, keyspace), new KgEntityViewProjector(),
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
                elasticsearch.ifPresent(handle -> {
                    try {
                        handle.transport().restClient().performRequest(new org.elasticsearch.client.Request("GET",
                                "/_cluster/health"));
                    } catch (org.elasticsearch.client.ResponseException answered) {
                        // it answers: reachable (the status is for the sink to judge)
                    } catch (IOException | RuntimeException e) {
                        down.add("Elasticsearch at " + handle.transport().restClient().getNodes() + " ("
                                + e.getMessage() + "): start it or fix recast.elasticsearch.url");
                    }
                });
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
                        : io.recast.engine.plan.PreflightResult.fail("unreachable: " + String.join("; ", down)
                        + " (or leave that read model out with recast.views.enabled)");
            }
        };
    }

    /** The check of the versions that serve against the journal. */
    ViewVerification verification(CqlSession session, String keyspace, ManifestCodec manifests) {
        io.recast.adapters.rdf.JsonLdGraphs jsonLd = new io.recast.adapters.rdf.JsonLdGraphs();
        return new ViewVerification(views, new CassandraViewVersions(session, keyspace), new KgEntityViewProjector(),
                new TokenRangeScanner(session, keyspace), CachingManifestCodec.of(manifests),
                graph -> (long) jsonLd.toRdf(graph).statements().size());
    }

    /**
     * The live projection into the versions that serve, going on from the offsets of the rebuild that activated
     * them; empty when no version serves yet (nothing was rebuilt).
     */
    Optional<LiveViewProjection> live(CqlSession session, String keyspace, ManifestCodec manifests) {
        CassandraViewVersions versions = new CassandraViewVersions(session, keyspace);
        Optional<ViewVersion> first = Optional.empty();
        var index = Optional.<io.recast.engine.view.IndexSink>empty();
        var graph = Optional.<io.recast.engine.view.GraphSink>empty();
        for (VersionedView view : views) {
            Optional<ViewVersion> active = versions.active(view.view());
            if (active.isEmpty()) {
                return Optional.empty(); // the caller says that nothing serves yet
            }
            if (first.isPresent() && !first.get().runId().equals(active.get().runId())) {
                throw new IllegalStateException("The read models serve versions of different rebuilds ("
                        + first.get().runId() + ", " + active.get().runId() + "): run `recast reindex` to rebuild"
                        + " them together");
            }
            first = first.or(() -> active);
            index = index.or(() -> view.indexSink(active.get().target()));
            graph = graph.or(() -> view.graphSink(active.get().target()));
        }
        if (first.isEmpty()) {
            return Optional.empty();
        }
        ManifestCodec cached = CachingManifestCodec.of(manifests);
        ViewWriter writer = new ViewWriter(new KgEntityViewProjector(), index, graph, config.viewsBatchSize());
        return Optional.of(new LiveViewProjection(ViewRebuild.liveName(first.get().runId()),
                KgEntityViewProjector.TAGS, new EntityJournal(session, keyspace, cached), writer,
                new ProjectionOffsets(session, ProjectionOffsets.Tables.in(keyspace)),
                first.get().replayStarted(), 200));
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
