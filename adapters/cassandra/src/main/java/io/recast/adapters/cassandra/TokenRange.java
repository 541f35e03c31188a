package io.recast.adapters.cassandra;

/**
 * A contiguous slice of the Murmur3 token ring: the tokens {@code t} with {@code start < t <= end}.
 *
 * <p>Murmur3 tokens of partition keys lie in {@code (Long.MIN_VALUE, Long.MAX_VALUE]}: Cassandra's partitioner maps
 * the one hash equal to {@link Long#MIN_VALUE} to {@link Long#MAX_VALUE}. To be safe anyway, a range that starts at
 * {@link Long#MIN_VALUE} also contains {@link Long#MIN_VALUE} ({@link #includesStart()}), so the ranges of
 * {@link TokenRanges#split(int)} cover every {@code long}.
 *
 * @param start the exclusive lower bound, except for {@link Long#MIN_VALUE}, which is included
 * @param end   the inclusive upper bound
 * @param index the position of this range in its split, from 0; a checkpoint is only meaningful together with the
 *              number of ranges of the split
 */
public record TokenRange(long start, long end, int index) {

    public TokenRange {
        if (end <= start) {
            throw new IllegalArgumentException("A token range must end after its start: (" + start + ", " + end + "]");
        }
        if (index < 0) {
            throw new IllegalArgumentException("A token range index cannot be negative: " + index);
        }
    }

    /** Whether {@link #start()} itself belongs to the range (only when it is {@link Long#MIN_VALUE}). */
    public boolean includesStart() {
        return start == Long.MIN_VALUE;
    }

    /** Whether the token lies in this range. */
    public boolean contains(long token) {
        return (token > start || (token == start && includesStart())) && token <= end;
    }

    @Override
    public String toString() {
        return "TokenRange#" + index + (includesStart() ? "[" : "(") + start + ", " + end + "]";
    }
}
