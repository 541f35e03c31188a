/**
 * The plugin's tag views ({@code tag_views}, {@code tag_write_progress}, {@code tag_scanning}), reset and rebuilt from
 * {@code messages} exactly as the live tag writer of Pekko Persistence Cassandra 1.1.0 writes them (see
 * {@code docs/journal-schema.md}, sections 6 to 10).
 *
 * <p>{@link io.recast.adapters.cassandra.tagviews.TagViewReset} truncates the three tables;
 * {@link io.recast.adapters.cassandra.tagviews.TagViewRebuild} fills them again, token range by token range, with
 * checkpoints so that a killed rebuild resumes. Both must run while no persistent actor of the journal is running.
 */
package io.recast.adapters.cassandra.tagviews;
