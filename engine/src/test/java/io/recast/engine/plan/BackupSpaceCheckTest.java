package io.recast.engine.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class BackupSpaceCheckTest {

    private static final long MIB = 1024 * 1024;
    private static final String ADVICE = "state the node's free space";

    private static PreflightResult check(long reserve, NodeDisk... disks) {
        return new BackupSpaceCheck(() -> List.of(disks), reserve, ADVICE).check();
    }

    private static NodeDisk disk(String node, long journal, long backup, long free) {
        return new NodeDisk(node, journal, backup, OptionalLong.of(free), "data directory /data");
    }

    @Test
    void passesWhenEveryNodeHasRoomForTwiceTheJournalAndTheReserve() {
        PreflightResult result = check(100 * MIB, disk("10.0.0.1", 400 * MIB, 0, 900 * MIB),
                disk("10.0.0.2", 300 * MIB, 0, 700 * MIB));

        assertTrue(result.passed(), result.message());
        assertEquals("10.0.0.1 900 MiB free, needs 900 MiB, 10.0.0.2 700 MiB free, needs 700 MiB", result.message());
    }

    @Test
    void refusesNamingTheNodeThatIsShortAndWhatItNeeds() {
        PreflightResult result = check(100 * MIB, disk("10.0.0.1", 400 * MIB, 0, 900 * MIB),
                disk("10.0.0.2", 400 * MIB, 0, 899 * MIB));

        assertFalse(result.passed());
        assertTrue(result.message().startsWith("10.0.0.2: 899 MiB free (data directory /data), it needs 800 MiB for"
                + " the backup and the rewritten rows (twice the 400 MiB of the journal) plus a reserve of 100 MiB"),
                result.message());
        assertFalse(result.message().contains("10.0.0.1"), "the node with room is not blamed");
    }

    @Test
    void countsWhatAResumedRunBackedUpAlready() {
        assertTrue(check(0, disk("n1", 400 * MIB, 300 * MIB, 500 * MIB)).passed());
        assertFalse(check(0, disk("n1", 400 * MIB, 0, 500 * MIB)).passed());
    }

    @Test
    void refusesANodeWhoseFreeSpaceCannotBeMeasuredSayingWhatToDo() {
        PreflightResult result = check(0, new NodeDisk("10.0.0.9", MIB, 0, OptionalLong.empty(), "not on this host"));

        assertFalse(result.passed());
        assertTrue(result.message().contains("10.0.0.9: free space unknown (not on this host)"), result.message());
        assertTrue(result.message().endsWith(ADVICE), result.message());
    }

    @Test
    void refusesWhenTheDiskUsageCannotBeRead() {
        PreflightResult result = new BackupSpaceCheck(() -> {
            throw new IllegalStateException("no table system_views.disk_usage");
        }, 0, ADVICE).check();

        assertFalse(result.passed());
        assertTrue(result.message().contains("no table system_views.disk_usage"), result.message());
    }

    @Test
    void printsSizesInBinaryUnits() {
        assertEquals("800 B", BackupSpaceCheck.size(800));
        assertEquals("1.5 KiB", BackupSpaceCheck.size(1536));
        assertEquals("2.0 GiB", BackupSpaceCheck.size(2L * 1024 * MIB));
        assertEquals("120 GiB", BackupSpaceCheck.size(120L * 1024 * MIB));
    }
}
