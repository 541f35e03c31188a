package io.recast.projections.views;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.persistence.cassandra.query.javadsl.CassandraReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.projection.javadsl.SourceProvider;
import org.apache.pekko.stream.javadsl.Source;

/**
 * {@code eventsByTag} of one tag from the stored offset, or, before any offset is stored, from a start offset (a
 * little before the replay that preceded the live projection started).
 */
final class EventsByTagSourceProvider extends SourceProvider<Offset, EventEnvelope> {

    private final CassandraReadJournal journal;
    private final String tag;
    private final Offset start;

    EventsByTagSourceProvider(CassandraReadJournal journal, String tag, Offset start) {
        this.journal = journal;
        this.tag = tag;
        this.start = start;
    }

    @Override
    public CompletionStage<Source<EventEnvelope, NotUsed>> source(Supplier<CompletionStage<Optional<Offset>>> offset) {
        return offset.get().thenApply(stored -> journal.eventsByTag(tag, stored.orElse(start)));
    }

    @Override
    public Offset extractOffset(EventEnvelope envelope) {
        return envelope.offset();
    }

    @Override
    public long extractCreationTime(EventEnvelope envelope) {
        return envelope.timestamp();
    }
}
