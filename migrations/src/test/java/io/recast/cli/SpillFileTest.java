package io.recast.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpillFileTest {

    @TempDir
    Path dir;

    @Test
    void readsBackTheRecordsInOrderWithTheirItems() {
        try (SpillFile spill = SpillFile.create(dir.resolve("spill"), "test")) {
            spill.append(3, "abc".getBytes(StandardCharsets.UTF_8));
            spill.append(0, new byte[0]);
            spill.append(2, new byte[70_000]);

            assertEquals(3, spill.records());
            assertEquals(5, spill.items());
            Iterator<SpillFile.Record> records = spill.read();
            SpillFile.Record first = records.next();
            assertEquals(3, first.items());
            assertArrayEquals("abc".getBytes(StandardCharsets.UTF_8), first.bytes());
            assertEquals(0, records.next().bytes().length);
            SpillFile.Record last = records.next();
            assertEquals(2, last.items());
            assertEquals(70_000, last.bytes().length);
            assertFalse(records.hasNext());
            assertThrows(NoSuchElementException.class, records::next);
        }
    }

    @Test
    void takesNoRecordOnceReadAndIsReadOnce() {
        try (SpillFile spill = SpillFile.create(dir, "test")) {
            spill.append(1, new byte[] {1});
            spill.read();

            assertThrows(IllegalStateException.class, () -> spill.append(1, new byte[] {2}));
            assertThrows(IllegalStateException.class, spill::read);
        }
    }

    @Test
    void deletesItsFileOnClose() {
        SpillFile spill = SpillFile.create(dir, "test");
        spill.append(1, new byte[] {1});
        Path file = spill.file();
        assertTrue(Files.exists(file));

        spill.close();

        assertFalse(Files.exists(file));
    }
}
