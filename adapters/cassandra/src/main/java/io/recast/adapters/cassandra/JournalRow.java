package io.recast.adapters.cassandra;

import com.datastax.oss.driver.api.core.cql.Row;
import io.recast.engine.event.TagSet;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One row of the plugin's {@code messages} table, every column, still serialized.
 *
 * <p>The byte arrays are not copied: a row read by {@link #from(Row)} owns fresh arrays, and callers must not modify
 * the arrays they get or pass in. {@link #equals(Object)} and {@link #hashCode()} compare their content;
 * {@link #toString()} shows only their sizes.
 *
 * @param persistenceId   {@code persistence_id}, first part of the partition key
 * @param partitionNr     {@code partition_nr}, second part of the partition key: {@code (sequence_nr - 1) /
 *                        target-partition-size}, or one more when the event was written in a batch that ended in
 *                        the next partition (see {@link JournalSchema#partitionNr(long, long)})
 * @param sequenceNr      {@code sequence_nr}, first clustering column: the event's sequence number, from 1
 * @param timestamp       {@code timestamp}, second clustering column: the event's time-based (version 1) UUID,
 *                        used as the offset of {@code eventsByTag} and to pick its time bucket
 * @param timebucket      {@code timebucket}: the time bucket key (epoch millis rounded down to the bucket size) as
 *                        decimal text; {@code null} in rows of very old plugin versions
 * @param writerUuid      {@code writer_uuid}: the UUID of the persistent actor incarnation that wrote the event
 * @param serId           {@code ser_id}: the Pekko serializer id of {@code event}
 * @param serManifest     {@code ser_manifest}: the serializer manifest of {@code event} (may be empty)
 * @param eventManifest   {@code event_manifest}: the {@code PersistentRepr.manifest} used by event adapters
 *                        (usually empty)
 * @param event           {@code event}: the serialized event (never {@code null})
 * @param metaSerId       {@code meta_ser_id}: the serializer id of {@code meta}, {@code null} when there is no
 *                        metadata
 * @param metaSerManifest {@code meta_ser_manifest}: the serializer manifest of {@code meta}, or {@code null}
 * @param meta            {@code meta}: the serialized event metadata, or {@code null}
 * @param tags            {@code tags}: the event's tags (empty when untagged; an empty set is stored as null)
 */
public record JournalRow(String persistenceId, long partitionNr, long sequenceNr, UUID timestamp, String timebucket,
                         String writerUuid, int serId, String serManifest, String eventManifest, byte[] event,
                         Integer metaSerId, String metaSerManifest, byte[] meta, Set<String> tags) {

    /** The columns, in the order {@link #from(Row)} expects them. */
    public static final String COLUMNS = "persistence_id, partition_nr, sequence_nr, timestamp, timebucket, "
            + "writer_uuid, ser_id, ser_manifest, event_manifest, event, meta_ser_id, meta_ser_manifest, meta, tags";

    public JournalRow {
        Objects.requireNonNull(persistenceId, "persistenceId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(event, "event");
        // a TagSet (decoded from the row, or an event's tags) is already immutable
        tags = tags == null ? Set.of() : tags instanceof TagSet decoded ? decoded : Set.copyOf(tags);
    }


    /**
     * Reads a row selected as {@code SELECT } {@link #COLUMNS} (by position, in that order).
     *
     * @throws IllegalArgumentException if the row does not have those 14 columns
     * @throws IllegalStateException    if the row has no {@code event} (rows of plugin versions before 0.60 kept the
     *                                  whole serialized {@code PersistentRepr} in a {@code message} column instead)
     */
    public static JournalRow from(Row row) {
        if (row.getColumnDefinitions().size() != 14 || !"persistence_id".equals(
                row.getColumnDefinitions().get(0).getName().asInternal())) {
            throw new IllegalArgumentException("Expected a row selected as: " + COLUMNS);
        }
        ByteBuffer event = row.getBytesUnsafe(9);
        if (event == null) {
            throw new IllegalStateException("messages row " + row.getString(0) + "/" + row.getLong(2)
                    + " has no event (written by a plugin version that stored the whole PersistentRepr?)");
        }
        // every column decoded from its bytes directly: the driver's codecs (and their lookup by Java type on every
        // typed getter) cost a third of a dry run's reading
        ByteBuffer metaSerId = row.getBytesUnsafe(10);
        return new JournalRow(CqlText.text(row.getBytesUnsafe(0)), CqlText.bigint(row.getBytesUnsafe(1)),
                CqlText.bigint(row.getBytesUnsafe(2)), CqlText.uuid(row.getBytesUnsafe(3)),
                CqlText.text(row.getBytesUnsafe(4)), CqlText.text(row.getBytesUnsafe(5)),
                CqlText.int32(row.getBytesUnsafe(6)), CqlText.text(row.getBytesUnsafe(7)),
                CqlText.text(row.getBytesUnsafe(8)), CqlText.blob(event),
                metaSerId == null ? null : CqlText.int32(metaSerId), CqlText.text(row.getBytesUnsafe(11)),
                CqlText.blob(row.getBytesUnsafe(12)), CqlText.textSet(row.getBytesUnsafe(13)));
    }

    /**
     * This row bound to {@link JournalSchema#insertMessage(String, boolean)} (with the meta columns when
     * {@link #hasMeta()}), each column as the bytes the driver's codec would make of it but without its lookup and
     * encoding (see {@link CqlValues}); idempotent.
     *
     * @param insert    the prepared insert, with the meta columns exactly when this row has them
     * @param writeTime the write time in microseconds bound to a trailing {@code USING TIMESTAMP ?}, or -1 when the
     *                  statement has none
     */
    public com.datastax.oss.driver.api.core.cql.BoundStatement bindInsert(
            com.datastax.oss.driver.api.core.cql.PreparedStatement insert, long writeTime) {
        com.datastax.oss.driver.api.core.cql.BoundStatementBuilder bound = insert.boundStatementBuilder();
        int i = 0;
        bound.setBytesUnsafe(i++, CqlValues.text(persistenceId));
        bound.setBytesUnsafe(i++, CqlValues.bigint(partitionNr));
        bound.setBytesUnsafe(i++, CqlValues.bigint(sequenceNr));
        bound.setBytesUnsafe(i++, CqlValues.uuid(timestamp));
        bound.setBytesUnsafe(i++, CqlValues.text(timebucket));
        bound.setBytesUnsafe(i++, CqlValues.text(writerUuid));
        bound.setBytesUnsafe(i++, CqlValues.int32(serId));
        bound.setBytesUnsafe(i++, CqlValues.text(serManifest));
        bound.setBytesUnsafe(i++, CqlValues.text(eventManifest));
        bound.setBytesUnsafe(i++, CqlValues.blob(event));
        if (hasMeta()) {
            bound.setBytesUnsafe(i++, CqlValues.int32(metaSerId));
            bound.setBytesUnsafe(i++, CqlValues.text(metaSerManifest));
            bound.setBytesUnsafe(i++, CqlValues.blob(meta));
        }
        bound.setBytesUnsafe(i++, CqlValues.textSet(tags));
        if (writeTime >= 0) {
            bound.setBytesUnsafe(i++, CqlValues.bigint(writeTime));
        }
        if (i != insert.getVariableDefinitions().size()) {
            throw new IllegalArgumentException("The insert binds " + insert.getVariableDefinitions().size()
                    + " values, this row " + i + " (meta columns: " + hasMeta() + ", write time: " + (writeTime >= 0)
                    + "): " + insert.getQuery());
        }
        return bound.setIdempotence(true).build();
    }

    /** Whether the event carries metadata ({@code meta} is not null). */
    public boolean hasMeta() {
        return meta != null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JournalRow that
                && partitionNr == that.partitionNr
                && sequenceNr == that.sequenceNr
                && serId == that.serId
                && persistenceId.equals(that.persistenceId)
                && timestamp.equals(that.timestamp)
                && Objects.equals(timebucket, that.timebucket)
                && Objects.equals(writerUuid, that.writerUuid)
                && Objects.equals(serManifest, that.serManifest)
                && Objects.equals(eventManifest, that.eventManifest)
                && Arrays.equals(event, that.event)
                && Objects.equals(metaSerId, that.metaSerId)
                && Objects.equals(metaSerManifest, that.metaSerManifest)
                && Arrays.equals(meta, that.meta)
                && tags.equals(that.tags);
    }

    @Override
    public int hashCode() {
        int result = Objects.hash(persistenceId, partitionNr, sequenceNr, timestamp, timebucket, writerUuid, serId,
                serManifest, eventManifest, metaSerId, metaSerManifest, tags);
        result = 31 * result + Arrays.hashCode(event);
        return 31 * result + Arrays.hashCode(meta);
    }

    /** Shows every column except the payloads, whose sizes it shows instead. */
    @Override
    public String toString() {
        return "JournalRow[persistenceId=" + persistenceId + ", partitionNr=" + partitionNr
                + ", sequenceNr=" + sequenceNr + ", timestamp=" + timestamp + ", timebucket=" + timebucket
                + ", writerUuid=" + writerUuid + ", serId=" + serId + ", serManifest=" + serManifest
                + ", eventManifest=" + eventManifest + ", event=" + event.length + " bytes"
                + ", metaSerId=" + metaSerId + ", metaSerManifest=" + metaSerManifest
                + ", meta=" + (meta == null ? "null" : meta.length + " bytes") + ", tags=" + tags + "]";
    }
}
