package io.recast.projections.views;

import com.fasterxml.jackson.databind.JsonNode;
import io.recast.adapters.elasticsearch.ElasticsearchIndexSink;
import io.recast.adapters.elasticsearch.VersionedIndexes;
import io.recast.engine.view.IndexSink;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.elasticsearch.client.RestClient;

/**
 * An index read model in Elasticsearch: version {@code N} is the index {@code <alias>_v<N>}, created with the given
 * settings and mappings and with refresh turned off while it is rebuilt; activating it turns refresh back on and
 * moves the alias to it atomically.
 */
public final class ElasticsearchView implements VersionedView {

    private final RestClient client;
    private final VersionedIndexes indexes;
    private final JsonNode indexBody;
    private final ElasticsearchIndexSink.Settings sinkSettings;
    private final Map<String, ElasticsearchIndexSink> sinks = new HashMap<>();

    /**
     * @param indexBody the body that creates a version ({@code settings} and {@code mappings})
     */
    public ElasticsearchView(RestClient client, VersionedIndexes indexes, JsonNode indexBody,
                             ElasticsearchIndexSink.Settings sinkSettings) {
        this.client = Objects.requireNonNull(client, "client");
        this.indexes = Objects.requireNonNull(indexes, "indexes");
        this.indexBody = Objects.requireNonNull(indexBody, "indexBody");
        this.sinkSettings = Objects.requireNonNull(sinkSettings, "sinkSettings");
    }

    @Override
    public String view() {
        return "elasticsearch:" + indexes.alias();
    }

    @Override
    public String targetOf(int version) {
        return indexes.indexOf(version);
    }

    @Override
    public void create(String target) {
        if (indexes.create(target, indexBody)) {
            indexes.refreshInterval(target, "-1");
        }
    }

    @Override
    public void activate(String target) {
        indexes.refreshInterval(target, "1s");
        indexes.refresh(target);
        indexes.switchAlias(target);
    }

    @Override
    public void drop(String target) {
        indexes.drop(target);
    }

    @Override
    public synchronized Optional<IndexSink> indexSink(String target) {
        return Optional.of(sinks.computeIfAbsent(target,
                t -> new ElasticsearchIndexSink(client, t, sinkSettings)));
    }

    /**
     * Writes through the alias: Elasticsearch sends each bulk request to the index the alias points to at that
     * moment, so the service's writes follow an atomic switch made by a rebuild in another process.
     */
    @Override
    public Optional<IndexSink> servingIndexSink(java.util.function.Supplier<String> serving) {
        return indexSink(indexes.alias());
    }

    /** The versions of this read model's indexes. */
    public VersionedIndexes indexes() {
        return indexes;
    }

    @Override
    public synchronized void close() {
        sinks.values().forEach(ElasticsearchIndexSink::close);
        sinks.clear();
    }

    @Override
    public Contents contents(String target) {
        return new Contents(indexes.documentVersions(target), 0);
    }

    @Override
    public boolean exists(String target) {
        return indexes.exists(target);
    }

    @Override
    public void discard(String target) {
        indexes.discard(target);
    }
}
