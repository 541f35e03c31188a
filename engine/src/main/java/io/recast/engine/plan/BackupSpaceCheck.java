package io.recast.engine.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Preflight: every node has room for what the rewrite adds before compaction reclaims anything: the backup of the rows
 * it changes and the rewritten rows themselves. Before a scan nobody knows how many rows change, so it counts all of
 * them: twice what the journal takes on the node, less what a resumed run's backup holds already, plus a reserve that
 * the node keeps free (compaction needs room of its own).
 */
public final class BackupSpaceCheck implements PreflightCheck {

    /** Backup copy plus rewritten copy of each row. */
    static final int COPIES = 2;

    private final Supplier<List<NodeDisk>> disks;
    private final long reserveBytes;
    private final String unknownFreeAdvice;

    /**
     * @param disks             reads the nodes' disks (may throw when the storage cannot tell)
     * @param reserveBytes      free space each node must keep after the backup
     * @param unknownFreeAdvice what to do when a node's free space cannot be measured from here
     */
    public BackupSpaceCheck(Supplier<List<NodeDisk>> disks, long reserveBytes, String unknownFreeAdvice) {
        this.disks = Objects.requireNonNull(disks, "disks");
        if (reserveBytes < 0) {
            throw new IllegalArgumentException("the reserve is a size, not " + reserveBytes);
        }
        this.reserveBytes = reserveBytes;
        this.unknownFreeAdvice = Objects.requireNonNull(unknownFreeAdvice, "unknownFreeAdvice");
    }

    @Override
    public String name() {
        return "backup space";
    }

    @Override
    public PreflightResult check() {
        List<NodeDisk> nodes;
        try {
            nodes = disks.get();
        } catch (RuntimeException e) {
            return PreflightResult.fail("cannot read the nodes' disk usage (" + e.getMessage() + "); check that every"
                    + " node has free space for twice the journal's size, then " + unknownFreeAdvice);
        }
        if (nodes.isEmpty()) {
            return PreflightResult.fail("no node to check");
        }
        List<String> lacking = new ArrayList<>();
        List<String> fine = new ArrayList<>();
        for (NodeDisk disk : nodes) {
            long added = Math.max(0, COPIES * disk.journalBytes() - disk.backupBytes());
            long needed = added + reserveBytes;
            String need = size(added) + " for the backup and the rewritten rows (twice the " + size(disk.journalBytes())
                    + " of the journal" + (disk.backupBytes() > 0 ? ", less the " + size(disk.backupBytes())
                    + " backed up already" : "") + ") plus a reserve of " + size(reserveBytes);
            if (disk.freeBytes().isEmpty()) {
                lacking.add(disk.node() + ": free space unknown (" + disk.freeSource() + "); it needs " + need + ": "
                        + unknownFreeAdvice);
            } else if (disk.freeBytes().getAsLong() < needed) {
                lacking.add(disk.node() + ": " + size(disk.freeBytes().getAsLong()) + " free (" + disk.freeSource()
                        + "), it needs " + need + ": free disk space on the node or give it more, then run again");
            } else {
                fine.add(disk.node() + " " + size(disk.freeBytes().getAsLong()) + " free, needs " + size(needed));
            }
        }
        if (!lacking.isEmpty()) {
            return PreflightResult.fail(String.join("; ", lacking));
        }
        return PreflightResult.pass(String.join(", ", fine));
    }

    /** {@code 1.5 GiB}, {@code 12 MiB}, {@code 800 B}. */
    static String size(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, value >= 100 ? "%.0f %s" : "%.1f %s", value,
                units[unit]);
    }
}
