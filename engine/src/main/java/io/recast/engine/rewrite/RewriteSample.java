package io.recast.engine.rewrite;

import java.util.List;

/**
 * One event before and after, for a dry run's report.
 *
 * @param persistenceId the id
 * @param sequenceNr    the source event's sequence number
 * @param before        {@code Name@revision} and the stored JSON
 * @param after         each output's {@code #sequenceNr Name@revision} and JSON (none when dropped)
 */
public record RewriteSample(String persistenceId, long sequenceNr, String before, List<String> after) {

    public RewriteSample {
        after = List.copyOf(after);
    }
}
