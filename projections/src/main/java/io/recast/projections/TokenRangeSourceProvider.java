package io.recast.projections;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.projection.javadsl.SourceProvider;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The source of one slice of a token-range projection: the slice's token ranges in increasing index order, starting
 * after the last one whose offset was stored. A rebuild reads {@code messages} by token ranges: {@code eventsByTag}
 * cannot be the source of the tag views' own rebuild, and a full scan is many times faster than it for the others.
 */
final class TokenRangeSourceProvider extends SourceProvider<Long, TokenRangeEnvelope> {

    private final List<Integer> rangeIndexes;

    /** @param rangeIndexes the slice's ranges, in increasing order */
    TokenRangeSourceProvider(List<Integer> rangeIndexes) {
        this.rangeIndexes = List.copyOf(rangeIndexes);
    }

    @Override
    public CompletionStage<Source<TokenRangeEnvelope, NotUsed>> source(
            Supplier<CompletionStage<Optional<Long>>> offset) {
        return offset.get().thenApply(stored -> {
            long after = stored.orElse(-1L);
            return Source.from(rangeIndexes.stream().filter(index -> index > after)
                    .map(TokenRangeEnvelope::new).toList());
        });
    }

    @Override
    public Long extractOffset(TokenRangeEnvelope envelope) {
        return (long) envelope.rangeIndex();
    }

    @Override
    public long extractCreationTime(TokenRangeEnvelope envelope) {
        return 0L;
    }
}
