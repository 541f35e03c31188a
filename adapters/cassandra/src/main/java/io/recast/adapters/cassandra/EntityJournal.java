package io.recast.adapters.cassandra;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import io.recast.engine.event.ManifestCodec;
import io.recast.engine.event.Payload;
import io.recast.engine.event.StoredEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads the events of one persistence id from {@code messages}, every partition in order, as the plugin's recovery
 * does; and turns journal rows into {@link StoredEvent}s. Live projections use it to fold an entity again whenever
 * one of its events arrives.
 */
public final class EntityJournal {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final CqlSession session;
    private final ManifestCodec manifests;
    private final PreparedStatement selectPartition;

    public EntityJournal(CqlSession session, String keyspace, ManifestCodec manifests) {
        this.session = Objects.requireNonNull(session, "session");
        this.manifests = Objects.requireNonNull(manifests, "manifests");
        this.selectPartition = session.prepare("SELECT " + JournalRow.COLUMNS + " FROM "
                + JournalSchema.checkKeyspace(keyspace) + "." + JournalSchema.MESSAGES
                + " WHERE persistence_id = ? AND partition_nr = ?");
    }

    /** Every event of the persistence id, in sequence order; empty when it has none. */
    public List<StoredEvent> events(String persistenceId) {
        List<StoredEvent> events = new ArrayList<>();
        for (long partition = 0; ; partition++) {
            int before = events.size();
            for (Row row : session.execute(selectPartition.bind(persistenceId, partition)
                    .setConsistencyLevel(ConsistencyLevel.LOCAL_QUORUM).setTimeout(TIMEOUT))) {
                events.add(event(JournalRow.from(row), manifests));
            }
            // The plugin starts a new partition only when the previous one is full, so an empty one ends the id.
            if (events.size() == before) {
                return events;
            }
        }
    }

    /** The event of a journal row. */
    public static StoredEvent event(JournalRow row, ManifestCodec manifests) {
        return StoredEvent.builder()
                .persistenceId(row.persistenceId())
                .sequenceNr(row.sequenceNr())
                .timestamp(Timeuuids.instant(row.timestamp()))
                .tags(row.tags())
                .serializerId(row.serId())
                .type(manifests.decode(row.serManifest()))
                .payload(Payload.ofBytes(row.event()))
                .build();
    }
}
