package io.recast.adapters.elasticsearch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BulkChunksTest {

    @Test
    void splitsByBytesKeepingOrder() {
        List<List<Integer>> chunks = BulkChunks.split(List.of(40, 40, 40, 10, 90, 5), size -> size, 100, 10);

        assertEquals(List.of(List.of(40, 40), List.of(40, 10), List.of(90, 5)), chunks);
    }

    @Test
    void splitsByCount() {
        assertEquals(List.of(List.of(1, 1), List.of(1, 1), List.of(1)),
                BulkChunks.split(List.of(1, 1, 1, 1, 1), size -> size, 1_000, 2));
    }

    @Test
    void anItemLargerThanTheLimitGoesAlone() {
        assertEquals(List.of(List.of(10), List.of(500), List.of(10)),
                BulkChunks.split(List.of(10, 500, 10), size -> size, 100, 10));
    }

    @Test
    void nothingGivesNoRequest() {
        assertEquals(List.of(), BulkChunks.split(List.<Integer>of(), size -> size, 100, 10));
    }
}
