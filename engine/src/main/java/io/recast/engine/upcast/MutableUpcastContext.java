package io.recast.engine.upcast;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The context that {@link ContextCollector}s fill during the first pass over the journal.
 *
 * <p>Thread-safe, so several token ranges can be collected at once. A later {@link #put} for the same key
 * and id replaces the earlier value. Hand {@link #snapshot()} to the chain once the pass is done.
 */
public final class MutableUpcastContext implements UpcastContext {

    private final Map<ContextKey<?>, Map<String, Object>> entries = new ConcurrentHashMap<>();

    /** Creates an empty context; {@link UpcastContext#builder()} does the same. */
    public MutableUpcastContext() {
    }

    /**
     * Adds or replaces an entry.
     *
     * @param key the kind of entry
     * @param id the id the entry belongs to
     * @param value the value, an instance of the key's type
     * @param <T> the type of the value
     * @return this context, to chain calls
     * @throws IllegalArgumentException if the value is not an instance of the key's type (possible through
     *     raw types)
     */
    public <T> MutableUpcastContext put(ContextKey<T> key, String id, T value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(value, "value");
        if (!key.type().isInstance(value)) {
            throw new IllegalArgumentException("Context key " + key + " holds " + key.type().getName()
                    + " values; got a " + value.getClass().getName() + " for id '" + id + "'");
        }
        entries.computeIfAbsent(key, k -> new ConcurrentHashMap<>()).put(id, value);
        return this;
    }

    @Override
    public <T> Optional<T> get(ContextKey<T> key, String id) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(id, "id");
        Map<String, Object> values = entries.get(key);
        return values == null ? Optional.empty() : Optional.ofNullable(values.get(id)).map(key.type()::cast);
    }

    /**
     * The number of entries under a key.
     *
     * @param key the kind of entry
     * @return how many ids have a value
     */
    public int size(ContextKey<?> key) {
        Map<String, Object> values = entries.get(key);
        return values == null ? 0 : values.size();
    }

    /**
     * An immutable copy of the entries so far.
     *
     * @return a context that later {@link #put} calls do not change
     */
    public UpcastContext snapshot() {
        return new FrozenUpcastContext(entries);
    }

    /** Every entry, key by key and id by id: an immutable copy, for saving the context between runs. */
    public Map<ContextKey<?>, Map<String, Object>> entries() {
        Map<ContextKey<?>, Map<String, Object>> copy = new java.util.LinkedHashMap<>();
        entries.forEach((key, values) -> copy.put(key, Map.copyOf(values)));
        return java.util.Collections.unmodifiableMap(copy);
    }

    @Override
    public String toString() {
        return "Mutable" + snapshot();
    }
}
