package io.recast.engine.upcast;

import java.util.Optional;

/**
 * Read-only lookups for upcasters, built in a first pass over the journal.
 *
 * <p>Some upcasts need facts that the event itself does not carry, such as the base IRI of the project
 * a resource belongs to. {@link ContextCollector}s gather such facts into a {@link MutableUpcastContext}
 * during a first pass; the second pass hands the result to every upcaster. Entries are addressed by a
 * typed {@link ContextKey} and an id (for example a project's id).
 *
 * <p>Implementations are thread-safe.
 */
public interface UpcastContext {

    /**
     * Looks an entry up.
     *
     * @param key the kind of entry
     * @param id the id the entry belongs to
     * @param <T> the type of the value
     * @return the value, or empty if the first pass did not collect one
     */
    <T> Optional<T> get(ContextKey<T> key, String id);

    /**
     * Looks an entry up that must exist.
     *
     * @param key the kind of entry
     * @param id the id the entry belongs to
     * @param <T> the type of the value
     * @return the value
     * @throws MissingContextException if the first pass did not collect it; the chain reports the event
     *     as a {@code MISSING_CONTEXT} failure
     */
    default <T> T require(ContextKey<T> key, String id) {
        return get(key, id).orElseThrow(() -> new MissingContextException(key, id));
    }

    /**
     * A context without entries, for chains that need no lookups.
     *
     * @return the empty context
     */
    static UpcastContext empty() {
        return FrozenUpcastContext.EMPTY;
    }

    /**
     * Starts a context to fill, for a first pass or a test.
     *
     * @return a new, empty, mutable context
     */
    static MutableUpcastContext builder() {
        return new MutableUpcastContext();
    }
}
