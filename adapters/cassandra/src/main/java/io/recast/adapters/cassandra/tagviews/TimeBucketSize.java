package io.recast.adapters.cassandra.tagviews;

import com.datastax.oss.driver.api.core.uuid.Uuids;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * The plugin's {@code events-by-tag.bucket-size}: the length of the time buckets that partition {@code tag_views}.
 * A bucket's key is the epoch milliseconds (UTC) of its start, {@code (millis / size) * size}, as the plugin's
 * {@code TimeBucket} computes it. The setting "can not be changed after data has been written", so a rebuild must use
 * the size the live service uses.
 */
public enum TimeBucketSize {

    /** One day, 86,400,000 ms. */
    DAY(86_400_000L),
    /** One hour, 3,600,000 ms: the plugin's default. */
    HOUR(3_600_000L),
    /** One minute, 60,000 ms. */
    MINUTE(60_000L),
    /** One second, 1,000 ms: "Not to be used for real production apps", only to test bucket transitions. */
    SECOND(1_000L);

    private final long millis;

    TimeBucketSize(long millis) {
        this.millis = millis;
    }

    /** The bucket length in milliseconds. */
    public long millis() {
        return millis;
    }

    /**
     * The key of the bucket holding this epoch millisecond instant: {@code (epochMillis / size) * size}, the plugin's
     * {@code TimeBucket.roundDownBucketSize} (integer division, so instants before 1970 round towards zero as there).
     */
    public long bucketOf(long epochMillis) {
        return (epochMillis / millis) * millis;
    }

    /** The key of the bucket of a time-based UUID (the event's {@code timestamp}), like the plugin's {@code TimeBucket}. */
    public long bucketOf(UUID timeUuid) {
        return bucketOf(Uuids.unixTimestamp(Objects.requireNonNull(timeUuid, "timeUuid")));
    }

    /**
     * Parses the plugin's setting value, {@code Day}, {@code Hour}, {@code Minute} or {@code Second}, ignoring case.
     *
     * @throws IllegalArgumentException for any other value
     */
    public static TimeBucketSize fromSetting(String value) {
        Objects.requireNonNull(value, "value");
        for (TimeBucketSize size : values()) {
            if (size.name().equals(value.trim().toUpperCase(Locale.ROOT))) {
                return size;
            }
        }
        throw new IllegalArgumentException("Invalid value for bucket size: " + value
                + " (expected Day, Hour, Minute or Second)");
    }
}
