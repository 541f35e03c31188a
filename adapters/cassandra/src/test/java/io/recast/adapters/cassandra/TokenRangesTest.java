package io.recast.adapters.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenRangesTest {

    private static final BigInteger RING = BigInteger.ONE.shiftLeft(64);

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 16, 64, 1000, TokenRanges.MAX_RANGES})
    void splitCoversTheWholeRingWithoutGapOrOverlap(int n) {
        List<TokenRange> ranges = TokenRanges.split(n);

        assertEquals(n, ranges.size());
        assertEquals(Long.MIN_VALUE, ranges.get(0).start());
        assertEquals(Long.MAX_VALUE, ranges.get(n - 1).end());
        BigInteger covered = BigInteger.ONE; // Long.MIN_VALUE, included by the first range
        for (int i = 0; i < n; i++) {
            TokenRange range = ranges.get(i);
            assertEquals(i, range.index());
            if (i > 0) {
                assertEquals(ranges.get(i - 1).end(), range.start(), "range " + i + " starts where " + (i - 1)
                        + " ends: no gap, and (start exclusive) no overlap");
            }
            covered = covered.add(BigInteger.valueOf(range.end()).subtract(BigInteger.valueOf(range.start())));
        }
        assertEquals(RING, covered, "the ranges hold 2^64 tokens together, each exactly once");
    }

    @Test
    void oneRangeHoldsEveryToken() {
        TokenRange only = TokenRanges.split(1).get(0);

        assertEquals(new TokenRange(Long.MIN_VALUE, Long.MAX_VALUE, 0), only);
        for (long token : new long[] {Long.MIN_VALUE, Long.MIN_VALUE + 1, -1, 0, 1, Long.MAX_VALUE - 1,
                Long.MAX_VALUE}) {
            assertTrue(only.contains(token), "token " + token);
        }
    }

    @Test
    void sixtyFourRangesHoldTwoToTheFiftyEightTokensEach() {
        List<TokenRange> ranges = TokenRanges.split(64);

        BigInteger size = RING.divide(BigInteger.valueOf(64));
        for (TokenRange range : ranges) {
            BigInteger tokens = BigInteger.valueOf(range.end()).subtract(BigInteger.valueOf(range.start()))
                    .add(range.includesStart() ? BigInteger.ONE : BigInteger.ZERO);
            assertEquals(size, tokens, range.toString());
        }
        assertEquals(Long.MIN_VALUE + (1L << 58) - 1, ranges.get(0).end(), "the first range holds 2^58 tokens");
        assertEquals(-1L, ranges.get(31).end(), "the middle boundary is -1 | 0");
        assertEquals(-1L, ranges.get(32).start(), "exclusive: token 0 is the first of range 32");
        assertTrue(ranges.get(32).contains(0L));
    }

    @Test
    void onlyTheFirstRangeIncludesItsStart() {
        List<TokenRange> ranges = TokenRanges.split(16);

        assertTrue(ranges.get(0).includesStart());
        assertTrue(ranges.get(0).contains(Long.MIN_VALUE));
        for (TokenRange range : ranges.subList(1, ranges.size())) {
            assertFalse(range.includesStart());
            assertFalse(range.contains(range.start()), range + " must not contain its start");
            assertTrue(range.contains(range.start() + 1));
            assertTrue(range.contains(range.end()));
            assertFalse(range.contains(range.end() + 1));
        }
    }

    @Test
    void everyTokenFallsInExactlyOneRange() {
        List<TokenRange> ranges = TokenRanges.split(64);
        List<Long> tokens = new ArrayList<>(List.of(Long.MIN_VALUE, Long.MIN_VALUE + 1, -1L, 0L, 1L,
                Long.MAX_VALUE - 1, Long.MAX_VALUE));
        for (TokenRange range : ranges) {
            tokens.add(range.start());
            tokens.add(range.end());
        }
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 10_000; i++) {
            tokens.add(random.nextLong());
        }

        for (long token : tokens) {
            List<TokenRange> holders = ranges.stream().filter(range -> range.contains(token)).toList();
            assertEquals(1, holders.size(), "token " + token + " is in " + holders);
            assertSame(holders.get(0), TokenRanges.find(ranges, token));
        }
    }

    @Test
    void splitIsDeterministicSoCheckpointsStayValid() {
        assertEquals(TokenRanges.split(64), TokenRanges.split(64));
    }

    @Test
    void rejectsRangeCountsOutsideTheSupportedBounds() {
        assertThrows(IllegalArgumentException.class, () -> TokenRanges.split(0));
        assertThrows(IllegalArgumentException.class, () -> TokenRanges.split(-1));
        assertThrows(IllegalArgumentException.class, () -> TokenRanges.split(TokenRanges.MAX_RANGES + 1));
    }

    @Test
    void rejectsEmptyOrBackwardRanges() {
        assertThrows(IllegalArgumentException.class, () -> new TokenRange(5, 5, 0));
        assertThrows(IllegalArgumentException.class, () -> new TokenRange(5, 4, 0));
        assertThrows(IllegalArgumentException.class, () -> new TokenRange(1, 4, -1));
    }
}
