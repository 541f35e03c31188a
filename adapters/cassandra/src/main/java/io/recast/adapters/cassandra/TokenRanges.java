package io.recast.adapters.cassandra;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Splits the Murmur3 token ring into equal, contiguous {@link TokenRange}s. */
public final class TokenRanges {

    /** The largest number of ranges {@link #split(int)} accepts. */
    public static final int MAX_RANGES = 1 << 20;

    /** The number of {@code long} values: 2^64. */
    private static final BigInteger RING_SIZE = BigInteger.ONE.shiftLeft(64);

    private TokenRanges() {
    }

    /**
     * Splits the whole ring into {@code n} ranges of (nearly) equal size, in token order. The first starts at
     * {@link Long#MIN_VALUE} (included), each next one starts where the previous one ends, and the last ends at
     * {@link Long#MAX_VALUE}: every token is in exactly one range. The result depends only on {@code n}.
     *
     * @param n between 1 and {@link #MAX_RANGES}
     */
    public static List<TokenRange> split(int n) {
        if (n < 1 || n > MAX_RANGES) {
            throw new IllegalArgumentException("The number of token ranges must be between 1 and " + MAX_RANGES
                    + ", was " + n);
        }
        BigInteger min = BigInteger.valueOf(Long.MIN_VALUE);
        BigInteger count = BigInteger.valueOf(n);
        List<TokenRange> ranges = new ArrayList<>(n);
        long start = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            long end = i == n - 1 ? Long.MAX_VALUE
                    : min.add(RING_SIZE.multiply(BigInteger.valueOf(i + 1L)).divide(count))
                            .subtract(BigInteger.ONE).longValueExact();
            ranges.add(new TokenRange(start, end, i));
            start = end;
        }
        return Collections.unmodifiableList(ranges);
    }

    /**
     * The range of {@code ranges} (a result of {@link #split(int)}) that contains the token.
     *
     * @throws IllegalArgumentException if none does (the ranges do not cover the ring)
     */
    public static TokenRange find(List<TokenRange> ranges, long token) {
        int low = 0;
        int high = ranges.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            TokenRange range = ranges.get(middle);
            if (range.contains(token)) {
                return range;
            }
            if (token > range.end()) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        throw new IllegalArgumentException("No range contains token " + token);
    }
}
