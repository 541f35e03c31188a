package io.recast.adapters.elasticsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recast.engine.view.IndexDocument;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulkBodiesTest {

    private static IndexDocument document(String id, int nameLength) {
        ObjectNode source = JsonNodeFactory.instance.objectNode().put("name", "x".repeat(nameLength));
        return new IndexDocument(id, 1, source);
    }

    private static int lineBytes(IndexDocument document) {
        List<BulkBodies.Body> one = new ArrayList<>();
        BulkBodies bodies = new BulkBodies(Integer.MAX_VALUE, 1, one::add);
        bodies.add(document);
        bodies.finish();
        return one.get(0).bytes().length;
    }

    @Test
    void writesAnIndexActionAndTheSourcePerDocument() {
        List<BulkBodies.Body> bodies = new ArrayList<>();
        BulkBodies preparing = new BulkBodies(1 << 20, 100, bodies::add);
        preparing.add(document("a\"1", 1));
        preparing.add(document("b", 2));
        preparing.finish();

        assertEquals(1, bodies.size());
        assertEquals(2, bodies.get(0).documents());
        assertEquals("{\"index\":{\"_id\":\"a\\\"1\"}}\n{\"name\":\"x\"}\n{\"index\":{\"_id\":\"b\"}}\n{\"name\":\"xx\"}\n",
                new String(bodies.get(0).bytes(), StandardCharsets.UTF_8));
    }

    @Test
    void splitsByBytesALargeDocumentGoingAlone() {
        int small = lineBytes(document("s", 10));
        List<BulkBodies.Body> bodies = new ArrayList<>();
        BulkBodies preparing = new BulkBodies(2 * small, 3, bodies::add);
        preparing.add(document("s", 10));
        preparing.add(document("s", 10));
        preparing.add(document("s", 10));
        preparing.add(document("l", 10 * small));
        preparing.add(document("s", 10));
        assertEquals(3, bodies.size());
        preparing.finish();

        assertEquals(List.of(2, 1, 1, 1), bodies.stream().map(BulkBodies.Body::documents).toList());
    }

    @Test
    void splitsByCount() {
        List<BulkBodies.Body> bodies = new ArrayList<>();
        BulkBodies preparing = new BulkBodies(1 << 20, 2, bodies::add);
        for (int n = 0; n < 5; n++) {
            preparing.add(document("d" + n, 1));
        }
        preparing.finish();

        assertEquals(List.of(2, 2, 1), bodies.stream().map(BulkBodies.Body::documents).toList());
    }

    @Test
    void nothingGivesNoBody() {
        List<BulkBodies.Body> bodies = new ArrayList<>();
        new BulkBodies(100, 10, bodies::add).finish();

        assertEquals(List.of(), bodies);
    }
}
