package io.recast.adapters.cassandra;

import java.time.Instant;
import java.util.UUID;

/** Time-based (version 1) UUIDs, as the journal's {@code timestamp} column holds them. */
final class Timeuuids {

    /** 100-ns intervals between the UUID epoch (1582-10-15) and the Unix epoch. */
    private static final long UUID_EPOCH_OFFSET = 0x01B21DD213814000L;

    private Timeuuids() {
    }

    /** The instant of a time-based UUID. */
    static Instant instant(UUID uuid) {
        long ticks = uuid.timestamp() - UUID_EPOCH_OFFSET;
        return Instant.ofEpochSecond(Math.floorDiv(ticks, 10_000_000L), Math.floorMod(ticks, 10_000_000L) * 100);
    }

    /** The same UUID (same clock sequence and node) {@code ticks} 100-ns intervals later. */
    static UUID plusTicks(UUID uuid, long ticks) {
        if (ticks == 0) {
            return uuid;
        }
        long timestamp = uuid.timestamp() + ticks;
        long msb = ((timestamp & 0xFFFFFFFFL) << 32)
                | (((timestamp >>> 32) & 0xFFFFL) << 16)
                | 0x1000L
                | ((timestamp >>> 48) & 0x0FFFL);
        return new UUID(msb, uuid.getLeastSignificantBits());
    }
}
