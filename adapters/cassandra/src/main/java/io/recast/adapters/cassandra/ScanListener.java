package io.recast.adapters.cassandra;

/**
 * Learns which token ranges a {@link TokenRangeScanner} scan has finished, for checkpointing: a range reported here
 * can be passed in the {@code skip} set of a later scan of the same split.
 */
@FunctionalInterface
public interface ScanListener {

    /** A listener that ignores everything. */
    ScanListener NONE = (range, rows) -> { };

    /**
     * Called once per range after the {@link RangeConsumer} has accepted the range's last row, on the thread that read
     * the range; different ranges report concurrently. Throwing aborts the scan like a failing consumer.
     *
     * @param rows the number of rows the range delivered
     */
    void rangeDone(TokenRange range, long rows) throws Exception;
}
