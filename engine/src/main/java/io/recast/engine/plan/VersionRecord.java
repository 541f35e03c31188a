package io.recast.engine.plan;

import java.time.Instant;
import java.util.Objects;

/**
 * The version a journal is at, and which migration put it there.
 *
 * @param version    the version, e.g. {@code 1.1}
 * @param from       the version it was migrated from
 * @param checksum   the checksum of that migration
 * @param runId      the run that finished it
 * @param recordedAt when
 */
public record VersionRecord(String version, String from, String checksum, String runId, Instant recordedAt) {

    public VersionRecord {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
