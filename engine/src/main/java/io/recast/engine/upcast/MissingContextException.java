package io.recast.engine.upcast;

/**
 * Thrown by {@link UpcastContext#require(ContextKey, String)} when the first pass collected no entry for
 * a key and id. The chain reports the event as a {@code MISSING_CONTEXT} failure.
 */
public class MissingContextException extends RuntimeException {

    /** The kind of entry that was looked up. */
    private final ContextKey<?> key;

    /** The id that has no entry. */
    private final String id;

    /**
     * Creates the exception.
     *
     * @param key the kind of entry that was looked up
     * @param id the id that has no entry
     */
    public MissingContextException(ContextKey<?> key, String id) {
        super("No context entry " + key + " for id '" + id + "': the first pass did not collect it. Register a"
                + " ContextCollector for it in the UpcasterSet, or check that the event it comes from is in the"
                + " journal");
        this.key = key;
        this.id = id;
    }

    /**
     * The kind of entry that was looked up.
     *
     * @return the key
     */
    public ContextKey<?> key() {
        return key;
    }

    /**
     * The id that has no entry.
     *
     * @return the id
     */
    public String id() {
        return id;
    }
}
