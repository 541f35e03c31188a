package io.recast.projections.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.recast.engine.view.GraphSink;
import io.recast.engine.view.ResourceGraph;
import io.recast.engine.view.WriteOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ServingSinksTest {

    /** A graph store whose targets only record the graphs written into them. */
    private static final class Store implements VersionedView {
        final Map<String, List<String>> written = new TreeMap<>();

        @Override
        public String view() {
            return "rdf:test";
        }

        @Override
        public String targetOf(int version) {
            return "test_v" + version;
        }

        @Override
        public void create(String target) {
        }

        @Override
        public boolean exists(String target) {
            return true;
        }

        @Override
        public void activate(String target) {
        }

        @Override
        public void drop(String target) {
        }

        @Override
        public Optional<GraphSink> graphSink(String target) {
            return Optional.of(graphs -> {
                graphs.forEach(g -> written.computeIfAbsent(target, t -> new ArrayList<>()).add(g.graph()));
                return new WriteOutcome(graphs.size(), 0, List.of());
            });
        }

        @Override
        public Contents contents(String target) {
            return new Contents(Map.of(), 0);
        }
    }

    private static ResourceGraph graph(String name) {
        return new ResourceGraph(name, 1, List.of(JsonNodeFactory.instance.objectNode().put("@id", name)));
    }

    @Test
    void eachWriteGoesToTheTargetThatServesAtThatMomentSoASwitchRedirectsTheNextWrite() {
        Store store = new Store();
        AtomicReference<String> serving = new AtomicReference<>("test_v1");
        GraphSink sink = store.servingGraphSink(serving::get).orElseThrow();

        sink.write(List.of(graph("urn:a")));
        serving.set("test_v2"); // a reindex in another process switched
        sink.write(List.of(graph("urn:b"), graph("urn:c")));

        assertEquals(Map.of("test_v1", List.of("urn:a"), "test_v2", List.of("urn:b", "urn:c")), store.written);
    }

    @Test
    void aStoreWithoutAnIndexHasNoServingIndexSink() {
        assertTrue(new Store().servingIndexSink(() -> "test_v1").isEmpty());
    }
}
