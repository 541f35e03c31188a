package io.recast.engine.rewrite;

import io.recast.engine.event.StoredEvent;
import java.util.List;
import java.util.Objects;

/**
 * What became of one stored event: its outputs (itself when unchanged, none when dropped, several when split), with
 * their final sequence numbers.
 */
public record EventRewrite(StoredEvent source, List<StoredEvent> outputs) {

    public EventRewrite {
        Objects.requireNonNull(source, "source");
        outputs = List.copyOf(outputs);
    }

    /** Whether the stored row must change (a new payload, manifest, tags or sequence number, or none at all). */
    public boolean changed() {
        return outputs.size() != 1 || !outputs.get(0).equals(source);
    }
}
