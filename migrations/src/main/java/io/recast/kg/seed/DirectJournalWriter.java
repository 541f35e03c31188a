package io.recast.kg.seed;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import io.recast.adapters.cassandra.JournalSchema;
import io.recast.kg.KgCommand;
import io.recast.kg.v1_0.Domain;
import io.recast.kg.v1_0.EntityState;
import io.recast.kg.v1_0.KgEvent;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;

/**
 * Writes a {@link SeedPlan} as the plugin's own {@code messages} rows, without running the entities: the events come
 * from the v1.0 domain, are serialized by Pekko's own serialization (the service's Jackson serializer, identifier and
 * manifest), and are inserted with the plugin's insert statement, partition numbers, time-based UUIDs, time buckets,
 * tags and {@code all_persistence_ids} rows. Hundreds of times faster than going through the entities, for large
 * journals; a test proves that the service recovers every entity from such a journal. Tag views are not written
 * (as after a truncation); the tag view rebuild fills them.
 */
public final class DirectJournalWriter {

    private static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();

    private final CqlSession session;
    private final String keyspace;
    private final Serialization serialization;
    private final int maxInFlight;

    /** @param system an actor system with the service's serialization configuration (see {@code KgActorSystem}) */
    public DirectJournalWriter(CqlSession session, String keyspace, ActorSystem system, int maxInFlight) {
        this.session = session;
        this.keyspace = keyspace;
        this.serialization = SerializationExtension.get(system);
        this.maxInFlight = maxInFlight;
    }

    /** Creates the journal keyspace and tables if missing, then writes every event of the plan. */
    public JournalSeeder.SeedResult write(SeedPlan plan, LongConsumer progress) {
        long started = System.nanoTime();
        session.execute(JournalSchema.createJournalKeyspace(keyspace, 1));
        JournalSchema.createJournalTables(session, keyspace);
        PreparedStatement insert = session.prepare(JournalSchema.insertMessage(keyspace, false));
        PreparedStatement insertPid = session.prepare("INSERT INTO " + keyspace + "."
                + JournalSchema.ALL_PERSISTENCE_IDS + " (persistence_id) VALUES (?)");
        String writer = UUID.randomUUID().toString();
        Semaphore inFlight = new Semaphore(maxInFlight);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long written = 0;
        for (EntityScript script : plan.entities()) {
            EntityState state = EntityState.initial(script.kind());
            long sequenceNr = 0;
            for (KgCommand command : script.commands()) {
                KgEvent event = Domain.decide(state, command);
                state = Domain.evolve(state, event);
                sequenceNr++;
                Serializer serializer = serialization.findSerializerFor(event);
                UUID timestamp = Uuids.timeBased();
                long millis = Uuids.unixTimestamp(timestamp);
                submit(inFlight, failure, insert.bind(script.persistenceId(),
                        JournalSchema.partitionNr(sequenceNr, JournalSchema.DEFAULT_TARGET_PARTITION_SIZE), sequenceNr,
                        timestamp, Long.toString(millis - millis % HOUR_MILLIS), writer, serializer.identifier(),
                        Serializers.manifestFor(serializer, event), "", ByteBuffer.wrap(serializer.toBinary(event)),
                        Domain.tags(event)));
                written++;
            }
            submit(inFlight, failure, insertPid.bind(script.persistenceId()));
            progress.accept(written);
        }
        inFlight.acquireUninterruptibly(maxInFlight);
        if (failure.get() != null) {
            throw new IllegalStateException("Writing the journal failed: " + failure.get().getMessage(), failure.get());
        }
        return new JournalSeeder.SeedResult(plan.entities().size(), written, Duration.ofNanos(System.nanoTime() - started));
    }

    private void submit(Semaphore inFlight, AtomicReference<Throwable> failure,
                        com.datastax.oss.driver.api.core.cql.Statement<?> statement) {
        if (failure.get() != null) {
            throw new IllegalStateException("Writing the journal failed: " + failure.get().getMessage(), failure.get());
        }
        inFlight.acquireUninterruptibly();
        CompletableFuture<?> done = session.executeAsync(statement.setIdempotent(true)).toCompletableFuture();
        done.whenComplete((result, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
            inFlight.release();
        });
    }
}
