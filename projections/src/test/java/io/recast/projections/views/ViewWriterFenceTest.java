package io.recast.projections.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.recast.engine.event.EventType;
import io.recast.engine.event.Payload;
import io.recast.engine.event.StoredEvent;
import io.recast.engine.migration.LockLostException;
import io.recast.engine.migration.WriteFence;
import io.recast.engine.view.EntityViewProjector;
import io.recast.engine.view.EntityViews;
import io.recast.engine.view.IndexDocument;
import io.recast.engine.view.ResourceGraph;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A view writer checks its fence before each request to the sinks and before its caller stores an offset. */
class ViewWriterFenceTest {

    /** One document and one graph per entity, at the entity's last sequence number. */
    private static final EntityViewProjector PROJECTOR = events -> {
        StoredEvent last = events.get(events.size() - 1);
        return new EntityViews(last.persistenceId(),
                Optional.of(new IndexDocument(last.persistenceId(), last.sequenceNr(),
                        JsonNodeFactory.instance.objectNode().put("id", last.persistenceId()))),
                Optional.of(new ResourceGraph("graph:" + last.persistenceId(), last.sequenceNr(), List.of())));
    };

    /** A fence that lets writes through until {@link #lose()}, then throws as a lost migration lock does. */
    private static final class LosableFence implements WriteFence {
        final AtomicBoolean lost = new AtomicBoolean();
        final AtomicInteger checks = new AtomicInteger();

        @Override
        public void check() {
            checks.incrementAndGet();
            if (lost.get()) {
                throw new LockLostException("Lost migration lock 'recast' to runner-b (test). This runner stopped"
                        + " writing");
            }
        }

        void lose() {
            lost.set(true);
        }
    }

    private static List<StoredEvent> entity(int n) {
        return List.of(StoredEvent.builder()
                .persistenceId("resource-" + n)
                .sequenceNr(1)
                .timestamp(Instant.parse("2023-05-01T10:15:30Z"))
                .serializerId(31)
                .type(EventType.parse("ResourceCreated@1"))
                .payload(Payload.ofBytes("{}".getBytes(StandardCharsets.UTF_8)))
                .build());
    }

    @Test
    void aLostLockStopsTheNextBatchBeforeItReachesTheSinks() {
        RecordingSinks sinks = new RecordingSinks();
        LosableFence fence = new LosableFence();
        try (ViewWriter writer = new ViewWriter(PROJECTOR, Optional.of(sinks.index), Optional.of(sinks.graph), 2,
                fence)) {
            ViewWriter.Batch batch = writer.replayBatch();
            batch.add(entity(1));
            batch.add(entity(2)); // a full batch of 2: written
            assertEquals(2, sinks.documentWrites.get());
            assertEquals(2, sinks.graphs.size());

            fence.lose();
            batch.add(entity(3));
            LockLostException lost = assertThrows(LockLostException.class, () -> batch.add(entity(4)));
            assertTrue(lost.getMessage().contains("stopped writing"), lost.getMessage());
            assertThrows(LockLostException.class, batch::flush);
            assertEquals(2, sinks.documentWrites.get(), "no document written once the lock was lost");
            assertEquals(2, sinks.graphs.size(), "no graph written once the lock was lost");
        }
    }

    @Test
    void flushChecksTheFenceEvenWithNothingLeftToWriteSoThatNoOffsetIsStoredAfterALostLock() {
        RecordingSinks sinks = new RecordingSinks();
        LosableFence fence = new LosableFence();
        try (ViewWriter writer = new ViewWriter(PROJECTOR, Optional.of(sinks.index), Optional.of(sinks.graph), 1,
                fence)) {
            ViewWriter.Batch batch = writer.batch();
            batch.add(entity(1)); // written at once (batches of 1)
            fence.lose();
            assertThrows(LockLostException.class, batch::flush);
            assertEquals(1, sinks.documentWrites.get());
        }
    }

    @Test
    void aWriterWithoutALockChecksNothingAndWritesAsBefore() {
        RecordingSinks sinks = new RecordingSinks();
        try (ViewWriter writer = new ViewWriter(PROJECTOR, Optional.of(sinks.index), Optional.of(sinks.graph), 2)) {
            ViewWriter.Batch batch = writer.replayBatch();
            for (int n = 1; n <= 5; n++) {
                batch.add(entity(n));
            }
            ViewWriter.Counts counts = batch.flush();
            assertEquals(5, counts.documentsWritten());
            assertEquals(5, counts.graphsWritten());
        }
    }

    @Test
    void theFencesExceptionIsFoundAmongTheCausesOfWhatStoppedAWriter() {
        LockLostException lost = new LockLostException("lost to runner-b");
        RuntimeException wrapped = new IllegalStateException("Token range 3 of the view replay failed",
                new java.util.concurrent.CompletionException(lost));
        assertEquals(Optional.of(lost), WriteFence.stoppedBy(wrapped));
        assertEquals(Optional.empty(), WriteFence.stoppedBy(new IllegalStateException("index down")));
    }
}
