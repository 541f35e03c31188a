package io.recast.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TagRowBatchesTest {

    @TempDir
    Path dir;

    private static TagViewRow row(String tag, long bucket, int seq, int eventBytes) {
        return new TagViewRow(tag, bucket, UUID.randomUUID(), seq, new byte[eventBytes], "manifest", "pid-" + seq,
                seq, 33, null, "writer");
    }

    @Test
    void encodesAndDecodesEveryColumn() {
        TagViewRow row = new TagViewRow("tag", 7, UUID.randomUUID(), 3, new byte[] {1, 2, 3}, null, "pid \u00e9", 9,
                -4, "ser", null);

        List<TagViewRow> decoded = TagViewRow.decode(TagViewRow.encode(List.of(row, row)));

        assertEquals(2, decoded.size());
        TagViewRow back = decoded.get(1);
        assertEquals(List.of(row.tag(), row.bucket(), row.timestamp(), row.tagPidSequenceNr(), row.persistenceId(),
                row.sequenceNr(), row.serId(), row.serManifest()), List.of(back.tag(), back.bucket(), back.timestamp(),
                back.tagPidSequenceNr(), back.persistenceId(), back.sequenceNr(), back.serId(), back.serManifest()));
        assertArrayEquals(row.event(), back.event());
        assertNull(back.eventManifest());
        assertNull(back.writerUuid());
    }

    @Test
    void spillsSinglePartitionBatchesOfBoundedSizeWithEveryRowOnce() {
        List<TagViewRow> rows = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            rows.add(row(i % 3 == 0 ? "a" : "b", i % 2, i, 100 + i));
        }
        int maxBatchBytes = 4_000;
        List<List<TagViewRow>> batches = new ArrayList<>();
        try (SpillFile spill = SpillFile.create(dir, "rows")) {
            TagRowBatches grouping = new TagRowBatches(spill, 20_000, maxBatchBytes);
            rows.forEach(grouping::add);
            grouping.finish();
            assertEquals(500, spill.items());
            Iterator<SpillFile.Record> records = spill.read();
            while (records.hasNext()) {
                SpillFile.Record record = records.next();
                List<TagViewRow> batch = TagViewRow.decode(record.bytes());
                assertEquals(record.items(), batch.size());
                batches.add(batch);
            }
        }

        Set<Long> seen = new HashSet<>();
        for (List<TagViewRow> batch : batches) {
            assertEquals(1, batch.stream().map(TagViewRow::partition).distinct().count(), "one partition per batch");
            assertTrue(batch.size() == 1 || batch.stream().mapToInt(TagViewRow::estimatedBytes).sum() <= maxBatchBytes,
                    "a batch of several rows stays within the limit");
            batch.forEach(row -> assertTrue(seen.add(row.sequenceNr()), "row " + row.sequenceNr() + " twice"));
        }
        assertEquals(500, seen.size());
        assertTrue(batches.size() > 4, "the memory limit made it spill several times: " + batches.size());
    }

    @Test
    void aRowLargerThanABatchGoesAlone() {
        try (SpillFile spill = SpillFile.create(dir, "rows")) {
            TagRowBatches grouping = new TagRowBatches(spill, 1 << 20, 1_000);
            grouping.add(row("a", 1, 1, 10));
            grouping.add(row("a", 1, 2, 5_000));
            grouping.add(row("a", 1, 3, 10));
            grouping.finish();

            List<Integer> sizes = new ArrayList<>();
            spill.read().forEachRemaining(record -> sizes.add(record.items()));
            assertEquals(List.of(1, 1, 1), sizes);
        }
    }
}
