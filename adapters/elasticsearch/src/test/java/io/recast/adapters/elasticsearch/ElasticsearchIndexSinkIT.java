package io.recast.adapters.elasticsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.engine.view.IndexDocument;
import io.recast.engine.view.RetryPolicy;
import io.recast.engine.view.SinkUnavailableException;
import io.recast.engine.view.WriteOutcome;
import io.recast.servers.LocalElasticsearch;
import io.recast.servers.junit.RealServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Elasticsearch sink and versioned indexes on the real local Elasticsearch. Outage tests stop the shared server
 * and always start it again before they end.
 */
@RealServers
class ElasticsearchIndexSinkIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RetryPolicy PATIENT = new RetryPolicy(Duration.ofMillis(200), Duration.ofSeconds(2),
            Duration.ofMinutes(5));

    private LocalElasticsearch elasticsearch;
    private ElasticsearchClients.Handle handle;
    private VersionedIndexes indexes;
    private String index;

    @BeforeEach
    void createIndex(LocalElasticsearch server) {
        elasticsearch = server;
        handle = ElasticsearchClients.open(ElasticsearchSettings.of(server.url()));
        String alias = "sink_it_" + UUID.randomUUID().toString().substring(0, 8);
        indexes = new VersionedIndexes(handle.transport().restClient(), alias, PATIENT);
        index = indexes.indexOf(1);
        ObjectNode body = JSON.createObjectNode();
        body.putObject("settings").put("number_of_shards", 1).put("number_of_replicas", 0);
        body.putObject("mappings").putObject("properties").putObject("size").put("type", "long");
        assertTrue(indexes.create(index, body));
    }

    @AfterEach
    void dropIndexes() {
        if (!elasticsearch.status().running()) {
            elasticsearch.start();
        }
        ElasticsearchCalls calls = new ElasticsearchCalls(handle.transport().restClient(), PATIENT);
        calls.call("DELETE", "/" + indexes.alias() + "_v*", null, "application/json", "clean up");
        handle.close();
    }

    @Test
    void writesEachDocumentOnceAndCountsARepeatedBatchAsStale() {
        List<IndexDocument> documents = documents(300, 1);
        ElasticsearchIndexSink sink = sink(ElasticsearchIndexSink.Settings.defaults().withRetry(PATIENT));

        assertEquals(new WriteOutcome(300, 0, List.of()), sink.write(documents));
        assertEquals(new WriteOutcome(0, 300, List.of()), sink.write(documents));

        indexes.refresh(index);
        assertEquals(300, indexes.count(index));
    }

    @Test
    void keepsTheHighestVersionWhateverTheOrderOfWrites() {
        ElasticsearchIndexSink sink = sink(ElasticsearchIndexSink.Settings.defaults().withRetry(PATIENT));
        sink.write(List.of(document(7, 3, "third")));

        WriteOutcome older = sink.write(List.of(document(7, 2, "second")));
        assertEquals(new WriteOutcome(0, 1, List.of()), older);
        assertEquals("third", source(7).path("name").asText());

        WriteOutcome newer = sink.write(List.of(document(7, 4, "fourth")));
        assertEquals(new WriteOutcome(1, 0, List.of()), newer);
        assertEquals("fourth", source(7).path("name").asText());
        assertEquals(4, indexes.document(index, "doc-7").orElseThrow().path("_version").asLong());
    }

    @Test
    void aDocumentThatDoesNotFitTheMappingIsRejectedWithTheReasonAndTheOthersAreWritten() {
        ElasticsearchIndexSink sink = sink(ElasticsearchIndexSink.Settings.defaults().withRetry(PATIENT));
        List<IndexDocument> batch = new ArrayList<>(documents(5, 1));
        ObjectNode bad = JSON.createObjectNode().put("name", "bad");
        bad.putObject("size").put("not", "a number");
        batch.add(2, new IndexDocument("doc-bad", 1, bad));

        WriteOutcome outcome = sink.write(batch);

        assertEquals(5, outcome.written());
        assertEquals(1, outcome.rejected().size());
        assertEquals("doc-bad", outcome.rejected().get(0).id());
        assertTrue(outcome.rejected().get(0).reason().contains("document_parsing_exception")
                || outcome.rejected().get(0).reason().contains("mapper_parsing_exception"),
                outcome.rejected().get(0).reason());
    }

    @Test
    void aBatchLargerThanARequestGoesInSeveralRequestsAndIsWrittenWhole() {
        ElasticsearchIndexSink sink = sink(ElasticsearchIndexSink.Settings.defaults().withRetry(PATIENT)
                .withMaxBytes(4_096));

        assertEquals(500, sink.write(documents(500, 1)).written());

        indexes.refresh(index);
        assertEquals(500, indexes.count(index));
    }

    @Test
    void aWriteStartedWhileElasticsearchIsDownCompletesOnceItIsBack() throws Exception {
        String url = elasticsearch.url();
        ElasticsearchIndexSink sink = sink(ElasticsearchIndexSink.Settings.defaults().withRetry(PATIENT));
        elasticsearch.stop();

        CompletableFuture<WriteOutcome> write = CompletableFuture.supplyAsync(() -> sink.write(documents(200, 1)));
        Thread.sleep(3_000);
        assertFalse(write.isDone(), "the write waits while Elasticsearch is down");
        elasticsearch.start();
        assertEquals(url, elasticsearch.url(), "Elasticsearch came back on another port");

        assertEquals(new WriteOutcome(200, 0, List.of()), write.get(5, TimeUnit.MINUTES));
        indexes.refresh(index);
        assertEquals(200, indexes.count(index));
    }

    @Test
    void givesUpWithAClearMessageWhenElasticsearchStaysDown() {
        ElasticsearchIndexSink sink = sink(ElasticsearchIndexSink.Settings.defaults().withRetry(
                new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(2))));
        elasticsearch.stop();

        SinkUnavailableException e = assertThrows(SinkUnavailableException.class,
                () -> sink.write(documents(10, 1)));

        assertTrue(e.getMessage().contains("did not answer"), e.getMessage());
        assertTrue(e.getMessage().contains("recast servers start"), e.getMessage());
        assertTrue(e.getMessage().contains("resumes"), e.getMessage());
    }

    @Test
    void theAliasMovesAtomicallyToANewVersionAndCleanupKeepsTheActiveOne() {
        ElasticsearchIndexSink v1 = sink(ElasticsearchIndexSink.Settings.defaults().withRetry(PATIENT));
        v1.write(documents(3, 1));
        indexes.refresh(index);
        indexes.switchAlias(index);
        String second = indexes.indexOf(2);
        indexes.create(second, JSON.createObjectNode());
        new ElasticsearchIndexSink(handle.transport().restClient(), second,
                ElasticsearchIndexSink.Settings.defaults().withRetry(PATIENT)).write(documents(7, 1));
        indexes.refresh(second);
        assertEquals(3, indexes.count(indexes.alias()), "the alias serves the first version until the switch");

        indexes.switchAlias(second);

        assertEquals(second, indexes.activeIndex().orElseThrow());
        assertEquals(7, indexes.count(indexes.alias()));
        assertEquals(List.of(1, 2), List.copyOf(indexes.versions().keySet()));
        assertThrows(ElasticsearchRequestException.class, () -> indexes.drop(second));
        assertEquals(List.of(index), indexes.cleanup());
        assertEquals(List.of(2), List.copyOf(indexes.versions().keySet()));
    }

    private ElasticsearchIndexSink sink(ElasticsearchIndexSink.Settings settings) {
        return new ElasticsearchIndexSink(handle.transport().restClient(), index, settings);
    }

    private JsonNode source(int n) {
        return indexes.document(index, "doc-" + n).orElseThrow().path("_source");
    }

    private static List<IndexDocument> documents(int count, long version) {
        List<IndexDocument> documents = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            documents.add(document(n, version, "document " + n));
        }
        return documents;
    }

    private static IndexDocument document(int n, long version, String name) {
        ObjectNode source = JSON.createObjectNode().put("name", name).put("size", n);
        return new IndexDocument("doc-" + n, version, source);
    }
}
