package io.recast.adapters.cassandra;

/**
 * Receives the rows of a {@link TokenRangeScanner} scan.
 *
 * <p>Each token range is read by one worker thread, which calls {@link #accept} for the rows of that range one after
 * the other, in the order Cassandra returns them: partition after partition, each (persistence_id, partition_nr)
 * partition's rows together and in (sequence_nr, timestamp) order. Different ranges are delivered concurrently from
 * different threads, so an implementation that shares state across ranges must be thread-safe. The scan reads the
 * next page only while the current one is being consumed, so a slow consumer slows the scan down instead of letting
 * rows pile up in memory.
 */
@FunctionalInterface
public interface RangeConsumer {

    /**
     * Consumes one row. Throwing aborts the whole scan: the scan stops the other ranges and throws a
     * {@link TokenRangeScanException} with this exception as its cause.
     */
    void accept(TokenRange range, JournalRow row) throws Exception;
}
