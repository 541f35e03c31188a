package io.recast.adapters.cassandra.tagviews;

import java.util.Objects;

/** A partition of {@code tag_views}: a tag and a time bucket. */
public record TagViewPartition(String tag, long timeBucket) {

    public TagViewPartition {
        Objects.requireNonNull(tag, "tag");
    }

    @Override
    public String toString() {
        return tag + " @ " + timeBucket;
    }
}
