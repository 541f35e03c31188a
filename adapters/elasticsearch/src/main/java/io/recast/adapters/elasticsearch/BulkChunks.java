package io.recast.adapters.elasticsearch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/** Splits a batch into bulk requests of at most {@code maxBytes} and {@code maxItems}; a larger item goes alone. */
final class BulkChunks {

    private BulkChunks() {
    }

    static <T> List<List<T>> split(List<T> items, ToIntFunction<T> size, int maxBytes, int maxItems) {
        if (maxBytes < 1 || maxItems < 1) {
            throw new IllegalArgumentException("maxBytes and maxItems must be positive");
        }
        List<List<T>> chunks = new ArrayList<>();
        List<T> current = new ArrayList<>();
        long bytes = 0;
        for (T item : items) {
            int itemBytes = size.applyAsInt(item);
            if (!current.isEmpty() && (bytes + itemBytes > maxBytes || current.size() >= maxItems)) {
                chunks.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(item);
            bytes += itemBytes;
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }
}
