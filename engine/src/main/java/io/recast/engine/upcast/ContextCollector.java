package io.recast.engine.upcast;

import io.recast.engine.event.EventType;
import io.recast.engine.event.StoredEvent;

/**
 * Gathers facts for the {@link UpcastContext} during the first pass over the journal.
 *
 * <p>The first pass ({@link ContextPass}) asks {@link #collects(EventType)} for each event's type and
 * calls {@link #collect(StoredEvent, MutableUpcastContext)} only when the answer is yes, so the payloads
 * of all other events are never decoded. For example, a collector of {@code ProjectCreated@1.0} events
 * puts each project's base IRI under the project's id.
 *
 * <p>Implementations are called from several threads at once and should be stateless.
 */
public interface ContextCollector {

    /**
     * Whether this collector reads events of a type.
     *
     * @param type an event's type
     * @return true to be called with the events of this type
     */
    boolean collects(EventType type);

    /**
     * Reads one event and puts what later upcasts need into the context.
     *
     * @param event an event of a type this collector {@link #collects(EventType) collects}
     * @param context the context being built
     */
    void collect(StoredEvent event, MutableUpcastContext context);

    /**
     * The prefixes of the persistence ids whose events this collector reads, e.g. {@code "projects-"}. When every
     * collector names its prefixes, the first pass reads only those ids instead of the whole journal. Empty (the
     * default) means any id.
     */
    default java.util.Set<String> persistenceIdPrefixes() {
        return java.util.Set.of();
    }
}
