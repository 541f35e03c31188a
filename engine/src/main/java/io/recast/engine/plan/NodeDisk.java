package io.recast.engine.plan;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One storage node's disk as the {@link BackupSpaceCheck} sees it.
 *
 * @param node         the node, as an operator names it (e.g. its address)
 * @param journalBytes what the journal's table takes on the node's disk
 * @param backupBytes  what the backup of the journal takes there already (a resumed run's), else zero
 * @param freeBytes    free space of the node's data directories; empty when it cannot be measured from here
 * @param freeSource   where the free space was read, or why it is unknown
 */
public record NodeDisk(String node, long journalBytes, long backupBytes, OptionalLong freeBytes, String freeSource) {

    public NodeDisk {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(freeBytes, "freeBytes");
        Objects.requireNonNull(freeSource, "freeSource");
    }
}
