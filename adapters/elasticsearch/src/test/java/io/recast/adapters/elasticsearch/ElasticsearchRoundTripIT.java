package io.recast.adapters.elasticsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.recast.servers.LocalElasticsearch;
import io.recast.servers.junit.RealServers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@RealServers
class ElasticsearchRoundTripIT {

    @Test
    void indexesADocumentAndFindsItBySearchOnTheRealServer(LocalElasticsearch elasticsearch) throws Exception {
        try (ElasticsearchClients.Handle handle = ElasticsearchClients.open(ElasticsearchSettings.of(elasticsearch.url()))) {
            ElasticsearchClient client = handle.client();
            String index = "roundtrip-" + System.nanoTime();
            client.indices().create(c -> c.index(index));
            client.index(i -> i.index(index).id("r1")
                    .document(Map.of("name", "Neuron morphology", "rev", 3)).refresh(
                            co.elastic.clients.elasticsearch._types.Refresh.True));
            client.index(i -> i.index(index).id("r2")
                    .document(Map.of("name", "Brain atlas", "rev", 1)).refresh(
                            co.elastic.clients.elasticsearch._types.Refresh.True));

            @SuppressWarnings("rawtypes")
            SearchResponse<Map> found = client.search(s -> s.index(index)
                    .query(q -> q.match(m -> m.field("name").query("morphology"))), Map.class);

            List<String> ids = found.hits().hits().stream().map(Hit::id).toList();
            assertEquals(List.of("r1"), ids);
            assertEquals(3, ((Number) found.hits().hits().get(0).source().get("rev")).intValue());
            assertEquals(2L, client.count(c -> c.index(index)).count());
        }
    }
}
