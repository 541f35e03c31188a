package io.recast.cli;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import io.recast.adapters.cassandra.CqlValues;
import io.recast.adapters.cassandra.JournalRow;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One {@code tag_views} row of the bench's raw insert, with the columns of the plugin's insert without metadata
 * ({@code TagViewRebuild.insertTagView(keyspace, false)}), and its encoding in a {@link SpillFile} record (a batch of
 * rows).
 */
record TagViewRow(String tag, long bucket, UUID timestamp, long tagPidSequenceNr, byte[] event, String eventManifest,
                  String persistenceId, long sequenceNr, int serId, String serManifest, String writerUuid) {

    TagViewRow {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(persistenceId, "persistenceId");
    }

    /** The row of {@code tag} for a journal row, in the time bucket {@code bucket}. */
    static TagViewRow of(String tag, long bucket, long tagPidSequenceNr, JournalRow row) {
        return new TagViewRow(tag, bucket, row.timestamp(), tagPidSequenceNr, row.event(), row.eventManifest(),
                row.persistenceId(), row.sequenceNr(), row.serId(), row.serManifest(), row.writerUuid());
    }

    /** The key of its partition, tag and time bucket separated by a NUL. */
    String partition() {
        return tag + "\u0000" + bucket;
    }

    /** The bytes it adds to a batch, as the raw insert estimates them: its event and 256 for the rest. */
    int estimatedBytes() {
        return event.length + 256;
    }

    /**
     * It bound to the tag view insert ({@code TagViewRebuild.insertTagView(keyspace, false)}), each value as its bytes
     * ({@link CqlValues}), as Recast's tag view writer binds its rows: the raw insert must not pay codec lookups that
     * the writer it bounds does not.
     */
    BoundStatement bind(PreparedStatement insert) {
        return insert.boundStatementBuilder()
                .setBytesUnsafe(0, CqlValues.text(tag))
                .setBytesUnsafe(1, CqlValues.bigint(bucket))
                .setBytesUnsafe(2, CqlValues.uuid(timestamp))
                .setBytesUnsafe(3, CqlValues.bigint(tagPidSequenceNr))
                .setBytesUnsafe(4, CqlValues.blob(event))
                .setBytesUnsafe(5, CqlValues.text(eventManifest))
                .setBytesUnsafe(6, CqlValues.text(persistenceId))
                .setBytesUnsafe(7, CqlValues.bigint(sequenceNr))
                .setBytesUnsafe(8, CqlValues.int32(serId))
                .setBytesUnsafe(9, CqlValues.text(serManifest))
                .setBytesUnsafe(10, CqlValues.text(writerUuid))
                .build();
    }

    /** Encodes a batch of rows. */
    static byte[] encode(List<TagViewRow> rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(rows.size());
            for (TagViewRow row : rows) {
                writeText(out, row.tag);
                out.writeLong(row.bucket);
                out.writeLong(row.timestamp.getMostSignificantBits());
                out.writeLong(row.timestamp.getLeastSignificantBits());
                out.writeLong(row.tagPidSequenceNr);
                out.writeInt(row.event.length);
                out.write(row.event);
                writeText(out, row.eventManifest);
                writeText(out, row.persistenceId);
                out.writeLong(row.sequenceNr);
                out.writeInt(row.serId);
                writeText(out, row.serManifest);
                writeText(out, row.writerUuid);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Decodes a batch that {@link #encode(List)} wrote. */
    static List<TagViewRow> decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            int count = in.readInt();
            List<TagViewRow> rows = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String tag = readText(in);
                long bucket = in.readLong();
                UUID timestamp = new UUID(in.readLong(), in.readLong());
                long tagPidSequenceNr = in.readLong();
                byte[] event = new byte[in.readInt()];
                in.readFully(event);
                rows.add(new TagViewRow(tag, bucket, timestamp, tagPidSequenceNr, event, readText(in), readText(in),
                        in.readLong(), in.readInt(), readText(in), readText(in)));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeText(DataOutputStream out, String text) throws IOException {
        if (text == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readText(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] utf8 = new byte[length];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
