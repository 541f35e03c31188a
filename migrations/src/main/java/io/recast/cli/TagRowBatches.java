package io.recast.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups tag view rows, as they come, by partition (tag and time bucket) into unlogged-batch-sized lists of at most
 * {@code maxBatchBytes} (estimated; a larger row goes alone) and appends each to a {@link SpillFile} as one record.
 * At most {@code maxPendingBytes} of rows wait in memory: past that, every partition's rows are spilled (the last
 * batch of each partially full), so memory stays bounded whatever the journal's size while batches stay about as
 * full as grouping the whole journal would make them.
 */
final class TagRowBatches {

    private final SpillFile spill;
    private final long maxPendingBytes;
    private final int maxBatchBytes;
    private final Map<String, List<TagViewRow>> pending = new LinkedHashMap<>();
    private long pendingBytes;

    TagRowBatches(SpillFile spill, long maxPendingBytes, int maxBatchBytes) {
        if (maxPendingBytes < 1 || maxBatchBytes < 1) {
            throw new IllegalArgumentException("maxPendingBytes and maxBatchBytes must be positive");
        }
        this.spill = spill;
        this.maxPendingBytes = maxPendingBytes;
        this.maxBatchBytes = maxBatchBytes;
    }

    /** Adds a row; spills everything pending when the rows waiting exceed the memory allowed. */
    void add(TagViewRow row) {
        pending.computeIfAbsent(row.partition(), k -> new ArrayList<>()).add(row);
        pendingBytes += row.estimatedBytes();
        if (pendingBytes > maxPendingBytes) {
            spillPending();
        }
    }

    /** Spills what is pending. */
    void finish() {
        spillPending();
    }

    private void spillPending() {
        for (List<TagViewRow> partition : pending.values()) {
            List<TagViewRow> batch = new ArrayList<>();
            long bytes = 0;
            for (TagViewRow row : partition) {
                int size = row.estimatedBytes();
                if (!batch.isEmpty() && bytes + size > maxBatchBytes) {
                    spill.append(batch.size(), TagViewRow.encode(batch));
                    batch = new ArrayList<>();
                    bytes = 0;
                }
                batch.add(row);
                bytes += size;
            }
            if (!batch.isEmpty()) {
                spill.append(batch.size(), TagViewRow.encode(batch));
            }
        }
        pending.clear();
        pendingBytes = 0;
    }
}
