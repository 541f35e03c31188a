package io.recast.projections;

/**
 * What a token-range projection consumes: one token range of {@code messages}, by its index. The index is also
 * the projection's offset, since a slice's ranges are handled in increasing order.
 *
 * @param rangeIndex the range's index among the rebuild's ranges
 */
public record TokenRangeEnvelope(int rangeIndex) {

    public TokenRangeEnvelope {
        if (rangeIndex < 0) {
            throw new IllegalArgumentException("a range index cannot be negative, was " + rangeIndex);
        }
    }
}
