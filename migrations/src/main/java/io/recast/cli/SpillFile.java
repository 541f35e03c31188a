package io.recast.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Records written to a file on disk, then read back once in the order they were written: how the bench prepares
 * a raw load with bounded memory (written untimed, record by record) and then streams it to the raw writer while
 * timed. Each record is a payload of bytes and the number of items (rows, documents, statements) it carries. The
 * file is deleted on {@link #close()}.
 */
final class SpillFile implements AutoCloseable {

    private static final int BUFFER = 1 << 20;

    /** One record: {@code items} rows, documents or statements, encoded in {@code bytes}. */
    record Record(int items, byte[] bytes) {

        Record {
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    private final Path file;
    private DataOutputStream output;
    private DataInputStream input;
    private long records;
    private long items;

    private SpillFile(Path file) throws IOException {
        this.file = file;
        this.output = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), BUFFER));
    }

    /** A new, empty spill file in {@code dir} (created when missing), named after {@code purpose}. */
    static SpillFile create(Path dir, String purpose) {
        try {
            Files.createDirectories(dir);
            return new SpillFile(Files.createTempFile(dir, purpose + "-", ".spill"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends a record; callers on several threads are written one after the other. */
    synchronized void append(int items, byte[] bytes) {
        if (output == null) {
            throw new IllegalStateException("the spill file " + file.getFileName() + " is being read: no more records");
        }
        try {
            output.writeInt(items);
            output.writeInt(bytes.length);
            output.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        records++;
        this.items += items;
    }

    /** The records appended. */
    synchronized long records() {
        return records;
    }

    /** The items of all records appended. */
    synchronized long items() {
        return items;
    }

    /** Ends the writing and reads the records back, in order, one at a time (once). */
    synchronized Iterator<Record> read() {
        if (input != null) {
            throw new IllegalStateException("the spill file " + file.getFileName() + " is read once");
        }
        try {
            output.close();
            output = null;
            input = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), BUFFER));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DataInputStream in = input;
        return new Iterator<>() {
            private long left = records;

            @Override
            public boolean hasNext() {
                return left > 0;
            }

            @Override
            public Record next() {
                if (left == 0) {
                    throw new NoSuchElementException();
                }
                try {
                    int count = in.readInt();
                    byte[] bytes = new byte[in.readInt()];
                    in.readFully(bytes);
                    left--;
                    return new Record(count, bytes);
                } catch (EOFException e) {
                    throw new IllegalStateException("the spill file " + file.getFileName() + " ends before its "
                            + records + " records", e);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    /** Closes and deletes the file. */
    @Override
    public synchronized void close() {
        try {
            if (output != null) {
                output.close();
            }
            if (input != null) {
                input.close();
            }
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file, while it exists. */
    Path file() {
        return file;
    }
}
